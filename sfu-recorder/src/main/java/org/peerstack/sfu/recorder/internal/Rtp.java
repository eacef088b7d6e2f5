package org.peerstack.sfu.recorder.internal;

/** Reads the fields of an RTP packet (RFC 3550) that depacketising needs. Stateless. */
final class Rtp {

    /** Length of the fixed RTP header. */
    static final int FIXED_HEADER = 12;

    private Rtp() {
    }

    static boolean valid(byte[] b, int off, int len) {
        return len >= FIXED_HEADER && (b[off] & 0xC0) == 0x80 && payloadOffset(b, off, len) >= 0
                && payloadOffset(b, off, len) <= payloadEnd(b, off, len);
    }

    static int sequenceNumber(byte[] b, int off) {
        return ((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF);
    }

    static long timestamp(byte[] b, int off) {
        return ((long) (b[off + 4] & 0xFF) << 24) | ((b[off + 5] & 0xFF) << 16) | ((b[off + 6] & 0xFF) << 8) | (b[off + 7] & 0xFF);
    }

    static int ssrc(byte[] b, int off) {
        return ((b[off + 8] & 0xFF) << 24) | ((b[off + 9] & 0xFF) << 16) | ((b[off + 10] & 0xFF) << 8) | (b[off + 11] & 0xFF);
    }

    static boolean marker(byte[] b, int off) {
        return (b[off + 1] & 0x80) != 0;
    }

    /** Absolute index of the first payload byte, or -1 when the header runs past the packet. */
    static int payloadOffset(byte[] b, int off, int len) {
        int p = off + FIXED_HEADER + 4 * (b[off] & 0x0F);
        if ((b[off] & 0x10) != 0) {
            if (p + 4 > off + len) {
                return -1;
            }
            int words = ((b[p + 2] & 0xFF) << 8) | (b[p + 3] & 0xFF);
            p += 4 + 4 * words;
        }
        return p > off + len ? -1 : p;
    }

    /** Absolute index after the last payload byte (padding removed). */
    static int payloadEnd(byte[] b, int off, int len) {
        int end = off + len;
        if ((b[off] & 0x20) != 0 && len > FIXED_HEADER) {
            end -= b[off + len - 1] & 0xFF;
        }
        return end;
    }
}
