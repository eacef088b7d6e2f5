package org.peerstack.media;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Objects;
import java.util.function.Consumer;
import org.peerstack.exc.NotSupportedException;
import org.peerstack.exc.TypeException;

/**
 * A Java 2D drawing surface whose pictures can become a video track: the peerstack counterpart of an
 * HTML {@code <canvas>} with {@code captureStream()}.
 * <pre>{@code
 * MediaCanvas canvas = new MediaCanvas(1280, 720);
 * MediaStream stream = canvas.captureStream(30);
 * canvas.draw(g -> { g.setColor(Color.RED); g.fillRect(0, 0, 100, 100); });
 * }</pre>
 * Draw through {@link #draw(Consumer)}: it holds the canvas lock, so a capture never sees half a
 * drawing, and marks the canvas changed. Pixels are converted from ARGB to I420 by libyuv
 * (webrtc-java's {@code VideoBufferConverter}) on the capture thread ({@code peerstack-canvas}).
 */
public final class MediaCanvas {

    /** Largest canvas side (pixels). */
    public static final int MAX_SIDE = 7680;

    private final BufferedImage image;
    private final Object lock = new Object();
    final java.util.List<CanvasSource> sources = new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * A transparent canvas of the given size (ARGB); its size is fixed.
     *
     * @param width the width (pixels), 2..{@link #MAX_SIDE}
     * @param height the height (pixels), 2..{@link #MAX_SIDE}
     * @throws TypeException if a side is not within 2..{@link #MAX_SIDE}
     */
    public MediaCanvas(int width, int height) {
        if (width < 2 || height < 2 || width > MAX_SIDE || height > MAX_SIDE) {
            throw new TypeException("canvas size must be within 2.." + MAX_SIDE + " (got " + width + "x" + height + ")");
        }
        this.image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
    }

    /**
     * The canvas width; captured frames have this width.
     *
     * @return width (pixels)
     */
    public int width() {
        return image.getWidth();
    }

    /**
     * The canvas height; captured frames have this height.
     *
     * @return height (pixels)
     */
    public int height() {
        return image.getHeight();
    }

    /**
     * Runs {@code painter} on the canvas's graphics under the canvas lock, on the calling thread; a capture sees
     * all of it or nothing. Marks the canvas changed, so a capture without frame rate produces a frame.
     *
     * @param painter draws on a fresh {@code Graphics2D}, disposed afterwards
     * @throws NullPointerException if {@code painter} is null
     */
    public void draw(Consumer<Graphics2D> painter) {
        Objects.requireNonNull(painter, "painter");
        synchronized (lock) {
            Graphics2D g = image.createGraphics();
            try {
                painter.accept(g);
            } finally {
                g.dispose();
            }
        }
        for (CanvasSource source : sources) {
            source.drawn();
        }
    }

    /**
     * W3C {@code captureStream()} without a frame rate: a new frame after {@link #draw} calls (draws that
     * come faster than the capture thread are coalesced into one frame).
     *
     * @return a new stream with one live {@link CanvasCaptureMediaStreamTrack}
     */
    public MediaStream captureStream() {
        return new MediaStream(java.util.List.of(CanvasSource.capture(this, -1)));
    }

    /**
     * W3C {@code captureStream(frameRate)}: frames at {@code frameRate} per second; 0 means frames only on
     * {@link CanvasCaptureMediaStreamTrack#requestFrame()} (plus one at creation).
     *
     * @param frameRate frames per second, 0..240
     * @return a new stream with one live {@link CanvasCaptureMediaStreamTrack}
     * @throws NotSupportedException if {@code frameRate} is negative, NaN, infinite or above 240 (the spec's
     *     NotSupportedError)
     */
    public MediaStream captureStream(double frameRate) {
        if (!(frameRate >= 0) || Double.isInfinite(frameRate)) {
            throw new NotSupportedException("frameRate must be a finite number >= 0 (got " + frameRate + ")");
        }
        if (frameRate > CanvasSource.MAX_FRAME_RATE) {
            throw new NotSupportedException("frameRate must be at most " + CanvasSource.MAX_FRAME_RATE
                    + " (got " + frameRate + ")");
        }
        return new MediaStream(java.util.List.of(CanvasSource.capture(this, frameRate)));
    }

    BufferedImage image() {
        return image;
    }

    Object lock() {
        return lock;
    }
}
