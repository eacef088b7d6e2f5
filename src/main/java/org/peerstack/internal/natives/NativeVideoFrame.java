package org.peerstack.internal.natives;

import dev.onvoid.webrtc.media.video.I420Buffer;
import dev.onvoid.webrtc.media.video.NativeI420Buffer;
import dev.onvoid.webrtc.media.video.VideoFrame;
import dev.onvoid.webrtc.media.video.VideoFrameBuffer;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The native half of a {@link org.peerstack.media.VideoFrame}: one webrtc-java {@code VideoFrame} with
 * its {@code I420Buffer}. The public frame keeps the reference count and delegates pixel access here,
 * so no webrtc-java type appears in the public package. Not thread-safe beyond what the public frame
 * guarantees; not public API.
 */
public final class NativeVideoFrame {

    private final VideoFrame frame;
    private final I420Buffer i420;

    private NativeVideoFrame(VideoFrame frame, I420Buffer i420) {
        this.frame = frame;
        this.i420 = i420;
    }

    /** Uninitialised pixels of the given size. */
    public static NativeVideoFrame allocate(int width, int height, long timestampNs) {
        WebRtcNatives.load();
        NativeI420Buffer buffer = NativeI420Buffer.allocate(width, height);
        return new NativeVideoFrame(new VideoFrame(buffer, timestampNs), buffer);
    }

    /** Takes one reference of {@code frame}; non-I420 buffers are converted once (and the original released). */
    public static NativeVideoFrame take(VideoFrame frame) {
        Objects.requireNonNull(frame, "frame");
        WebRtcNatives.load();
        VideoFrameBuffer buffer = frame.buffer;
        if (buffer instanceof I420Buffer i420) {
            return new NativeVideoFrame(frame, i420);
        }
        I420Buffer converted = buffer.toI420();
        VideoFrame own = new VideoFrame(converted, frame.rotation, frame.timestampNs);
        frame.release();
        return new NativeVideoFrame(own, converted);
    }

    /** Takes ownership of {@code buffer} as a frame at {@code timestampNs}. */
    public static NativeVideoFrame take(I420Buffer buffer, long timestampNs) {
        return take(new VideoFrame(buffer, timestampNs));
    }

    /** The same pixels with another timestamp: one more native reference on the buffer. */
    public NativeVideoFrame withTimestamp(long timestampNs) {
        i420.retain();
        return new NativeVideoFrame(new VideoFrame(i420, timestampNs), i420);
    }

    /** An independent deep copy with its own native memory. */
    public NativeVideoFrame copy() {
        NativeI420Buffer target = NativeI420Buffer.allocate(i420.getWidth(), i420.getHeight());
        copyPlane(i420.getDataY(), i420.getStrideY(), target.getDataY(), target.getStrideY(), i420.getWidth(),
                i420.getHeight());
        int cw = (i420.getWidth() + 1) / 2;
        int ch = (i420.getHeight() + 1) / 2;
        copyPlane(i420.getDataU(), i420.getStrideU(), target.getDataU(), target.getStrideU(), cw, ch);
        copyPlane(i420.getDataV(), i420.getStrideV(), target.getDataV(), target.getStrideV(), cw, ch);
        return new NativeVideoFrame(new VideoFrame(target, frame.rotation, frame.timestampNs), target);
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

    /** The webrtc-java frame, for {@code CustomVideoSource.pushFrame}; valid while the public frame is held. */
    public VideoFrame frame() {
        return frame;
    }

    public int width() {
        return i420.getWidth();
    }

    public int height() {
        return i420.getHeight();
    }

    public long timestampNs() {
        return frame.timestampNs;
    }

    public int rotation() {
        return frame.rotation;
    }

    public ByteBuffer dataY() {
        return i420.getDataY();
    }

    public ByteBuffer dataU() {
        return i420.getDataU();
    }

    public ByteBuffer dataV() {
        return i420.getDataV();
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

    /** Frees the native reference this object holds. */
    public void release() {
        frame.release();
    }
}
