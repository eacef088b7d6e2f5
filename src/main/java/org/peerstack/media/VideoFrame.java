package org.peerstack.media;

import dev.onvoid.webrtc.media.video.I420Buffer;
import dev.onvoid.webrtc.media.video.NativeI420Buffer;
import dev.onvoid.webrtc.media.video.VideoFrameBuffer;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.peerstack.exc.InvalidStateException;
import org.peerstack.exc.TypeException;
import org.peerstack.internal.natives.WebRtcNatives;

/**
 * One I420 video frame in native memory, backed by webrtc-java's {@code VideoFrame}/{@code I420Buffer}
 * (so it can be pushed into a {@code CustomVideoSource} without a copy, see {@link #nativeFrame()}).
 *
 * <p><b>Lifetime:</b> reference counted. A frame handed to a {@link VideoSink} is valid during the call
 * and released by peerstack afterwards; {@link #retain()} keeps it (then {@link #release()} once per
 * retain), {@link #copy()} makes an independent frame. Using a frame after its last release throws
 * {@link InvalidStateException}; plane buffers obtained before must not be used any more. Every frame
 * you create or retain must be released, or its native memory leaks.
 */
public final class VideoFrame {

    private final dev.onvoid.webrtc.media.video.VideoFrame frame;
    private final I420Buffer i420;
    private final AtomicInteger refs = new AtomicInteger(1);

    private VideoFrame(dev.onvoid.webrtc.media.video.VideoFrame frame, I420Buffer i420) {
        this.frame = frame;
        this.i420 = i420;
    }

    /**
     * Allocates a frame of uninitialised pixels, to be filled through the plane buffers.
     *
     * @throws TypeException if a dimension is not positive or odd-sized chroma would be empty
     */
    public static VideoFrame allocate(int width, int height, long timestampNs) {
        if (width <= 0 || height <= 0) {
            throw new TypeException("frame size must be positive (got " + width + "x" + height + ")");
        }
        WebRtcNatives.load();
        NativeI420Buffer buffer = NativeI420Buffer.allocate(width, height);
        return new VideoFrame(new dev.onvoid.webrtc.media.video.VideoFrame(buffer, timestampNs), buffer);
    }

    /**
     * Takes ownership of one reference of a webrtc-java frame (e.g. from a {@code VideoTrackSink}); the
     * frame is released when this one is. Non-I420 buffers are converted once.
     */
    public static VideoFrame wrap(dev.onvoid.webrtc.media.video.VideoFrame frame) {
        Objects.requireNonNull(frame, "frame");
        WebRtcNatives.load();
        VideoFrameBuffer buffer = frame.buffer;
        if (buffer instanceof I420Buffer i420) {
            return new VideoFrame(frame, i420);
        }
        I420Buffer converted = buffer.toI420();
        dev.onvoid.webrtc.media.video.VideoFrame own =
                new dev.onvoid.webrtc.media.video.VideoFrame(converted, frame.rotation, frame.timestampNs);
        frame.release();
        return new VideoFrame(own, converted);
    }

    /** A new frame sharing this frame's pixels with another timestamp (one more native reference). */
    VideoFrame withTimestamp(long timestampNs) {
        checkLive();
        i420.retain();
        return new VideoFrame(new dev.onvoid.webrtc.media.video.VideoFrame(i420, timestampNs), i420);
    }

    private void checkLive() {
        if (refs.get() <= 0) {
            throw new InvalidStateException("the video frame was already released");
        }
    }

    public int width() {
        checkLive();
        return i420.getWidth();
    }

    public int height() {
        checkLive();
        return i420.getHeight();
    }

    /** Capture time (nanoseconds, monotonic clock of the source). */
    public long timestampNs() {
        return frame.timestampNs;
    }

    /** Clockwise rotation to apply when rendering (0, 90, 180 or 270 degrees). */
    public int rotation() {
        return frame.rotation;
    }

    /** The Y plane, read-only, {@link #strideY()} bytes per row. */
    public ByteBuffer dataY() {
        checkLive();
        return i420.getDataY().asReadOnlyBuffer();
    }

    /** The U plane, read-only, (height+1)/2 rows of {@link #strideU()} bytes. */
    public ByteBuffer dataU() {
        checkLive();
        return i420.getDataU().asReadOnlyBuffer();
    }

    /** The V plane, read-only, (height+1)/2 rows of {@link #strideV()} bytes. */
    public ByteBuffer dataV() {
        checkLive();
        return i420.getDataV().asReadOnlyBuffer();
    }

    public int strideY() {
        return i420.getStrideY();
    }

    public int strideU() {
        return i420.getStrideU();
    }

    public int strideV() {
        return i420.getStrideV();
    }

    /**
     * The Y plane, writable: for a {@link MediaTrackSource} filling a frame it made with {@link #allocate}
     * before delivering it. Never write to a frame you were handed by a sink call.
     */
    public ByteBuffer writableY() {
        checkLive();
        return i420.getDataY();
    }

    /** The U plane, writable; see {@link #writableY()}. */
    public ByteBuffer writableU() {
        checkLive();
        return i420.getDataU();
    }

    /** The V plane, writable; see {@link #writableY()}. */
    public ByteBuffer writableV() {
        checkLive();
        return i420.getDataV();
    }

    I420Buffer buffer() {
        return i420;
    }

    /**
     * The webrtc-java frame, for {@code CustomVideoSource.pushFrame}; valid only while this frame is
     * held. Do not release it directly.
     */
    public dev.onvoid.webrtc.media.video.VideoFrame nativeFrame() {
        checkLive();
        return frame;
    }

    /** Keeps the frame beyond the sink call; pair with one {@link #release()}. Returns this frame. */
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

    /** True until the last reference is released. */
    public boolean isValid() {
        return refs.get() > 0;
    }

    /** An independent deep copy (its own native memory, to be released separately). */
    public VideoFrame copy() {
        checkLive();
        NativeI420Buffer target = NativeI420Buffer.allocate(i420.getWidth(), i420.getHeight());
        copyPlane(i420.getDataY(), i420.getStrideY(), target.getDataY(), target.getStrideY(), i420.getWidth(),
                i420.getHeight());
        int cw = (i420.getWidth() + 1) / 2;
        int ch = (i420.getHeight() + 1) / 2;
        copyPlane(i420.getDataU(), i420.getStrideU(), target.getDataU(), target.getStrideU(), cw, ch);
        copyPlane(i420.getDataV(), i420.getStrideV(), target.getDataV(), target.getStrideV(), cw, ch);
        return new VideoFrame(new dev.onvoid.webrtc.media.video.VideoFrame(target, frame.rotation, frame.timestampNs),
                target);
    }

    private static void copyPlane(ByteBuffer src, int srcStride, ByteBuffer dst, int dstStride, int width, int rows) {
        if (srcStride == dstStride) {
            dst.duplicate().put(src.duplicate().limit(Math.min(src.capacity(), srcStride * rows)));
            return;
        }
        for (int row = 0; row < rows; row++) {
            ByteBuffer s = src.duplicate().position(row * srcStride).limit(row * srcStride + width);
            dst.duplicate().position(row * dstStride).put(s);
        }
    }

    @Override
    public String toString() {
        return "VideoFrame[" + i420.getWidth() + "x" + i420.getHeight() + ", t=" + frame.timestampNs + " ns"
                + (isValid() ? "" : ", released") + "]";
    }
}
