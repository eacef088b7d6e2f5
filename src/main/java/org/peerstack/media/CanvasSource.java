package org.peerstack.media;

import java.awt.image.DataBufferInt;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.peerstack.exc.NotReadableException;
import org.peerstack.internal.media.ArgbFrames;
import org.peerstack.internal.natives.WebRtcNatives;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The source behind {@link CanvasCaptureMediaStreamTrack}: copies the canvas's ARGB pixels under the
 * canvas lock into a direct buffer, then converts them to I420 with libyuv ({@link ArgbFrames}) and
 * delivers the frame. All
 * canvas captures run on one daemon thread, {@code peerstack-canvas}.
 */
final class CanvasSource extends MediaTrackSource {

    /** Highest capture rate accepted by {@code captureStream} (frames per second). */
    static final double MAX_FRAME_RATE = 240;

    private static final Logger LOG = LoggerFactory.getLogger(CanvasSource.class);
    private static final ScheduledThreadPoolExecutor THREAD = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "peerstack-canvas");
        t.setDaemon(true);
        return t;
    });

    static {
        THREAD.setRemoveOnCancelPolicy(true);
    }

    private final MediaCanvas canvas;
    /** Frames per second; 0 = on request only; negative = after each draw. */
    private final double frameRate;
    private final AtomicLong captured = new AtomicLong();
    private final java.util.concurrent.atomic.AtomicBoolean drawPending = new java.util.concurrent.atomic.AtomicBoolean();
    private final ArgbFrames converter = new ArgbFrames();
    private ScheduledFuture<?> timer;
    private volatile boolean stopped;

    private CanvasSource(MediaCanvas canvas, double frameRate) {
        super(MediaKind.VIDEO, "Canvas " + canvas.width() + "x" + canvas.height());
        this.canvas = canvas;
        this.frameRate = frameRate;
    }

    static CanvasCaptureMediaStreamTrack capture(MediaCanvas canvas, double frameRate) {
        WebRtcNatives.load();
        CanvasSource source = new CanvasSource(canvas, frameRate);
        source.start(MediaTrackConstraints.empty());
        return (CanvasCaptureMediaStreamTrack) source.createTrack();
    }

    @Override
    MediaStreamTrack newTrack(MediaTrackConstraints constraints) {
        return new CanvasCaptureMediaStreamTrack(this, constraints);
    }

    MediaCanvas canvas() {
        return canvas;
    }

    /** Captures so far, whether or not a sink saw them. */
    long framesCaptured() {
        return captured.get();
    }

    /** Waits until every capture queued so far has run (for tests). */
    static void flush() throws Exception {
        THREAD.submit(() -> { }).get(30, TimeUnit.SECONDS);
    }

    @Override
    public MediaTrackCapabilities capabilities() {
        MediaTrackCapabilities.Builder b = MediaTrackCapabilities.newBuilder().width(canvas.width(), canvas.width())
                .height(canvas.height(), canvas.height()).resizeMode(VideoResizeMode.NONE);
        if (frameRate >= 0) {
            b.frameRate(frameRate, frameRate);
        }
        return b.build();
    }

    @Override
    protected MediaTrackSettings defaultSettings() {
        MediaTrackSettings.Builder b = MediaTrackSettings.newBuilder().width(canvas.width()).height(canvas.height())
                .resizeMode(VideoResizeMode.NONE);
        if (frameRate >= 0) {
            b.frameRate(frameRate);
        }
        return b.build();
    }

    @Override
    protected void onStart(MediaTrackSettings settings) {
        canvas.sources.add(this);
        THREAD.execute(this::captureNow);
        if (frameRate > 0) {
            long period = Math.round(1e9 / frameRate);
            timer = THREAD.scheduleAtFixedRate(this::captureNow, period, period, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    protected void onStop() {
        stopped = true;
        canvas.sources.remove(this);
        if (timer != null) {
            timer.cancel(false);
        }
    }

    void requestFrame() {
        if (!stopped) {
            THREAD.execute(this::captureNow);
        }
    }

    /** After a draw: one capture queued at a time, so fast drawing coalesces instead of piling up. */
    void drawn() {
        if (frameRate < 0 && !stopped && drawPending.compareAndSet(false, true)) {
            THREAD.execute(() -> {
                drawPending.set(false);
                captureNow();
            });
        }
    }

    private void captureNow() {
        if (stopped) {
            return;
        }
        captured.incrementAndGet();
        if (!hasSinks()) {
            return;
        }
        int w = canvas.width();
        int h = canvas.height();
        synchronized (canvas.lock()) {
            converter.copy(((DataBufferInt) canvas.image().getRaster().getDataBuffer()).getData(), w, h);
        }
        VideoFrame frame;
        try {
            frame = converter.convert(w, h, System.nanoTime());
        } catch (NotReadableException e) {
            LOG.warn("canvas capture failed; ending the track", e);
            end();
            return;
        }
        try {
            deliverVideo(frame);
        } finally {
            frame.release();
        }
    }
}
