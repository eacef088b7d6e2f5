package org.peerstack.sfu.internal.forward;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.peerstack.sfu.internal.packet.Bytes;
import org.peerstack.sfu.internal.packet.RtcpPacket;
import org.peerstack.sfu.internal.packet.TransportCcReader;

/**
 * Transport-wide CC feedback written by {@link TransportCcReceiver} reads back with the module's own
 * {@link TransportCcReader}: every sequence number's status and its arrival time (to the 250 us unit),
 * across losses, reordering, sequence-number wrap, long runs, gaps too long for one delta, and more
 * packets than one feedback holds.
 */
class TransportCcReceiverTest {

    private static final int EXT_ID = 5;
    private static final int SENDER = 0x5F0C_0001;

    /** An RTP packet with a one-byte header extension block carrying transport-wide sequence number {@code seq}. */
    private static byte[] rtp(int seq) {
        byte[] b = new byte[12 + 8 + 10];
        b[0] = (byte) 0x90;
        b[1] = 96;
        Bytes.put16(b, 2, seq * 7);
        Bytes.put32(b, 8, 0x1234_5678);
        Bytes.put16(b, 12, 0xBEDE);
        Bytes.put16(b, 14, 1);
        b[16] = (byte) ((EXT_ID << 4) | 1);
        Bytes.put16(b, 17, seq & 0xffff);
        return b;
    }

    /** Feeds the arrivals (seq -> nanos) in map order and reads every feedback back: seq -> arrival micros or NOT_RECEIVED. */
    private static Map<Integer, Long> roundTrip(TransportCcReceiver r, Map<Integer, Long> arrivals, int[] feedbacks) {
        for (Map.Entry<Integer, Long> e : arrivals.entrySet()) {
            byte[] b = rtp(e.getKey());
            r.received(b, 0, b.length, e.getValue());
        }
        Map<Integer, Long> read = new LinkedHashMap<>();
        byte[] out = new byte[1500];
        long[] times = new long[TransportCcReceiver.MAX_PACKETS_PER_FEEDBACK];
        int expectedCount = 0;
        for (int guard = 0; guard < 100 && r.pending(); guard++) {
            int end = r.write(out, 0, SENDER);
            if (end == 0) {
                continue;
            }
            assertThat(end).isLessThanOrEqualTo(1_000);
            assertThat(RtcpPacket.isValidCompound(out, 0, end)).isTrue();
            assertThat(RtcpPacket.length(out, 0)).isEqualTo(end);
            assertThat(RtcpPacket.senderSsrc(out, 0)).isEqualTo(SENDER);
            assertThat(RtcpPacket.twccFeedbackCount(out, 0)).isEqualTo(expectedCount++ & 0xff);
            int n = TransportCcReader.read(out, 0, times);
            assertThat(n).isPositive();
            int base = RtcpPacket.twccBaseSequence(out, 0);
            for (int i = 0; i < n; i++) {
                read.put((base + i) & 0xffff, times[i]);
            }
            feedbacks[0]++;
        }
        return read;
    }

    private static long unit(long nanos) {
        return Math.floorDiv(nanos / 1_000, 250) * 250;
    }

    @Test
    void lossesReorderingAndWrapReadBack() {
        Map<Integer, Long> arrivals = new LinkedHashMap<>();
        long t = 5_000_000_000L;
        int[] order = {65530, 65531, 65533, 65532, 65535, 0, 1, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 3};
        for (int seq : order) {
            t += 1_300_000L + (seq % 3) * 90_000L;
            arrivals.put(seq, t);
        }
        arrivals.put(3, arrivals.get(13) - 2_000_000L); // arrived out of order: a negative delta
        int[] feedbacks = {0};
        Map<Integer, Long> read = roundTrip(new TransportCcReceiver(EXT_ID), arrivals, feedbacks);
        assertThat(feedbacks[0]).isEqualTo(1);
        assertThat(read).hasSize(20); // 65530 .. 13
        assertThat(read.get(65534)).isEqualTo(TransportCcReader.NOT_RECEIVED);
        assertThat(read.get(2)).isEqualTo(TransportCcReader.NOT_RECEIVED);
        for (Map.Entry<Integer, Long> e : arrivals.entrySet()) {
            assertThat(read.get(e.getKey())).as("seq %d", e.getKey()).isEqualTo(unit(e.getValue()));
        }
    }

    @Test
    void longRunsManyPacketsAndGapsTooLongForOneDeltaReadBack() {
        Map<Integer, Long> arrivals = new LinkedHashMap<>();
        long t = 1_000_000_000L;
        for (int seq = 100; seq < 1_100; seq++) {
            if (seq % 97 != 0) { // a few losses; long runs of received packets between them
                t += seq % 50 == 0 ? 300_000_000L : 100_000L; // some deltas > 255 units (large symbols)
                arrivals.put(seq, t);
            }
        }
        t += 9_000_000_000L; // 9 s: more than a 16-bit delta holds, the next feedback starts there
        arrivals.put(1_100, t);
        int[] feedbacks = {0};
        Map<Integer, Long> read = roundTrip(new TransportCcReceiver(EXT_ID), arrivals, feedbacks);
        assertThat(feedbacks[0]).as("1,001 packets need at least 3 feedbacks of 400").isGreaterThanOrEqualTo(3);
        assertThat(read).hasSize(1_001);
        for (int seq = 100; seq <= 1_100; seq++) {
            Long expected = arrivals.get(seq);
            assertThat(read.get(seq)).as("seq %d", seq).isEqualTo(expected == null ? TransportCcReader.NOT_RECEIVED : unit(expected));
        }
    }

    @Test
    void latePacketsAndPacketsWithoutTheExtensionAreIgnored() {
        TransportCcReceiver r = new TransportCcReceiver(EXT_ID);
        byte[] out = new byte[1500];
        byte[] first = rtp(10);
        r.received(first, 0, first.length, 1_000_000L);
        assertThat(r.write(out, 0, SENDER)).isPositive();
        assertThat(r.pending()).isFalse();
        byte[] late = rtp(9);
        r.received(late, 0, late.length, 2_000_000L);
        byte[] plain = rtp(11);
        plain[0] = (byte) 0x80; // no extension bit
        r.received(plain, 0, plain.length, 3_000_000L);
        assertThat(r.pending()).isFalse();
        long[] times = new long[4];
        out[1] = (byte) RtcpPacket.RR;
        assertThat(TransportCcReader.read(out, 0, times)).as("not a TWCC packet").isEqualTo(-1);
    }
}
