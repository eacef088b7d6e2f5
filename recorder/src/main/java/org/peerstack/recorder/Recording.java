package org.peerstack.recorder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.peerstack.exc.PeerstackException;
import org.peerstack.internal.recorder.Chunk;
import org.peerstack.internal.recorder.RecorderEngine;
import org.peerstack.internal.recorder.RecorderListener;
import org.peerstack.internal.recorder.RecorderSettings;
import org.peerstack.internal.recorder.RecorderStats;
import org.peerstack.media.AudioData;
import org.peerstack.media.AudioSink;
import org.peerstack.media.Blob;
import org.peerstack.media.MediaKind;
import org.peerstack.media.MediaStream;
import org.peerstack.media.MediaStreamTrack;
import org.peerstack.media.MediaStreamTrackState;
import org.peerstack.media.VideoFrame;
import org.peerstack.media.VideoSink;

/**
 * One recording, from {@code start()} to its {@code stop} event: the engine, the track sinks that feed
 * it and the periodic check of the stream. A {@link MediaRecorder} makes a new one for each start.
 *
 * <p>Timestamps: each track's own timestamps are kept (so delivery jitter does not show), moved onto
 * the runtime's clock ({@link RecorderRuntime#nanoClock()}, by default {@code System.nanoTime()}) by an
 * offset taken when the track's first frame or buffer arrives. Audio and video therefore share one
 * clock whatever their sources use (the fake microphone counts samples, remote and native tracks use
 * libwebrtc's monotonic clock).
 *
 * <p>The check (every {@code recorder.track-check-ms}) runs on the runtime's scheduler
 * ({@link RecorderRuntime#scheduler()}, by default one shared {@code peerstack-recorder-monitor} daemon
 * thread). The application's own {@code stream.addTrack/removeTrack} fire no event, so the stream's
 * track set is compared with the set at start; a difference is an {@code InvalidModificationError}.
 * When every recorded track has ended (the source ended, or the application stopped the tracks) the
 * recording stops. A muted track delivers nothing, so the check fills the time with black frames (of
 * the last frame's size, or the track's settings) and silence.
 */
final class Recording implements RecorderListener {

    /** Sample rate and channel count of the silence put in for a muted audio track. */
    private static final int SILENCE_RATE = 48_000;
    /** Luma and chroma of a black I420 frame (limited range). */
    private static final byte BLACK_Y = 16;
    private static final byte BLACK_UV = (byte) 128;

    /** {@code recorder.track-check-ms}. */
    private final long trackCheckMs;
    /** {@code recorder.max-track-clock-skew-ms}, in nanoseconds. */
    private final long maxSkewNs;
    private final MediaRecorder owner;
    /** Where the check runs ({@link RecorderRuntime#scheduler()}). */
    private final ScheduledExecutorService monitor;
    /** The clock arrivals and gaps are measured on ({@link RecorderRuntime#nanoClock()}). */
    private final java.util.function.LongSupplier clock;
    private final MediaStream stream;
    private final RecorderEngine engine;
    private final BlobSink blobSink;
    private final List<MediaStreamTrack> tracks;
    private final Set<MediaStreamTrack> trackSet;
    private final List<Feed> feeds;
    private final long frameIntervalNs;
    /** Whether the sinks and the check are attached (bookkeeping only: the engine owns the recording's state). */
    private boolean attached;
    private ScheduledFuture<?> check;
    // written by sinks, read by the check
    private volatile long lastVideoNs;
    private volatile int lastWidth;
    private volatile int lastHeight;
    private volatile long audioEndNs;
    private ByteBuffer[] black;

    Recording(MediaRecorder owner, MediaStream stream, List<MediaStreamTrack> tracks, RecorderSettings settings,
              BlobSink blobSink, RecorderRuntime runtime) {
        this.owner = owner;
        this.monitor = runtime.scheduler();
        this.clock = runtime.nanoClock();
        this.stream = stream;
        this.tracks = List.copyOf(tracks);
        this.engine = new RecorderEngine(settings, this);
        this.blobSink = blobSink;
        Set<MediaStreamTrack> set = Collections.newSetFromMap(new IdentityHashMap<>());
        set.addAll(stream.getTracks());
        this.trackSet = set;
        this.feeds = this.tracks.stream().map(Feed::new).toList();
        this.frameIntervalNs = TimeUnit.SECONDS.toNanos(1) / engine.settings().config().frameRateHint();
        this.trackCheckMs = engine.settings().config().trackCheckMs();
        this.maxSkewNs = TimeUnit.MILLISECONDS.toNanos(engine.settings().config().maxTrackClockSkewMs());
    }

    RecorderEngine engine() {
        return engine;
    }

    /** Attaches the sinks, starts the engine and the periodic check. */
    synchronized void start(long timesliceMs) {
        long now = clock.getAsLong();
        lastVideoNs = now;
        audioEndNs = now;
        engine.start(timesliceMs);
        if (!engine.isActive()) {
            return; // the engine already ended (e.g. failed to open): attach nothing
        }
        attached = true;
        for (Feed f : feeds) {
            if (f.track.kind() == MediaKind.VIDEO) {
                f.track.addVideoSink(f);
            } else {
                f.track.addAudioSink(f);
            }
        }
        check = monitor.scheduleWithFixedDelay(this::check, trackCheckMs, trackCheckMs, TimeUnit.MILLISECONDS);
    }

    /** Removes the sinks and the check; media no longer reaches the engine. Idempotent. */
    synchronized void detach() {
        if (!attached) {
            return;
        }
        attached = false;
        if (check != null) {
            check.cancel(false);
        }
        for (Feed f : feeds) {
            if (f.track.kind() == MediaKind.VIDEO) {
                f.track.removeSink((VideoSink) f);
            } else {
                f.track.removeSink((AudioSink) f);
            }
        }
    }

    /** The sink on one track: copies into the engine with the track's timestamps on the runtime's clock. */
    private final class Feed implements VideoSink, AudioSink {

        final MediaStreamTrack track;
        private long offsetNs;
        private long lastStampNs = Long.MIN_VALUE;
        private boolean anchored;

        Feed(MediaStreamTrack track) {
            this.track = track;
        }

        /**
         * The source's time {@code sourceNs} on the runtime's clock, anchored at the first item. A source
         * whose timestamps do not advance (e.g. always 0) or drift more than
         * {@code recorder.max-track-clock-skew-ms} from arrival is re-anchored at the arrival time, so bad
         * source clocks cannot stall the recording.
         */
        private long stamp(long sourceNs) {
            long now = clock.getAsLong();
            long mapped = sourceNs + offsetNs;
            if (!anchored || mapped <= lastStampNs || Math.abs(mapped - now) > maxSkewNs) {
                anchored = true;
                offsetNs = now - sourceNs;
                mapped = now;
            }
            lastStampNs = mapped;
            return mapped;
        }

        @Override
        public void onFrame(VideoFrame frame) {
            if (!engine.isActive()) {
                return;
            }
            long at = stamp(frame.timestampNs());
            lastWidth = frame.width();
            lastHeight = frame.height();
            lastVideoNs = clock.getAsLong();
            engine.pushVideo(frame.dataY(), frame.strideY(), frame.dataU(), frame.strideU(), frame.dataV(),
                    frame.strideV(), frame.width(), frame.height(), at);
        }

        @Override
        public void onData(AudioData data) {
            if (!engine.isActive()) {
                return;
            }
            long at = stamp(TimeUnit.MICROSECONDS.toNanos(data.timestampUs()));
            ByteBuffer pcm = ByteBuffer.allocate(data.frameCount() * data.channelCount() * 2)
                    .order(ByteOrder.nativeOrder());
            pcm.asShortBuffer().put(data.samples());
            audioEndNs = clock.getAsLong();
            engine.pushAudio(pcm, data.sampleRate(), data.channelCount(), data.frameCount(), at);
        }
    }

    private void check() {
        try {
            if (!engine.isActive()) {
                return;
            }
            Set<MediaStreamTrack> now = Collections.newSetFromMap(new IdentityHashMap<>());
            now.addAll(stream.getTracks());
            if (!now.equals(trackSet)) {
                owner.trackSetChanged(this);
                return;
            }
            if (tracks.stream().allMatch(t -> t.readyState() == MediaStreamTrackState.ENDED)) {
                owner.allTracksEnded(this);
                return;
            }
            fillMuted();
        } catch (RuntimeException e) {
            owner.checkFailed(this, e);
        }
    }

    /** Black frames and silence for the time a live track was muted (it delivers nothing then). */
    private void fillMuted() {
        long now = clock.getAsLong();
        for (MediaStreamTrack t : tracks) {
            if (!t.isMuted() || t.readyState() != MediaStreamTrackState.LIVE) {
                continue;
            }
            if (t.kind() == MediaKind.VIDEO) {
                if (now - lastVideoNs >= 2 * frameIntervalNs) {
                    pushBlack(t, now);
                }
            } else if (now - audioEndNs >= TimeUnit.MILLISECONDS.toNanos(trackCheckMs)) {
                int frames = (int) ((now - audioEndNs) * SILENCE_RATE / TimeUnit.SECONDS.toNanos(1));
                ByteBuffer pcm = ByteBuffer.allocate(frames * 2).order(ByteOrder.nativeOrder());
                engine.pushAudio(pcm, SILENCE_RATE, 1, frames, audioEndNs);
                audioEndNs = now;
            }
        }
    }

    private void pushBlack(MediaStreamTrack track, long now) {
        int w = lastWidth;
        int h = lastHeight;
        if (w == 0) {
            w = track.getSettings().width().orElse(0);
            h = track.getSettings().height().orElse(0);
        }
        if (w <= 0 || h <= 0) {
            return; // no size known yet: nothing sensible to draw
        }
        int cw = (w + 1) / 2;
        int ch = (h + 1) / 2;
        if (black == null || black[0].capacity() != w * h || black[1].capacity() != cw * ch) {
            black = new ByteBuffer[] {filled(w * h, BLACK_Y), filled(cw * ch, BLACK_UV), filled(cw * ch, BLACK_UV)};
        }
        lastVideoNs = now;
        engine.pushVideo(black[0].duplicate(), w, black[1].duplicate(), cw, black[2].duplicate(), cw, w, h, now);
    }

    private static ByteBuffer filled(int size, byte value) {
        ByteBuffer b = ByteBuffer.allocate(size);
        for (int i = 0; i < size; i++) {
            b.put(i, value);
        }
        return b;
    }

    // ---- RecorderListener: the engine's worker thread ----

    @Override
    public void onStart(String mimeType) {
        // the start event was fired by start() itself, in order with pause/resume
    }

    @Override
    public void onData(Chunk chunk) {
        Blob blob = Blob.of(chunk.data(), chunk.mimeType()); // one copy per chunk: a Blob owns its bytes
        if (blobSink != null) {
            try {
                blobSink.write(blob);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        owner.dataAvailable(this, blob, chunk.timecodeMs());
    }

    @Override
    public void onError(PeerstackException error) {
        owner.engineFailed(this, error);
    }

    @Override
    public void onStop(RecorderStats stats) {
        detach();
        owner.stopped(this, stats);
    }
}
