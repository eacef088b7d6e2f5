package org.peerstack.media;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;
import org.peerstack.exc.InvalidStateException;
import org.peerstack.exc.TypeException;
import org.peerstack.internal.natives.NativeVideoFrame;
import org.peerstack.internal.natives.VideoFrameAccess;

/**
 * One I420 video frame in native memory (libwebrtc's I420 buffer, so a peer connection sends it without
 * a copy).
 *
 * <p><b>Lifetime:</b> reference counted. A frame handed to a {@link VideoSink} is valid during the call
 * and released by peerstack afterwards; {@link #retain()} keeps it (then {@link #release()} once per
 * retain), {@link #copy()} makes an independent frame. Using a frame after its last release throws
 * {@link InvalidStateException}; plane buffers obtained before must not be used any more. Every frame
 * you create or retain must be released, or its native memory leaks.
 */
public final class VideoFrame {

    static {
        VideoFrameAccess.install(new VideoFrameAccess() {
            @Override
            protected VideoFrame create(NativeVideoFrame frame) {
                return new VideoFrame(frame);
            }

            @Override
            protected NativeVideoFrame nativeOf(VideoFrame frame) {
                frame.checkLive();
                return frame.frame;
            }
        });
    }

    private final NativeVideoFrame frame;
    private final AtomicInteger refs = new AtomicInteger(1);

    private VideoFrame(NativeVideoFrame frame) {
        this.frame = frame;
    }

    /**
     * Allocates a frame of uninitialised pixels, to be filled through the plane buffers.
     *
     * Chroma planes are {@code (width + 1) / 2} by {@code (height + 1) / 2}. The caller owns the one reference and
     * must {@link #release()} it (or hand it to a source that takes it over).
     *
     * @param width frame width (pixels), positive
     * @param height frame height (pixels), positive
     * @param timestampNs capture time (nanoseconds, the source's monotonic clock)
     * @return the new frame, with one reference
     * @throws TypeException if a dimension is not positive or odd-sized chroma would be empty
     */
    public static VideoFrame allocate(int width, int height, long timestampNs) {
        if (width <= 0 || height <= 0) {
            throw new TypeException("frame size must be positive (got " + width + "x" + height + ")");
        }
        return new VideoFrame(NativeVideoFrame.allocate(width, height, timestampNs));
    }

    /** A new frame sharing this frame's pixels with another timestamp (one more native reference). */
    VideoFrame withTimestamp(long timestampNs) {
        checkLive();
        return new VideoFrame(frame.withTimestamp(timestampNs));
    }

    private void checkLive() {
        if (refs.get() <= 0) {
            throw new InvalidStateException("the video frame was already released");
        }
    }

    /**
     * The frame width.
     *
     * @return width (pixels)
     * @throws InvalidStateException if the frame was released
     */
    public int width() {
        checkLive();
        return frame.width();
    }

    /**
     * The frame height.
     *
     * @return height (pixels)
     * @throws InvalidStateException if the frame was released
     */
    public int height() {
        checkLive();
        return frame.height();
    }

    /**
     * Capture time on the source's monotonic clock; only differences between frames of one source are meaningful.
     *
     * @return the timestamp (nanoseconds)
     */
    public long timestampNs() {
        return frame.timestampNs();
    }

    /**
     * Clockwise rotation to apply when rendering; the planes are stored unrotated.
     *
     * @return 0, 90, 180 or 270 (degrees)
     */
    public int rotation() {
        return frame.rotation();
    }

    /**
     * The Y (luma) plane, read-only: {@link #height()} rows of {@link #strideY()} bytes, valid only while the frame
     * is.
     *
     * @return a new read-only view of the native memory (no copy)
     * @throws InvalidStateException if the frame was released
     */
    public ByteBuffer dataY() {
        checkLive();
        return frame.dataY().asReadOnlyBuffer();
    }

    /**
     * The U (Cb chroma) plane, read-only: (height + 1) / 2 rows of {@link #strideU()} bytes, valid only while the
     * frame is.
     *
     * @return a new read-only view of the native memory (no copy)
     * @throws InvalidStateException if the frame was released
     */
    public ByteBuffer dataU() {
        checkLive();
        return frame.dataU().asReadOnlyBuffer();
    }

    /**
     * The V (Cr chroma) plane, read-only: (height + 1) / 2 rows of {@link #strideV()} bytes, valid only while the
     * frame is.
     *
     * @return a new read-only view of the native memory (no copy)
     * @throws InvalidStateException if the frame was released
     */
    public ByteBuffer dataV() {
        checkLive();
        return frame.dataV().asReadOnlyBuffer();
    }

    /**
     * Bytes from the start of one row of the Y plane to the next (at least the plane's width).
     *
     * @return the stride (bytes)
     */
    public int strideY() {
        return frame.strideY();
    }

    /**
     * Bytes from the start of one row of the U plane to the next (at least the plane's width).
     *
     * @return the stride (bytes)
     */
    public int strideU() {
        return frame.strideU();
    }

    /**
     * Bytes from the start of one row of the V plane to the next (at least the plane's width).
     *
     * @return the stride (bytes)
     */
    public int strideV() {
        return frame.strideV();
    }

    /**
     * The Y plane, writable: for a {@link MediaTrackSource} filling a frame it made with {@link #allocate}
     * before delivering it. Never write to a frame you were handed by a sink call.
     *
     * @return a writable view of the native memory (no copy)
     * @throws InvalidStateException if the frame was released
     */
    public ByteBuffer writableY() {
        checkLive();
        return frame.dataY();
    }

    /**
     * The U plane, writable; see {@link #writableY()}.
     *
     * @return a writable view of the native memory (no copy)
     * @throws InvalidStateException if the frame was released
     */
    public ByteBuffer writableU() {
        checkLive();
        return frame.dataU();
    }

    /**
     * The V plane, writable; see {@link #writableY()}.
     *
     * @return a writable view of the native memory (no copy)
     * @throws InvalidStateException if the frame was released
     */
    public ByteBuffer writableV() {
        checkLive();
        return frame.dataV();
    }

    /**
     * Adds a reference, to keep the frame beyond the sink call; pair with one {@link #release()}. Thread-safe.
     *
     * @return this frame
     * @throws InvalidStateException if the frame was already fully released
     */
    public VideoFrame retain() {
        while (true) {
            int n = refs.get();
            if (n <= 0) {
                throw new InvalidStateException("the video frame was already released");
            }
            if (refs.compareAndSet(n, n + 1)) {
                return this;
            }
        }
    }

    /**
     * Drops one reference; the native memory is freed with the last.
     *
     * @throws InvalidStateException if the frame was already fully released
     */
    public void release() {
        int n = refs.decrementAndGet();
        if (n == 0) {
            frame.release();
        } else if (n < 0) {
            refs.set(0);
            throw new InvalidStateException("the video frame was already released");
        }
    }

    /**
     * Whether the frame may still be used.
     *
     * @return true until the last reference is released
     */
    public boolean isValid() {
        return refs.get() > 0;
    }

    /**
     * An independent deep copy: its own native memory and one reference, to be released separately.
     *
     * @return the copy
     * @throws InvalidStateException if this frame was released
     */
    public VideoFrame copy() {
        checkLive();
        return new VideoFrame(frame.copy());
    }

    @Override
    public String toString() {
        return "VideoFrame[" + frame.width() + "x" + frame.height() + ", t=" + frame.timestampNs() + " ns"
                + (isValid() ? "" : ", released") + "]";
    }
}
