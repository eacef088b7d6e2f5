package org.peerstack.internal.baseline;

import dev.onvoid.webrtc.media.video.CustomVideoSource;
import dev.onvoid.webrtc.media.video.NativeI420Buffer;
import dev.onvoid.webrtc.media.video.VideoFrame;
import java.nio.ByteBuffer;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.peerstack.internal.natives.WebRtcNatives;

/**
 * Pushes a moving grey-scale gradient as I420 frames into a webrtc-java {@link CustomVideoSource} at a
 * fixed rate, from one daemon thread. It is the raw-libwebrtc baseline's video: just enough to make the
 * encoder and the network path work realistically (the picture changes every frame), at negligible cost
 * (one bulk copy per row). The user-facing fake camera lives in the media package.
 *
 * <p>{@link #close()} stops the thread and waits for an in-flight push, so the source may be disposed
 * right after it.
 */
public final class SyntheticVideoFeed implements AutoCloseable {

    private final CustomVideoSource source;
    private final int width;
    private final int height;
    private final byte[] gradient;
    private final ScheduledExecutorService thread;
    private final AtomicLong framesPushed = new AtomicLong();

    /** Starts pushing {@code fps} frames per second of {@code width}x{@code height} into {@code source}. */
    public SyntheticVideoFeed(CustomVideoSource source, int width, int height, int fps) {
        if (width <= 0 || height <= 0 || (width & 1) != 0 || (height & 1) != 0) {
            throw new IllegalArgumentException("I420 needs positive even dimensions, got " + width + "x" + height);
        }
        if (fps <= 0 || fps > 120) {
            throw new IllegalArgumentException("fps must be within 1..120, got " + fps);
        }
        WebRtcNatives.load();
        this.source = source;
        this.width = width;
        this.height = height;
        this.gradient = new byte[width * 2];
        for (int i = 0; i < gradient.length; i++) {
            gradient[i] = (byte) (16 + (i % width) * 219 / width);
        }
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "peerstack-synthetic-video");
            t.setDaemon(true);
            return t;
        });
        long periodNanos = TimeUnit.SECONDS.toNanos(1) / fps;
        thread.scheduleAtFixedRate(this::pushOne, 0, periodNanos, TimeUnit.NANOSECONDS);
    }

    /** Frames handed to the source so far. */
    public long framesPushed() {
        return framesPushed.get();
    }

    private void pushOne() {
        long n = framesPushed.get();
        NativeI420Buffer buffer = NativeI420Buffer.allocate(width, height);
        VideoFrame frame = new VideoFrame(buffer, System.nanoTime());
        try {
            int shift = (int) ((n * 4) % width);
            ByteBuffer y = buffer.getDataY();
            int strideY = buffer.getStrideY();
            for (int row = 0; row < height; row++) {
                y.position(row * strideY);
                y.put(gradient, (shift + row) % width, width);
            }
            fill(buffer.getDataU(), buffer.getStrideU(), (byte) 128);
            fill(buffer.getDataV(), buffer.getStrideV(), (byte) (96 + (n % 64)));
            source.pushFrame(frame);
            framesPushed.incrementAndGet();
        } finally {
            frame.release();
        }
    }

    private void fill(ByteBuffer plane, int stride, byte value) {
        int chromaWidth = width / 2;
        byte[] row = new byte[chromaWidth];
        java.util.Arrays.fill(row, value);
        for (int r = 0; r < height / 2; r++) {
            plane.position(r * stride);
            plane.put(row);
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
                throw new IllegalStateException("synthetic video thread did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
