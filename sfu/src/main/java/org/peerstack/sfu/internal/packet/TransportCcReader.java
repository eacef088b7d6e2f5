package org.peerstack.sfu.internal.packet;

/**
 * Reads a transport-wide congestion control feedback packet (draft-holmer-rmcat-transport-wide-cc-extensions-01
 * §3.1, RTPFB FMT 15): for each reported transport sequence number, whether it was received and its
 * arrival time. {@link #read} fills caller-owned arrays (no allocation) and never throws on malformed
 * input: it returns -1.
 */
public final class TransportCcReader {

    /** Arrival time of a packet reported as not received. */
    public static final long NOT_RECEIVED = Long.MIN_VALUE;

    private TransportCcReader() {
    }

    /** The reference time of the feedback at {@code p}, in microseconds (24-bit signed multiples of 64 ms). */
    public static long referenceTimeMicros(byte[] b, int p) {
        int raw = Bytes.uint24(b, p + 16);
        int signed = (raw << 8) >> 8;
        return signed * 64_000L;
    }

    /**
     * Decodes the feedback packet at {@code p} (as located in a compound packet: {@link RtcpPacket#length}).
     * {@code arrivalMicros[i]} gets the arrival time of sequence number {@code base + i} in microseconds
     * (reference time plus the deltas), or {@link #NOT_RECEIVED}.
     *
     * @return the packet status count, or -1 when the packet is malformed or {@code arrivalMicros} too short
     */
    public static int read(byte[] b, int p, long[] arrivalMicros) {
        int end = p + RtcpPacket.length(b, p);
        if (RtcpPacket.type(b, p) != RtcpPacket.RTPFB || RtcpPacket.count(b, p) != RtcpPacket.FMT_TWCC
                || end - p < 20 || end > b.length) {
            return -1;
        }
        int count = RtcpPacket.twccStatusCount(b, p);
        if (count > arrivalMicros.length) {
            return -1;
        }
        int q = p + 20;
        int i = 0;
        // pass 1: status symbols (0 not received, 1 small delta, 2 large delta), kept in arrivalMicros for now
        while (i < count) {
            if (q + 2 > end) {
                return -1;
            }
            int chunk = Bytes.uint16(b, q);
            q += 2;
            if ((chunk & 0x8000) == 0) {
                int symbol = (chunk >>> 13) & 3;
                int run = chunk & 0x1fff;
                for (int k = 0; k < run && i < count; k++) {
                    arrivalMicros[i++] = symbol;
                }
            } else if ((chunk & 0x4000) == 0) {
                for (int k = 13; k >= 0 && i < count; k--) {
                    arrivalMicros[i++] = (chunk >>> k) & 1;
                }
            } else {
                for (int k = 12; k >= 0 && i < count; k -= 2) {
                    arrivalMicros[i++] = (chunk >>> k) & 3;
                }
            }
        }
        // pass 2: receive deltas, in 250 us units, each relative to the previous received packet
        long time = referenceTimeMicros(b, p);
        for (int k = 0; k < count; k++) {
            long symbol = arrivalMicros[k];
            if (symbol == 0) {
                arrivalMicros[k] = NOT_RECEIVED;
            } else if (symbol == 1) {
                if (q + 1 > end) {
                    return -1;
                }
                time += (b[q] & 0xff) * 250L;
                q += 1;
                arrivalMicros[k] = time;
            } else if (symbol == 2) {
                if (q + 2 > end) {
                    return -1;
                }
                time += (short) Bytes.uint16(b, q) * 250L;
                q += 2;
                arrivalMicros[k] = time;
            } else {
                return -1;
            }
        }
        return count;
    }
}
