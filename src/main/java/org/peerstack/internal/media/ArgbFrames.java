package org.peerstack.internal.media;

import dev.onvoid.webrtc.media.FourCC;
import dev.onvoid.webrtc.media.video.NativeI420Buffer;
import dev.onvoid.webrtc.media.video.VideoBufferConverter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.peerstack.exc.NotReadableException;
import org.peerstack.media.VideoFrame;

/**
 * Turns Java 2D pixels ({@code int} 0xAARRGGBB, as in {@code BufferedImage.TYPE_INT_ARGB}/{@code _RGB})
 * into I420 frames with libyuv (webrtc-java's {@code VideoBufferConverter}): one bulk copy into a
 * reusable direct buffer (little-endian, so the bytes are B,G,R,A: libyuv's "ARGB"), one conversion.
 * Not thread-safe: one instance per source thread.
 */
public final class ArgbFrames {

    private ByteBuffer scratch;

    /** Copies {@code pixels} (row-major, {@code width*height}) into the scratch buffer; call under the image's lock. */
    public void copy(int[] pixels, int width, int height) {
        int bytes = width * height * 4;
        if (scratch == null || scratch.capacity() != bytes) {
            scratch = ByteBuffer.allocateDirect(bytes).order(ByteOrder.LITTLE_ENDIAN);
        }
        scratch.clear();
        scratch.asIntBuffer().put(pixels, 0, width * height);
    }

    /**
     * Converts the last copied pixels to a new I420 frame, which the caller must release.
     *
     * @throws NotReadableException if libyuv rejects the conversion
     */
    public VideoFrame convert(int width, int height, long timestampNs) {
        NativeI420Buffer buffer = NativeI420Buffer.allocate(width, height);
        VideoFrame frame = org.peerstack.internal.natives.VideoFrameAccess.wrap(new dev.onvoid.webrtc.media.video.VideoFrame(buffer, timestampNs));
        try {
            VideoBufferConverter.convertToI420(scratch, buffer, FourCC.ARGB);
            return frame;
        } catch (Exception e) {
            frame.release();
            throw new NotReadableException("ARGB to I420 conversion failed: " + e.getMessage(), e);
        }
    }
}
