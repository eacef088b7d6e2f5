package org.peerstack.sfu.recorder;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.peerstack.event.EventDispatcher;
import org.peerstack.event.EventListener;
import org.peerstack.event.EventTarget;
import org.peerstack.event.EventType;
import org.peerstack.sfu.SfuTap;
import org.peerstack.sfu.SfuTrack;
import org.peerstack.sfu.recorder.internal.RecordingSession;

/**
 * A running passthrough recording started by {@link SfuRecorder#record}. {@link #close()} finalises the
 * file; the file on disk is playable at any moment before (it grows by whole clusters/fragments).
 * {@link #STOP} fires once when it has ended (closed, or every recorded track ended), {@link #ERROR}
 * before it when writing failed. Events come on the peerstack event thread.
 */
public final class SfuRecording implements EventTarget, AutoCloseable {

    public static final EventType<SfuRecordingEvent> STOP = EventType.of("stop", SfuRecordingEvent.class);
    public static final EventType<SfuRecordingEvent> ERROR = EventType.of("error", SfuRecordingEvent.class);

    /** Counters of a recording (see {@link #stats()}). */
    public record Stats(long framesWritten, long framesDropped, long packetsLost, long packetsDroppedQueueFull,
            long sourceChanges, long keyframeRequests, long bytesWritten) {
    }

    private final Path path;
    private final List<SfuTrack> tracks;
    private final EventDispatcher events = new EventDispatcher();
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private volatile RecordingSession session;
    private volatile List<SfuTap> taps = List.of();
    private volatile int ended;

    SfuRecording(Path path, List<SfuTrack> tracks) {
        this.path = path;
        this.tracks = List.copyOf(tracks);
    }

    void start(RecordingSession session, List<SfuTap> taps) {
        this.session = session;
        this.taps = List.copyOf(taps);
    }

    void stopped(Throwable error) {
        for (SfuTap t : taps) {
            t.close();
        }
        if (error != null) {
            events.dispatch(new SfuRecordingEvent(ERROR, this, error));
        }
        events.dispatch(new SfuRecordingEvent(STOP, this, error), () -> stopped.complete(null));
    }

    /** A recorded track ended; when all have, the recording finishes by itself. */
    synchronized void trackEnded() {
        if (++ended == tracks.size()) {
            Thread t = new Thread(this::close, "peerstack-sfu-recording-end");
            t.setDaemon(true);
            t.start();
        }
    }

    public Path path() {
        return path;
    }

    public List<SfuTrack> tracks() {
        return tracks;
    }

    public Stats stats() {
        RecordingSession s = session;
        if (s == null) {
            return new Stats(0, 0, 0, 0, 0, 0, 0);
        }
        RecordingSession.Stats v = s.stats();
        return new Stats(v.framesWritten(), v.framesDropped(), v.packetsLost(), v.packetsDroppedQueueFull(), v.ssrcChanges(),
                v.keyframeRequests(), v.bytesWritten());
    }

    /** Completes after {@link #STOP} has been delivered. */
    public CompletableFuture<Void> stopped() {
        return stopped;
    }

    @Override
    public <E extends org.peerstack.event.Event> void addEventListener(EventType<E> type, EventListener<? super E> listener) {
        events.add(type, listener);
    }

    @Override
    public <E extends org.peerstack.event.Event> void removeEventListener(EventType<E> type, EventListener<? super E> listener) {
        events.remove(type, listener);
    }

    /** Stops taking packets, writes the container's trailer and closes the file. Idempotent; blocks (bounded). */
    @Override
    public void close() {
        for (SfuTap t : taps) {
            t.close();
        }
        RecordingSession s = session;
        if (s != null) {
            s.close();
        }
    }

    @Override
    public String toString() {
        return "SfuRecording[" + path + "]";
    }
}
