package org.peerstack.sfu.internal.forward;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NackRequesterTest {

    private static final long MS = 1_000_000L;

    @Test
    void asksForGapsAcrossTheWrapAndStopsWhenTheyArrive() {
        NackRequester n = new NackRequester(3);
        int[] pairs = new int[8];
        assertThat(n.received(65_534, 0)).isZero();
        assertThat(n.received(2, MS)).as("65535, 0, 1 missing").isEqualTo(3);
        int count = n.due(2 * MS, 40 * MS, pairs);
        assertThat(count).isEqualTo(1);
        assertThat(pairs[0] >>> 16).isEqualTo(65_535);
        assertThat(pairs[0] & 0xffff).isEqualTo(0b11);
        assertThat(n.due(3 * MS, 40 * MS, pairs)).as("not again within the retry time").isZero();
        assertThat(n.received(0, 4 * MS)).as("a recovered packet").isEqualTo(-1);
        count = n.due(50 * MS, 40 * MS, pairs);
        assertThat(count).as("65535 and 1 fit one pair").isEqualTo(1);
        assertThat(pairs[0] >>> 16).isEqualTo(65_535);
        assertThat(pairs[0] & 0xffff).isEqualTo(0b10);
    }

    @Test
    void givesUpAfterTheRetriesAndOnHugeGaps() {
        NackRequester n = new NackRequester(2);
        int[] pairs = new int[8];
        n.received(10, 0);
        n.received(12, 0);
        assertThat(n.due(100 * MS, 40 * MS, pairs)).isEqualTo(1);
        assertThat(n.due(200 * MS, 40 * MS, pairs)).isEqualTo(1);
        assertThat(n.due(300 * MS, 40 * MS, pairs)).isZero();
        n.received(12 + NackRequester.MAX_GAP + 2, 0);
        assertThat(n.missingCount()).isZero();
    }

    @Test
    void tellsDuplicatesFromRecoveries() {
        NackRequester n = new NackRequester(5);
        assertThat(n.alreadyReceived(10)).isFalse();
        n.received(10, 0);
        n.received(13, 1); // 11 and 12 missing
        assertThat(n.alreadyReceived(10)).as("arrived before").isTrue();
        assertThat(n.alreadyReceived(11)).as("missing: an RTX copy recovers it").isFalse();
        assertThat(n.alreadyReceived(14)).as("newer than anything received").isFalse();
        n.received(11, 2);
        assertThat(n.alreadyReceived(11)).isTrue();
    }

    @Test
    void aPacketGivenUpOnIsNoDuplicateWhenItsLateRtxArrives() {
        long ms = 1_000_000L;
        NackRequester n = new NackRequester(2);
        int[] pairs = new int[8];
        n.received(100, 0);
        n.received(102, 0); // 101 missing
        assertThat(n.due(0, 40 * ms, pairs)).isEqualTo(1);
        assertThat(n.due(50 * ms, 40 * ms, pairs)).isEqualTo(1); // the last retry
        assertThat(n.due(70 * ms, 40 * ms, pairs)).isZero();
        assertThat(n.missingCount()).as("given up after maxRetries").isZero();
        // the answer to the last retry arrives after that: a recovery, not a duplicate (this dropped
        // recovered packets and cost LossRecoveryTest a third of its frames in 1 of 3 runs)
        assertThat(n.alreadyReceived(101)).isFalse();
        n.received(101, 80 * ms);
        assertThat(n.alreadyReceived(101)).as("now it arrived").isTrue();
    }

    @Test
    void remembersArrivalsAcrossTheSequenceWrapWithinItsWindow() {
        NackRequester n = new NackRequester(5);
        n.received(65_530, 0);
        n.received(3, 0); // 65531..65535, 0..2 missing
        assertThat(n.alreadyReceived(65_530)).isTrue();
        assertThat(n.alreadyReceived(65_535)).isFalse();
        assertThat(n.alreadyReceived(1)).isFalse();
        n.received(1, 0);
        assertThat(n.alreadyReceived(1)).isTrue();
        n.received((3 + NackRequester.SEEN_WINDOW) & 0xffff, 0);
        assertThat(n.alreadyReceived(1)).as("older than the window: forwarded").isFalse();
    }
}
