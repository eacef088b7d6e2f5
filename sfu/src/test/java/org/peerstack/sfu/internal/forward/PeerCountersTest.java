package org.peerstack.sfu.internal.forward;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.peerstack.sfu.SfuPeerStats;

/** The per-connection counters behind SfuPeerStats, including a subscriber's loss read from its receiver reports. */
class PeerCountersTest {

    /** An RR (RFC 3550 §6.4.2) from {@code sender} with one report block per {@code ssrcs[i]}, cumulative loss {@code lost[i]}. */
    private static byte[] receiverReport(int sender, int[] ssrcs, int[] lost) {
        ByteBuffer b = ByteBuffer.allocate(8 + 24 * ssrcs.length);
        b.put((byte) (0x80 | ssrcs.length)).put((byte) 201).putShort((short) (1 + 6 * ssrcs.length)).putInt(sender);
        for (int i = 0; i < ssrcs.length; i++) {
            b.putInt(ssrcs[i]).put((byte) 0).put((byte) (lost[i] >> 16)).put((byte) (lost[i] >> 8)).put((byte) lost[i]);
            b.putInt(1000).putInt(5).putInt(0).putInt(0);
        }
        return b.array();
    }

    @Test
    void countsWhatTheSessionsReportAndTheLatestLossPerReportedStream() {
        PeerCounters c = new PeerCounters();
        c.received(100);
        c.received(50);
        c.sent(1200);
        c.lost(3);
        c.nackReceived();
        c.nackSent();
        c.nackSent();
        c.keyframeRequestReceived();
        c.keyframeRequestSent();
        c.receiverReport(receiverReport(7, new int[] {11, 22}, new int[] {4, 0x10000}), 0);
        c.receiverReport(receiverReport(7, new int[] {11}, new int[] {6}), 0); // cumulative: the latest counts
        c.receiverReport(receiverReport(7, new int[] {33}, new int[] {0xffffff}), 0); // negative: no loss
        assertThat(c.snapshot()).isEqualTo(new SfuPeerStats(2, 150, 1, 1200, 3 + 6 + 0x10000, 1, 2, 1, 1));
    }

    @Test
    void aReportShorterThanItsCountIsReadNoFurther() {
        PeerCounters c = new PeerCounters();
        byte[] rr = receiverReport(7, new int[] {11, 22}, new int[] {4, 5});
        rr[3] = 7; // the length says one block, the count two
        c.receiverReport(rr, 0);
        assertThat(c.snapshot().packetsLost()).isEqualTo(4);
    }
}
