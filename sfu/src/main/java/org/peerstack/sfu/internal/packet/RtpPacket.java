package org.peerstack.sfu.internal.packet;

/**
 * Reads and rewrites RTP headers (RFC 3550 §5.1) and header extensions (RFC 8285, one- and two-byte
 * forms) in place, on a byte array: no objects are created. {@link #headerLength} is -1 for bytes that
 * are not a well-formed RTP packet; every other accessor assumes a packet that passed it.
 */
public final class RtpPacket {

    public static final int FIXED_HEADER = 12;
    /** The "defined by profile" value of one-byte header extensions (RFC 8285 §4.2). */
    public static final int ONE_BYTE_PROFILE = 0xBEDE;
    /** The top 12 bits of two-byte header extensions (RFC 8285 §4.3). */
    public static final int TWO_BYTE_PROFILE = 0x1000;

    private RtpPacket() {
    }

    /** RTP, not RTCP (RFC 5761 §4: RTCP packet types 192..223 collide with RTP marker+PT 64..95). */
    public static boolean isRtp(byte[] b, int off, int len) {
        if (len < FIXED_HEADER || (b[off] & 0xc0) != 0x80) {
            return false;
        }
        int pt = b[off + 1] & 0x7f;
        return pt < 64 || pt > 95;
    }

    /** The length of the header with CSRCs and extensions, or -1 if the packet is malformed. */
    public static int headerLength(byte[] b, int off, int len) {
        if (len < FIXED_HEADER || (b[off] & 0xc0) != 0x80) {
            return -1;
        }
        int h = FIXED_HEADER + 4 * (b[off] & 0x0f);
        if (hasExtension(b, off)) {
            if (len < h + 4) {
                return -1;
            }
            h += 4 + 4 * Bytes.uint16(b, off + h + 2);
        }
        if (h > len) {
            return -1;
        }
        if (hasPadding(b, off)) {
            int pad = b[off + len - 1] & 0xff;
            if (pad == 0 || h + pad > len) {
                return -1;
            }
        }
        return h;
    }

    public static boolean hasPadding(byte[] b, int off) {
        return (b[off] & 0x20) != 0;
    }

    public static boolean hasExtension(byte[] b, int off) {
        return (b[off] & 0x10) != 0;
    }

    public static int csrcCount(byte[] b, int off) {
        return b[off] & 0x0f;
    }

    public static boolean marker(byte[] b, int off) {
        return (b[off + 1] & 0x80) != 0;
    }

    public static int payloadType(byte[] b, int off) {
        return b[off + 1] & 0x7f;
    }

    public static void setPayloadType(byte[] b, int off, int pt) {
        b[off + 1] = (byte) ((b[off + 1] & 0x80) | (pt & 0x7f));
    }

    public static int sequenceNumber(byte[] b, int off) {
        return Bytes.uint16(b, off + 2);
    }

    public static void setSequenceNumber(byte[] b, int off, int seq) {
        Bytes.put16(b, off + 2, seq);
    }

    public static long timestamp(byte[] b, int off) {
        return Bytes.uint32(b, off + 4);
    }

    public static void setTimestamp(byte[] b, int off, long ts) {
        Bytes.put32(b, off + 4, (int) ts);
    }

    public static int ssrc(byte[] b, int off) {
        return Bytes.int32(b, off + 8);
    }

    public static void setSsrc(byte[] b, int off, int ssrc) {
        Bytes.put32(b, off + 8, ssrc);
    }

    /** Bytes of padding at the end (0 without the P bit). */
    public static int paddingLength(byte[] b, int off, int len) {
        return hasPadding(b, off) ? b[off + len - 1] & 0xff : 0;
    }

    /** The absolute offset of the value of header extension {@code id}, or -1 if absent. */
    public static int findExtension(byte[] b, int off, int len, int id) {
        long found = locateExtension(b, off, len, id);
        return found < 0 ? -1 : (int) (found >>> 16);
    }

    /** The length of extension {@code id}'s value, or -1 if absent. */
    public static int extensionLength(byte[] b, int off, int len, int id) {
        long found = locateExtension(b, off, len, id);
        return found < 0 ? -1 : (int) (found & 0xffff);
    }

    /** (absolute value offset << 16) | value length, or -1. Never throws on malformed extension blocks. */
    private static long locateExtension(byte[] b, int off, int len, int id) {
        if (!hasExtension(b, off) || id <= 0) {
            return -1;
        }
        int start = off + FIXED_HEADER + 4 * csrcCount(b, off);
        if (start + 4 > off + len) {
            return -1;
        }
        int profile = Bytes.uint16(b, start);
        int end = start + 4 + 4 * Bytes.uint16(b, start + 2);
        if (end > off + len) {
            return -1;
        }
        int p = start + 4;
        if (profile == ONE_BYTE_PROFILE) {
            while (p < end) {
                int h = b[p] & 0xff;
                if (h == 0) {
                    p++;
                    continue;
                }
                int eid = h >>> 4;
                int elen = (h & 0x0f) + 1;
                if (eid == 15 || p + 1 + elen > end) {
                    return -1;
                }
                if (eid == id) {
                    return ((long) (p + 1) << 16) | elen;
                }
                p += 1 + elen;
            }
        } else if ((profile & 0xfff0) == TWO_BYTE_PROFILE) {
            while (p < end) {
                int eid = b[p] & 0xff;
                if (eid == 0) {
                    p++;
                    continue;
                }
                if (p + 2 > end) {
                    return -1;
                }
                int elen = b[p + 1] & 0xff;
                if (p + 2 + elen > end) {
                    return -1;
                }
                if (eid == id) {
                    return ((long) (p + 2) << 16) | elen;
                }
                p += 2 + elen;
            }
        }
        return -1;
    }

    /** The abs-send-time value (24-bit 6.18 fixed-point seconds) for a time in nanoseconds. */
    public static int absSendTime(long nanos) {
        return (int) (((nanos << 18) / 1_000_000_000L) & 0xffffff);
    }

    /** A header-extension string value (mid, rid, repaired-rid), or null when absent. Allocates: not for the hot path. */
    public static String extensionString(byte[] b, int off, int len, int id) {
        long found = locateExtension(b, off, len, id);
        if (found < 0) {
            return null;
        }
        return new String(b, (int) (found >>> 16), (int) (found & 0xffff), java.nio.charset.StandardCharsets.US_ASCII);
    }
}
