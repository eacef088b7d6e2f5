package org.peerstack.sfu.internal.packet;

/**
 * Reads RTCP packets (RFC 3550 §6, RFC 4585 feedback, RFC 5104 FIR, REMB, transport-wide CC) in place on
 * a byte array. A compound packet is walked with {@link #isValidCompound} first; the accessors then take
 * the absolute offset {@code p} of one packet inside it. Nothing here allocates or throws on bytes that
 * passed {@link #isValidCompound}.
 */
public final class RtcpPacket {

    public static final int SR = 200;
    public static final int RR = 201;
    public static final int SDES = 202;
    public static final int BYE = 203;
    public static final int APP = 204;
    /** Transport-layer feedback (RFC 4585): FMT 1 generic NACK, FMT 15 transport-wide CC. */
    public static final int RTPFB = 205;
    /** Payload-specific feedback: FMT 1 PLI, FMT 4 FIR, FMT 15 application layer (REMB). */
    public static final int PSFB = 206;

    public static final int FMT_NACK = 1;
    public static final int FMT_TWCC = 15;
    public static final int FMT_PLI = 1;
    public static final int FMT_FIR = 4;
    public static final int FMT_AFB = 15;
    /** "REMB" as a big-endian int. */
    public static final int REMB_ID = 0x52454D42;

    private RtcpPacket() {
    }

    /** True if the first byte and packet type say RTCP (RFC 5761 §4). */
    public static boolean isRtcp(byte[] b, int off, int len) {
        if (len < 8 || (b[off] & 0xc0) != 0x80) {
            return false;
        }
        int pt = b[off + 1] & 0xff;
        return pt >= 192 && pt <= 223;
    }

    /**
     * True if {@code b[off, off+len)} is a sequence of whole RTCP packets, each of version 2 with a length
     * that fits and a body long enough for what its type needs.
     */
    public static boolean isValidCompound(byte[] b, int off, int len) {
        if (len < 4) {
            return false;
        }
        int p = off;
        int end = off + len;
        while (p < end) {
            if (end - p < 4 || (b[p] & 0xc0) != 0x80) {
                return false;
            }
            int size = length(b, p);
            if (p + size > end || !bodyLongEnough(b, p, size)) {
                return false;
            }
            p += size;
        }
        return true;
    }

    private static boolean bodyLongEnough(byte[] b, int p, int size) {
        int count = count(b, p);
        return switch (type(b, p)) {
            case SR -> size >= 28 + 24 * count;
            case RR -> size >= 8 + 24 * count;
            case BYE -> size >= 4 + 4 * count;
            case RTPFB, PSFB -> size >= 12;
            default -> true;
        };
    }

    /** The byte length of the packet at {@code p}: 4 * (length field + 1). */
    public static int length(byte[] b, int p) {
        return 4 * (Bytes.uint16(b, p + 2) + 1);
    }

    /** The RC/SC count or the feedback message type (FMT): the low five bits of the first byte. */
    public static int count(byte[] b, int p) {
        return b[p] & 0x1f;
    }

    public static int type(byte[] b, int p) {
        return b[p + 1] & 0xff;
    }

    /** The SSRC of the sender of an SR, RR or feedback packet. */
    public static int senderSsrc(byte[] b, int p) {
        return Bytes.int32(b, p + 4);
    }

    /** The SSRC of the media source of a feedback packet (RTPFB/PSFB). */
    public static int mediaSsrc(byte[] b, int p) {
        return Bytes.int32(b, p + 8);
    }

    /** The 64-bit NTP timestamp of an SR. */
    public static long srNtp(byte[] b, int p) {
        return ((long) Bytes.int32(b, p + 8) << 32) | Bytes.uint32(b, p + 12);
    }

    public static long srRtpTimestamp(byte[] b, int p) {
        return Bytes.uint32(b, p + 16);
    }

    /** Offset of report block {@code i} of an SR or RR. */
    public static int reportBlock(byte[] b, int p, int i) {
        return p + (type(b, p) == SR ? 28 : 8) + 24 * i;
    }

    /** Offset of the FCI of a feedback packet; it ends at {@code p + length(b, p)}. */
    public static int fci(int p) {
        return p + 12;
    }

    /** True if a PSFB/AFB packet is a REMB (draft-alvestrand-rmcat-remb). */
    public static boolean isRemb(byte[] b, int p) {
        return type(b, p) == PSFB && count(b, p) == FMT_AFB && length(b, p) >= 20 && Bytes.int32(b, p + 12) == REMB_ID;
    }

    /** The bitrate of a REMB in bits per second. */
    public static long rembBitrate(byte[] b, int p) {
        int exp = (b[p + 17] & 0xff) >>> 2;
        long mantissa = Bytes.uint24(b, p + 17) & 0x3ffff;
        return mantissa << exp;
    }

    /** The base sequence number of a transport-wide CC feedback. */
    public static int twccBaseSequence(byte[] b, int p) {
        return Bytes.uint16(b, p + 12);
    }

    /** The packet status count of a transport-wide CC feedback. */
    public static int twccStatusCount(byte[] b, int p) {
        return Bytes.uint16(b, p + 14);
    }

    /** The feedback packet count of a transport-wide CC feedback. */
    public static int twccFeedbackCount(byte[] b, int p) {
        return b[p + 19] & 0xff;
    }
}
