package org.peerstack.sfu.recorder.internal;

import java.io.ByteArrayOutputStream;

/**
 * VP8 (RFC 7741): strips the payload descriptor; a frame starts at S=1 with partition index 0; a keyframe
 * has bit 0 of the frame tag clear and carries the picture size in its header.
 */
final class Vp8Depacketizer extends VideoDepacketizer {

    private int[] size;

    /** Length of the payload descriptor at {@code p}, or -1 when malformed. */
    static int descriptorLength(byte[] b, int p, int end) {
        if (p >= end) {
            return -1;
        }
        int n = 1;
        if ((b[p] & 0x80) != 0) { // X
            if (p + 1 >= end) {
                return -1;
            }
            int x = b[p + 1] & 0xFF;
            n = 2;
            if ((x & 0x80) != 0) { // I: picture id, 7 or 15 bits
                if (p + n >= end) {
                    return -1;
                }
                n += (b[p + n] & 0x80) != 0 ? 2 : 1;
            }
            if ((x & 0x40) != 0) { // L: TL0PICIDX
                n++;
            }
            if ((x & 0x30) != 0) { // T or K: TID/Y/KEYIDX
                n++;
            }
        }
        return p + n < end ? n : -1;
    }

    @Override
    boolean startsFrame(byte[] b, int p, int end) {
        return descriptorLength(b, p, end) > 0 && (b[p] & 0x10) != 0 && (b[p] & 0x0F) == 0;
    }

    @Override
    boolean appendPayload(byte[] b, int p, int end, ByteArrayOutputStream out) {
        int d = descriptorLength(b, p, end);
        if (d < 0) {
            return false;
        }
        out.write(b, p + d, end - p - d);
        return true;
    }

    @Override
    boolean isKeyframe(byte[] frame) {
        return frame.length > 0 && (frame[0] & 0x01) == 0;
    }

    @Override
    boolean keyframeUsable(byte[] f) {
        // frame tag (3 bytes), start code 9d 01 2a, 14-bit width and height (little endian)
        if (f.length < 10 || (f[3] & 0xFF) != 0x9D || (f[4] & 0xFF) != 0x01 || (f[5] & 0xFF) != 0x2A) {
            return false;
        }
        int w = ((f[6] & 0xFF) | (f[7] & 0xFF) << 8) & 0x3FFF;
        int h = ((f[8] & 0xFF) | (f[9] & 0xFF) << 8) & 0x3FFF;
        if (w == 0 || h == 0) {
            return false;
        }
        size = new int[] {w, h};
        return true;
    }

    @Override
    public int[] dimensions() {
        return size;
    }
}
