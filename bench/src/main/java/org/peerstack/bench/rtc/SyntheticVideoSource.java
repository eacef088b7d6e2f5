package org.peerstack.bench.rtc;

import java.nio.ByteBuffer;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.peerstack.media.MediaKind;
import org.peerstack.media.MediaTrackCapabilities;
import org.peerstack.media.MediaTrackSettings;
import org.peerstack.media.MediaTrackSource;
import org.peerstack.media.VideoFrame;

/**
 * The raw baseline's moving gradient ({@code SyntheticVideoFeed}) as a peerstack source, so that a
 * benchmark compares the two layers with the same picture and the same cost of making it.
 */
public final class SyntheticVideoSource extends MediaTrackSource {

    private final int width;
    private final int height;
    private final int fps;
    private final byte[] gradient;
    private ScheduledExecutorService thread;
    private long frames;

    public SyntheticVideoSource(int width, int height, int fps) {
        super(MediaKind.VIDEO, "synthetic " + width + "x" + height);
        this.width = width;
        this.height = height;
        this.fps = fps;
        this.gradient = new byte[width * 2];
        for (int i = 0; i < gradient.length; i++) {
            gradient[i] = (byte) (16 + (i % width) * 219 / width);
        }
    }

    @Override
    public MediaTrackCapabilities capabilities() {
        return MediaTrackCapabilities.newBuilder().width(width, width).height(height, height).frameRate(fps, fps).build();
    }

    @Override
    protected MediaTrackSettings defaultSettings() {
        return MediaTrackSettings.newBuilder().width(width).height(height).frameRate(fps).build();
    }

    @Override
    protected void onStart(MediaTrackSettings settings) {
        thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-synthetic-video");
            t.setDaemon(true);
            return t;
        });
        thread.scheduleAtFixedRate(this::push, 0, TimeUnit.SECONDS.toNanos(1) / fps, TimeUnit.NANOSECONDS);
    }

    private void push() {
        long n = frames++;
        VideoFrame frame = VideoFrame.allocate(width, height, System.nanoTime());
        try {
            int shift = (int) ((n * 4) % width);
            ByteBuffer y = frame.writableY();
            for (int row = 0; row < height; row++) {
                y.position(row * frame.strideY());
                y.put(gradient, (shift + row) % width, width);
            }
            fill(frame.writableU(), frame.strideU(), (byte) 128);
            fill(frame.writableV(), frame.strideV(), (byte) (96 + (n % 64)));
            deliverVideo(frame);
        } finally {
            frame.release();
        }
    }

    private void fill(ByteBuffer plane, int stride, byte value) {
        byte[] row = new byte[width / 2];
        java.util.Arrays.fill(row, value);
        for (int r = 0; r < height / 2; r++) {
            plane.position(r * stride);
            plane.put(row);
        }
    }

    @Override
    protected void onStop() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
