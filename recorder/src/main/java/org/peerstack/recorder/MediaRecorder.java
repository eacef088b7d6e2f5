package org.peerstack.recorder;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.peerstack.config.PeerstackConfig;
import org.peerstack.config.RecorderConfig;
import org.peerstack.event.Event;
import org.peerstack.event.EventDispatcher;
import org.peerstack.event.EventListener;
import org.peerstack.event.EventTarget;
import org.peerstack.event.EventType;
import org.peerstack.exc.EncodingException;
import org.peerstack.exc.InvalidModificationException;
import org.peerstack.exc.InvalidStateException;
import org.peerstack.exc.NotSupportedException;
import org.peerstack.exc.PeerstackException;
import org.peerstack.exc.TypeException;
import org.peerstack.internal.recorder.RecorderEngine;
import org.peerstack.internal.recorder.RecorderSettings;
import org.peerstack.internal.recorder.RecorderStats;
import org.peerstack.media.Blob;
import org.peerstack.media.MediaKind;
import org.peerstack.media.MediaStream;
import org.peerstack.media.MediaStreamTrack;
import org.peerstack.media.MediaStreamTrackState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * W3C {@code MediaRecorder} (MediaStream Recording): records a {@link MediaStream} into WebM, fragmented
 * MP4, Matroska or Ogg chunks, delivered as {@link BlobEvent}s.
 *
 * <pre>{@code
 * try (MediaRecorder recorder = new MediaRecorder(stream)) {
 *     List<Blob> chunks = new ArrayList<>();
 *     recorder.addEventListener(MediaRecorder.DATA_AVAILABLE, e -> chunks.add(e.data()));
 *     recorder.addEventListener(MediaRecorder.STOP, e -> save(Blob.concat(chunks, recorder.mimeType())));
 *     recorder.start(1000);
 *     ...
 *     recorder.stop();
 * }
 * }</pre>
 *
 * <h2>Behaviour</h2>
 * <ul>
 *   <li>{@link #state()} changes at once in {@code start/stop/pause/resume}; the events follow on a
 *       peerstack event thread, in order ({@code org.peerstack.event} contract): {@code start},
 *       {@code pause}/{@code resume}, {@code dataavailable}*, {@code error}?, final {@code dataavailable},
 *       {@code stop}.</li>
 *   <li>Every chunk after the first starts on a container boundary (WebM Cluster, MP4 {@code moof},
 *       Ogg page); all chunks concatenated are one valid file. See {@code docs/recording.md}.</li>
 *   <li>Ends by itself when every recorded track has ended (incl. stopped by the application):
 *       {@code dataavailable}, {@code stop}. Adding or removing a track of the stream while recording
 *       (checked every {@code recorder.track-check-ms}, 50 ms by default): {@code error} with
 *       {@link InvalidModificationException}, {@code dataavailable}, {@code stop}.</li>
 *   <li>The first live video and the first live audio track are recorded (as in Chromium); further
 *       tracks of the same kind are ignored. Disabled tracks record black/silence; muted tracks too
 *       (the gap is filled).</li>
 *   <li>Each recording has its own worker thread owning the native encoders; track sinks only copy and
 *       enqueue. {@link #close()} stops and waits for the native memory to be freed.</li>
 * </ul>
 * Where the spec is silent this follows Chromium (e.g. {@code start()} on a stream without live tracks
 * throws {@link NotSupportedException}).
 */
public final class MediaRecorder implements EventTarget, AutoCloseable {

    /** Recording has begun. */
    public static final EventType<Event> START = EventType.of("start", Event.class);
    /** Recording has ended; the last {@code dataavailable} came before. */
    public static final EventType<Event> STOP = EventType.of("stop", Event.class);
    /** A chunk of the recording. */
    public static final EventType<BlobEvent> DATA_AVAILABLE = EventType.of("dataavailable", BlobEvent.class);
    /** Recording was paused. */
    public static final EventType<Event> PAUSE = EventType.of("pause", Event.class);
    /** Recording was resumed. */
    public static final EventType<Event> RESUME = EventType.of("resume", Event.class);
    /** Recording failed; it stops. */
    public static final EventType<MediaRecorderErrorEvent> ERROR =
            EventType.of("error", MediaRecorderErrorEvent.class);

    private static final Logger LOG = LoggerFactory.getLogger(MediaRecorder.class);

    private final MediaStream stream;
    private final MediaRecorderOptions options;
    private final RecorderConfig config;
    private final EventDispatcher events;
    private final RecorderRuntime runtime;
    private String mimeType;
    /** The type {@code start()} chose; {@link #mimeType} takes it in the task that fires {@code start}. */
    private String startedMimeType;
    private long videoBitsPerSecond;
    private long audioBitsPerSecond;
    private BlobSink blobSink;
    private Recording current;
    private boolean closed;

    /** A recorder with the default type and bitrates. */
    public MediaRecorder(MediaStream stream) {
        this(stream, MediaRecorderOptions.defaults());
    }

    /** A recorder using the {@code recorder:} section of {@link PeerstackConfig#load()}. */
    public MediaRecorder(MediaStream stream, MediaRecorderOptions options) {
        this(stream, options, RecordingChoice.defaultConfig());
    }

    /**
     * @throws NotSupportedException if {@code options.mimeType()} is not empty and not
     *                               {@link #isTypeSupported supported}
     */
    public MediaRecorder(MediaStream stream, MediaRecorderOptions options, RecorderConfig config) {
        this(stream, options, config, RecorderRuntime.defaults());
    }

    /**
     * A recorder on the threads and clock of {@code runtime} (see {@link RecorderRuntime}).
     *
     * @throws NotSupportedException if {@code options.mimeType()} is not empty and not
     *                               {@link #isTypeSupported supported}
     */
    public MediaRecorder(MediaStream stream, MediaRecorderOptions options, RecorderConfig config,
                         RecorderRuntime runtime) {
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.events = new EventDispatcher(runtime.eventLoop());
        if (stream == null) {
            throw new TypeException("stream must not be null");
        }
        this.stream = stream;
        this.options = Objects.requireNonNull(options, "options");
        this.config = Objects.requireNonNull(config, "config");
        if (!isTypeSupported(options.mimeType())) {
            throw new NotSupportedException("cannot record '" + options.mimeType()
                    + "': see MediaRecorder.isTypeSupported and docs/recording.md");
        }
        this.mimeType = options.mimeType();
        // Registered first, so it runs before every application listener of the same start event (W3C:
        // mimeType is set in the task that fires start, not synchronously in start()).
        events.add(START, e -> takeStartedMimeType());
        // provisional: as if the stream had both kinds (the spec checks the tracks only at start)
        applyBitrates(RecordingChoice.settings(options, true, true, config));
    }

    /**
     * W3C {@code isTypeSupported}: true if a recording of this MIME type can be made here: {@code ""}, or
     * a known container with at most one audio and one video codec (ids compared case-insensitively)
     * whose encoders the loaded FFmpeg build provides. docs/recording.md has the full table beside
     * Chromium 156's answers.
     */
    public static boolean isTypeSupported(String type) {
        return RecordingChoice.isTypeSupported(type);
    }

    private void applyBitrates(RecorderSettings s) {
        videoBitsPerSecond = s.videoBitsPerSecond();
        audioBitsPerSecond = s.audioBitsPerSecond();
    }

    public MediaStream stream() {
        return stream;
    }

    /**
     * The requested type as given (possibly {@code ""}) until the {@code start} event; from the task that
     * fires it on (W3C: not synchronously in {@link #start}), the container and codecs actually written,
     * e.g. {@code video/webm;codecs=vp8,opus}. A {@code start} listener already reads the new value.
     */
    public synchronized String mimeType() {
        return mimeType;
    }

    public synchronized RecordingState state() {
        // The current recording's engine owns the state machine; this is its W3C view.
        if (current == null) {
            return RecordingState.INACTIVE;
        }
        return switch (current.engine().state()) {
            case RECORDING -> RecordingState.RECORDING;
            case PAUSED -> RecordingState.PAUSED;
            case INACTIVE, STOPPING, STOPPED -> RecordingState.INACTIVE;
        };
    }

    /** Video bitrate in use (bits per second); recomputed at {@code start} when {@code bitsPerSecond} was given. */
    public synchronized long videoBitsPerSecond() {
        return videoBitsPerSecond;
    }

    /** Audio bitrate in use (bits per second); recomputed at {@code start} when {@code bitsPerSecond} was given. */
    public synchronized long audioBitsPerSecond() {
        return audioBitsPerSecond;
    }

    /**
     * Also writes every chunk to {@code sink} on the recorder's thread, before its {@code dataavailable}
     * event; a sink that throws stops the recording with an error (see {@link BlobSink}). Non-W3C.
     * {@code null} removes it. Takes effect at the next {@link #start}.
     */
    public synchronized void setBlobSink(BlobSink sink) {
        this.blobSink = sink;
    }

    /** {@link #start(long)} without a timeslice: one chunk at stop (plus {@link #requestData()}). */
    public void start() {
        start(0);
    }

    /**
     * Starts recording. With {@code timeslice > 0} a chunk is delivered each time the recording advances
     * by {@code max(timeslice, recorder.min-timeslice-ms)} milliseconds.
     *
     * <p>If a previous recording of this recorder is still delivering its last chunk, this waits (at most
     * {@code recorder.close-timeout-ms}) until its {@code stop} event has been fired, so that events stay
     * in order.
     *
     * @throws InvalidStateException if not inactive or closed
     * @throws NotSupportedException if the stream has no live track, or the type cannot record its tracks
     * @throws TypeException         if {@code timeslice} is negative (WebIDL {@code unsigned long})
     */
    public void start(long timeslice) {
        if (timeslice < 0 || timeslice > 0xFFFF_FFFFL) {
            throw new TypeException("timeslice must be an unsigned 32-bit value (got " + timeslice + ")");
        }
        Recording previous;
        synchronized (this) {
            checkOpen();
            if (state() != RecordingState.INACTIVE) {
                throw new InvalidStateException("start() needs state inactive, it is " + state());
            }
            previous = current;
        }
        if (previous != null) {
            awaitStopped(previous.engine());
        }
        synchronized (this) {
            checkOpen();
            if (state() != RecordingState.INACTIVE || current != previous) {
                throw new InvalidStateException("start() raced with another start(); state is " + state());
            }
            List<MediaStreamTrack> live = new ArrayList<>();
            for (MediaStreamTrack t : stream.getTracks()) {
                if (t.readyState() == MediaStreamTrackState.LIVE) {
                    live.add(t);
                }
            }
            if (live.isEmpty()) {
                throw new NotSupportedException("the stream has no live track to record");
            }
            boolean video = live.stream().anyMatch(t -> t.kind() == MediaKind.VIDEO);
            boolean audio = live.stream().anyMatch(t -> t.kind() == MediaKind.AUDIO);
            RecorderSettings s = RecordingChoice.settings(options, video, audio, config);
            // the first live track of each kind the type records, as Chromium does
            List<MediaStreamTrack> recorded = new ArrayList<>();
            live.stream().filter(t -> t.kind() == MediaKind.VIDEO && s.type().hasVideo()).findFirst()
                    .ifPresent(recorded::add);
            live.stream().filter(t -> t.kind() == MediaKind.AUDIO && s.type().hasAudio()).findFirst()
                    .ifPresent(recorded::add);
            Recording r = new Recording(this, stream, recorded, s, blobSink, runtime);
            current = r;
            applyBitrates(s);
            startedMimeType = s.type().mimeType();
            events.dispatch(new Event(START, this));
            r.start(timeslice); // the engine is recording from here on: state() reads it
        }
    }

    private synchronized void takeStartedMimeType() {
        if (startedMimeType != null) {
            mimeType = startedMimeType;
            startedMimeType = null;
        }
    }

    private synchronized void checkOpen() {
        if (closed) {
            throw new InvalidStateException("the MediaRecorder is closed");
        }
    }

    /** Stops recording: state {@code inactive} at once, then the final {@code dataavailable} and {@code stop}. */
    public synchronized void stop() {
        if (state() == RecordingState.INACTIVE) {
            return;
        }
        endRecording(current);
    }

    /** @throws InvalidStateException if inactive */
    public synchronized void pause() {
        requireActive("pause");
        if (state() == RecordingState.PAUSED) {
            return;
        }
        current.engine().pause();
        events.dispatch(new Event(PAUSE, this));
    }

    /** @throws InvalidStateException if inactive */
    public synchronized void resume() {
        requireActive("resume");
        if (state() == RecordingState.RECORDING) {
            return;
        }
        current.engine().resume();
        events.dispatch(new Event(RESUME, this));
    }

    /**
     * Delivers everything recorded so far as a {@code dataavailable} (possibly empty) and begins a new chunk.
     *
     * @throws InvalidStateException if inactive
     */
    public synchronized void requestData() {
        requireActive("requestData");
        current.engine().requestData();
    }

    private void requireActive(String method) {
        if (state() == RecordingState.INACTIVE) {
            throw new InvalidStateException(method + "() needs a started recording; state is inactive");
        }
    }

    /** Stops if recording and waits (up to {@code recorder.close-timeout-ms}) for native memory to be freed. Idempotent. */
    @Override
    public void close() {
        Recording r;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            stop();
            r = current;
        }
        if (r != null) {
            r.engine().close();
        }
    }

    @Override
    public <E extends Event> void addEventListener(EventType<E> type, EventListener<? super E> listener) {
        events.add(type, listener);
    }

    @Override
    public <E extends Event> void removeEventListener(EventType<E> type, EventListener<? super E> listener) {
        events.remove(type, listener);
    }

    private void awaitStopped(RecorderEngine engine) {
        try {
            engine.stopped().get(config.closeTimeoutMs(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InvalidStateException("interrupted while the previous recording was finishing", e);
        } catch (ExecutionException e) {
            // reported through its events already
        } catch (TimeoutException e) {
            throw new InvalidStateException("the previous recording did not finish within "
                    + config.closeTimeoutMs() + " ms (recorder.close-timeout-ms)");
        }
    }

    /** Engine told to finish (state inactive at once), sinks off; it then delivers the last chunk and stops. */
    private void endRecording(Recording r) {
        r.engine().stop();
        r.detach();
    }

    // ---- called by Recording (monitor thread or the engine's worker) ----

    synchronized void trackSetChanged(Recording r) {
        failAndEnd(r, new InvalidModificationException(
                "a track was added to or removed from the recorded stream while recording"));
    }

    synchronized void allTracksEnded(Recording r) {
        if (r == current && r.engine().isActive()) {
            endRecording(r);
        }
    }

    synchronized void checkFailed(Recording r, RuntimeException e) {
        LOG.warn("recording check failed", e);
        failAndEnd(r, new EncodingException("recording check failed: " + e, e));
    }

    /**
     * state inactive and sinks off now; the engine reports {@code error} (→ {@link #engineFailed}) after
     * the chunks of media it already holds and before the final chunk, so a slice cut late never
     * follows the {@code error} event.
     */
    private void failAndEnd(Recording r, PeerstackException error) {
        if (r == current && r.engine().isActive()) {
            r.engine().stop(error);
            r.detach();
        }
    }

    /** The engine failed; it has already left the active states (an error ends a recording). */
    synchronized void engineFailed(Recording r, PeerstackException error) {
        if (r != current) {
            return;
        }
        r.detach();
        events.dispatch(new MediaRecorderErrorEvent(ERROR, this, error));
    }

    synchronized void dataAvailable(Recording r, Blob blob, long timecodeMs) {
        events.dispatch(new BlobEvent(DATA_AVAILABLE, this, blob, timecodeMs));
    }

    synchronized void stopped(Recording r, RecorderStats stats) {
        LOG.debug("recording stopped: {}", stats);
        events.dispatch(new Event(STOP, this));
    }

    @Override
    public String toString() {
        return "MediaRecorder[" + state() + ", " + mimeType() + ", " + stream + "]";
    }
}
