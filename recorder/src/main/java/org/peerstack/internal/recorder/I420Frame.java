package org.peerstack.internal.recorder;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * A private, tightly packed copy of one I420 video frame, made on the producer's thread so the
 * producer's buffers can be released at once. Chroma planes are {@code ceil(w/2) x ceil(h/2)}.
 *
 * @param width       luma width (pixels)
 * @param height      luma height (pixels)
 * @param data        Y, then U, then V, without padding
 * @param timestampNs capture time (nanoseconds, the same clock as the audio timestamps)
 */
public record I420Frame(int width, int height, byte[] data, long timestampNs) {

    /** Largest accepted width or height (pixels); larger frames are rejected as invalid. */
    public static final int MAX_DIMENSION = 8192;

    /**
     * @throws IllegalArgumentException if the size is outside 1..{@link #MAX_DIMENSION} or {@code data}
     *         is not exactly the packed planes: the encoder copies {@code data} natively by that size, and
     *         JavaCPP's array copies do not check bounds
     */
    public I420Frame {
        if (width <= 0 || height <= 0 || width > MAX_DIMENSION || height > MAX_DIMENSION) {
            throw new IllegalArgumentException("frame size " + width + "x" + height + " outside 1.." + MAX_DIMENSION);
        }
        long expected = (long) width * height + 2L * ((width + 1) / 2) * ((height + 1) / 2);
        if (data == null || data.length != expected) {
            throw new IllegalArgumentException("an I420 " + width + "x" + height + " frame holds " + expected
                    + " bytes, not " + (data == null ? "null" : data.length));
        }
    }

    public int chromaWidth() {
        return (width + 1) / 2;
    }

    public int chromaHeight() {
        return (height + 1) / 2;
    }

    /** Bytes the copy holds (counted against the recorder's queue limit). */
    public int size() {
        return data.length;
    }

    /**
     * Copies a frame given as three planes with strides. The buffers' positions are where each plane
     * starts; they are not modified.
     *
     * @return the copy, or empty with {@code problem[0]} set when the frame is invalid (zero or huge
     *         size, stride smaller than the row, plane shorter than its rows)
     */
    public static Optional<I420Frame> copyOf(ByteBuffer y, int strideY, ByteBuffer u, int strideU, ByteBuffer v,
                                            int strideV, int width, int height, long timestampNs, String[] problem) {
        return copyOf(y, strideY, u, strideU, v, strideV, width, height, timestampNs, problem, null);
    }

    static Optional<I420Frame> copyOf(ByteBuffer y, int strideY, ByteBuffer u, int strideU, ByteBuffer v,
                                      int strideV, int width, int height, long timestampNs, String[] problem,
                                      BufferPool pool) {
        String bad = check(y, strideY, u, strideU, v, strideV, width, height);
        if (bad != null) {
            problem[0] = bad;
            return Optional.empty();
        }
        int cw = (width + 1) / 2;
        int ch = (height + 1) / 2;
        int length = width * height + 2 * cw * ch;
        byte[] out = pool == null ? new byte[length] : pool.take(length);
        int offset = copyPlane(y, strideY, width, height, out, 0);
        offset = copyPlane(u, strideU, cw, ch, out, offset);
        copyPlane(v, strideV, cw, ch, out, offset);
        return Optional.of(new I420Frame(width, height, out, timestampNs));
    }

    private static String check(ByteBuffer y, int strideY, ByteBuffer u, int strideU, ByteBuffer v, int strideV,
                                int width, int height) {
        if (y == null || u == null || v == null) {
            return "a plane is missing";
        }
        if (width <= 0 || height <= 0 || width > MAX_DIMENSION || height > MAX_DIMENSION) {
            return "size " + width + "x" + height + " outside 1.." + MAX_DIMENSION;
        }
        int cw = (width + 1) / 2;
        int ch = (height + 1) / 2;
        if (strideY < width || strideU < cw || strideV < cw) {
            return "stride smaller than the row (" + strideY + "/" + strideU + "/" + strideV + " for "
                    + width + "x" + height + ")";
        }
        if (!fits(y, strideY, width, height) || !fits(u, strideU, cw, ch) || !fits(v, strideV, cw, ch)) {
            return "a plane is smaller than its rows (" + y.remaining() + "/" + u.remaining() + "/"
                    + v.remaining() + " bytes for " + width + "x" + height + ")";
        }
        return null;
    }

    private static boolean fits(ByteBuffer plane, int stride, int row, int rows) {
        return (long) stride * (rows - 1) + row <= plane.remaining();
    }

    private static int copyPlane(ByteBuffer plane, int stride, int row, int rows, byte[] out, int offset) {
        ByteBuffer src = plane.duplicate();
        int base = src.position();
        if (stride == row) {
            src.get(out, offset, row * rows);
            return offset + row * rows;
        }
        for (int r = 0; r < rows; r++) {
            src.position(base + r * stride);
            src.get(out, offset, row);
            offset += row;
        }
        return offset;
    }
}
