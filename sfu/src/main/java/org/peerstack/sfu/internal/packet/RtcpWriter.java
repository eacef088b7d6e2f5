package org.peerstack.sfu.internal.packet;

import java.nio.charset.StandardCharsets;

/**
 * Writes RTCP packets into a byte array at an offset and returns the offset after them, so that several
 * packets form one compound packet without copies. Every writer sets version 2 and the length field.
 */
public final class RtcpWriter {

    private RtcpWriter() {
    }

    private static void header(byte[] out, int p, int count, int type, int lengthBytes) {
        out[p] = (byte) (0x80 | (count & 0x1f));
        out[p + 1] = (byte) type;
        Bytes.put16(out, p + 2, lengthBytes / 4 - 1);
    }

    /** An RR without report blocks (the required first packet of a compound feedback packet). */
    public static int emptyReceiverReport(byte[] out, int p, int senderSsrc) {
        header(out, p, 0, RtcpPacket.RR, 8);
        Bytes.put32(out, p + 4, senderSsrc);
        return p + 8;
    }

    /**
     * An RR with one report block (RFC 3550 §6.4.2).
     *
     * @param fractionLost     0..255, fraction lost since the last report
     * @param cumulativeLost   packets lost since the beginning (24-bit, signed)
     * @param extendedHighest  extended highest sequence number received
     * @param jitter           interarrival jitter in timestamp units
     * @param lastSr           middle 32 bits of the NTP timestamp of the last SR received, or 0
     * @param delaySinceLastSr delay since that SR in 1/65536 s, or 0
     */
    public static int receiverReport(byte[] out, int p, int senderSsrc, int sourceSsrc, int fractionLost,
            int cumulativeLost, long extendedHighest, long jitter, long lastSr, long delaySinceLastSr) {
        header(out, p, 1, RtcpPacket.RR, 32);
        Bytes.put32(out, p + 4, senderSsrc);
        int q = p + 8;
        Bytes.put32(out, q, sourceSsrc);
        out[q + 4] = (byte) fractionLost;
        Bytes.put24(out, q + 5, Math.max(-0x800000, Math.min(0x7fffff, cumulativeLost)));
        Bytes.put32(out, q + 8, (int) extendedHighest);
        Bytes.put32(out, q + 12, (int) jitter);
        Bytes.put32(out, q + 16, (int) lastSr);
        Bytes.put32(out, q + 20, (int) delaySinceLastSr);
        return p + 32;
    }

    /** An SR without report blocks. */
    public static int senderReport(byte[] out, int p, int ssrc, long ntp, long rtpTimestamp, long packets, long octets) {
        header(out, p, 0, RtcpPacket.SR, 28);
        Bytes.put32(out, p + 4, ssrc);
        Bytes.put32(out, p + 8, (int) (ntp >>> 32));
        Bytes.put32(out, p + 12, (int) ntp);
        Bytes.put32(out, p + 16, (int) rtpTimestamp);
        Bytes.put32(out, p + 20, (int) packets);
        Bytes.put32(out, p + 24, (int) octets);
        return p + 28;
    }

    /** An SDES packet with one chunk carrying a CNAME (at most 255 bytes). */
    public static int sdesCname(byte[] out, int p, int ssrc, String cname) {
        byte[] name = cname.getBytes(StandardCharsets.UTF_8);
        int nameLength = Math.min(255, name.length);
        int chunk = 4 + 2 + nameLength + 1; // ssrc, type+len, text, END
        int padded = (chunk + 3) & ~3;
        header(out, p, 1, RtcpPacket.SDES, 4 + padded);
        Bytes.put32(out, p + 4, ssrc);
        out[p + 8] = 1; // CNAME
        out[p + 9] = (byte) nameLength;
        System.arraycopy(name, 0, out, p + 10, nameLength);
        for (int i = p + 10 + nameLength; i < p + 4 + padded; i++) {
            out[i] = 0;
        }
        return p + 4 + padded;
    }

    /** A BYE for one SSRC. */
    public static int bye(byte[] out, int p, int ssrc) {
        header(out, p, 1, RtcpPacket.BYE, 8);
        Bytes.put32(out, p + 4, ssrc);
        return p + 8;
    }

    /** A Picture Loss Indication (RFC 4585 §6.3.1). */
    public static int pli(byte[] out, int p, int senderSsrc, int mediaSsrc) {
        header(out, p, RtcpPacket.FMT_PLI, RtcpPacket.PSFB, 12);
        Bytes.put32(out, p + 4, senderSsrc);
        Bytes.put32(out, p + 8, mediaSsrc);
        return p + 12;
    }

    /** A Full Intra Request (RFC 5104 §4.3.1) with command sequence number {@code seq}. */
    public static int fir(byte[] out, int p, int senderSsrc, int mediaSsrc, int seq) {
        header(out, p, RtcpPacket.FMT_FIR, RtcpPacket.PSFB, 20);
        Bytes.put32(out, p + 4, senderSsrc);
        Bytes.put32(out, p + 8, 0);
        Bytes.put32(out, p + 12, mediaSsrc);
        out[p + 16] = (byte) seq;
        out[p + 17] = 0;
        out[p + 18] = 0;
        out[p + 19] = 0;
        return p + 20;
    }

    /** A generic NACK (RFC 4585 §6.2.1) with {@code count} (pid, blp) pairs packed as {@code pid << 16 | blp}. */
    public static int nack(byte[] out, int p, int senderSsrc, int mediaSsrc, int[] pairs, int count) {
        header(out, p, RtcpPacket.FMT_NACK, RtcpPacket.RTPFB, 12 + 4 * count);
        Bytes.put32(out, p + 4, senderSsrc);
        Bytes.put32(out, p + 8, mediaSsrc);
        for (int i = 0; i < count; i++) {
            Bytes.put32(out, p + 12 + 4 * i, pairs[i]);
        }
        return p + 12 + 4 * count;
    }

    /** A REMB (draft-alvestrand-rmcat-remb-03) announcing {@code bitrate} bits/s for {@code ssrcs}. */
    public static int remb(byte[] out, int p, int senderSsrc, long bitrate, int[] ssrcs, int count) {
        header(out, p, RtcpPacket.FMT_AFB, RtcpPacket.PSFB, 20 + 4 * count);
        Bytes.put32(out, p + 4, senderSsrc);
        Bytes.put32(out, p + 8, 0);
        Bytes.put32(out, p + 12, RtcpPacket.REMB_ID);
        int exp = 0;
        long mantissa = Math.max(0, bitrate);
        while (mantissa > 0x3ffff) {
            mantissa >>>= 1;
            exp++;
        }
        out[p + 16] = (byte) count;
        Bytes.put24(out, p + 17, (exp << 18) | (int) mantissa);
        for (int i = 0; i < count; i++) {
            Bytes.put32(out, p + 20 + 4 * i, ssrcs[i]);
        }
        return p + 20 + 4 * count;
    }
}
