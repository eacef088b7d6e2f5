package org.peerstack.sfu.internal.forward;

import org.peerstack.sfu.internal.packet.Bytes;
import org.peerstack.sfu.internal.packet.RtcpPacket;
import org.peerstack.sfu.internal.packet.RtpPacket;

/**
 * The receiving side of transport-wide congestion control (draft-holmer-rmcat-transport-wide-cc-extensions-01)
 * for one publisher's connection: it records the arrival time of every RTP packet by its transport-wide
 * sequence number (header extension, RTX and padding probes included) and writes the feedback packets
 * (RTPFB FMT 15) that let libwebrtc's send-side estimator (GoogCC) find the path's capacity. Packets
 * not yet reported live in a ring of {@link #WINDOW} entries: no allocation per packet. I/O thread only.
 */
final class TransportCcReceiver {

    /** Sequence numbers held between two feedbacks at most; a larger jump starts a new window. */
    static final int WINDOW = 8192;
    /** Packets reported in one feedback packet at most (worst case ≈ 2.3 bytes each: it fits a datagram). */
    static final int MAX_PACKETS_PER_FEEDBACK = 400;
    /** Feedback datagrams sent per interval at most (the rest waits for the next interval). */
    static final int MAX_FEEDBACKS_PER_INTERVAL = 4;
    private static final long NONE = Long.MIN_VALUE;
    private static final int MICROS_PER_TICK = 250;
    private static final int TICKS_PER_REFERENCE = 256; // 64 ms / 250 us

    private final int extensionId;
    private final long[] arrivalMicros = new long[WINDOW];
    private final byte[] symbols = new byte[MAX_PACKETS_PER_FEEDBACK];
    private final int[] deltas = new int[MAX_PACKETS_PER_FEEDBACK];
    private boolean started;
    /** Extended sequence number of the first packet the next feedback reports. */
    private long base;
    /** Highest extended sequence number received. */
    private long highest;
    private int mediaSsrc;
    private int feedbackCount;

    TransportCcReceiver(int extensionId) {
        this.extensionId = extensionId;
        java.util.Arrays.fill(arrivalMicros, NONE);
    }

    /** Records a decrypted RTP packet's arrival when it carries the transport-wide sequence number. */
    void received(byte[] b, int off, int len, long nowNanos) {
        int at = RtpPacket.findExtension(b, off, len, extensionId);
        if (at < 0 || RtpPacket.extensionLength(b, off, len, extensionId) != 2) {
            return;
        }
        int seq = Bytes.uint16(b, at);
        long micros = nowNanos / 1_000;
        long ext;
        if (!started) {
            started = true;
            ext = 0x10000L + seq;
            base = ext;
            highest = ext;
        } else {
            ext = highest + (short) (seq - (int) (highest & 0xffff));
            if (ext < base) {
                return; // reported already (as lost): too late
            }
            if (ext - base >= WINDOW) {
                java.util.Arrays.fill(arrivalMicros, NONE);
                base = ext;
                highest = ext;
            }
        }
        arrivalMicros[(int) (ext & (WINDOW - 1))] = micros;
        if (ext > highest) {
            highest = ext;
        }
        mediaSsrc = RtpPacket.ssrc(b, off);
    }

    /** True if packets arrived that no feedback has reported yet. */
    boolean pending() {
        return started && highest >= base;
    }

    /**
     * Writes one feedback packet (≤ {@link #MAX_PACKETS_PER_FEEDBACK} packets, ≤ 1,000 bytes) for the
     * oldest packets not yet reported into {@code out} at {@code p}; returns the offset after it ({@code p}
     * when nothing was written: nothing pending, or a stretch of losses only, skipped).
     */
    int write(byte[] out, int p, int senderSsrc) {
        if (!pending()) {
            return p;
        }
        int count = (int) Math.min(MAX_PACKETS_PER_FEEDBACK, highest - base + 1);
        long firstArrival = NONE;
        for (int i = 0; i < count && firstArrival == NONE; i++) {
            firstArrival = arrivalMicros[(int) ((base + i) & (WINDOW - 1))];
        }
        if (firstArrival == NONE) {
            // only losses in this stretch: report nothing for it, move on
            clear(count);
            return p;
        }
        long reference = Math.floorDiv(firstArrival, (long) MICROS_PER_TICK * TICKS_PER_REFERENCE);
        long previousTicks = reference * TICKS_PER_REFERENCE;
        int reported = 0;
        for (int i = 0; i < count; i++) {
            long arrival = arrivalMicros[(int) ((base + i) & (WINDOW - 1))];
            if (arrival == NONE) {
                symbols[i] = 0;
            } else {
                long ticks = Math.floorDiv(arrival, MICROS_PER_TICK);
                long delta = ticks - previousTicks;
                if (delta < Short.MIN_VALUE || delta > Short.MAX_VALUE) {
                    break; // not expressible: the next feedback starts here
                }
                previousTicks = ticks;
                deltas[i] = (int) delta;
                symbols[i] = (byte) (delta >= 0 && delta <= 255 ? 1 : 2);
            }
            reported = i + 1;
        }
        int q = p + 20;
        for (int i = 0; i < reported; ) {
            int run = 1;
            while (i + run < reported && symbols[i + run] == symbols[i] && run < 0x1fff) {
                run++;
            }
            if (run >= 7) {
                Bytes.put16(out, q, (symbols[i] << 13) | run);
                i += run;
            } else {
                int chunk = 0xC000;
                for (int k = 0; k < 7; k++) {
                    int s = i + k < reported ? symbols[i + k] : 0;
                    chunk |= s << (12 - 2 * k);
                }
                Bytes.put16(out, q, chunk);
                i += 7;
            }
            q += 2;
        }
        for (int i = 0; i < reported; i++) {
            if (symbols[i] == 1) {
                out[q++] = (byte) deltas[i];
            } else if (symbols[i] == 2) {
                Bytes.put16(out, q, deltas[i]);
                q += 2;
            }
        }
        int padding = (4 - ((q - p) & 3)) & 3;
        for (int k = 0; k < padding; k++) {
            out[q++] = (byte) (k == padding - 1 ? padding : 0);
        }
        out[p] = (byte) (0x80 | (padding > 0 ? 0x20 : 0) | RtcpPacket.FMT_TWCC);
        out[p + 1] = (byte) RtcpPacket.RTPFB;
        Bytes.put16(out, p + 2, (q - p) / 4 - 1);
        Bytes.put32(out, p + 4, senderSsrc);
        Bytes.put32(out, p + 8, mediaSsrc);
        Bytes.put16(out, p + 12, (int) (base & 0xffff));
        Bytes.put16(out, p + 14, reported);
        Bytes.put24(out, p + 16, (int) (reference & 0xffffff));
        out[p + 19] = (byte) feedbackCount++;
        clear(reported);
        return q;
    }

    private void clear(int count) {
        for (int i = 0; i < count; i++) {
            arrivalMicros[(int) ((base + i) & (WINDOW - 1))] = NONE;
        }
        base += count;
    }
}
