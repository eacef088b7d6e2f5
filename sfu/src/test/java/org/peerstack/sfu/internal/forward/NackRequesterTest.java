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
        assertThat(n.missingCount()).as("the last retry still has its time").isEqualTo(1);
        assertThat(n.due(140 * ms, 40 * ms, pairs)).isZero();
        assertThat(n.missingCount()).as("given up after maxRetries and the last one's interval").isZero();
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

    /** The times (ms) at which {@code seq}'s NACKs go out when due() runs every 10 ms for {@code millis}. */
    private static java.util.List<Long> askTimes(NackRequester n, int seq, long fromMs, long millis) {
        java.util.List<Long> asked = new java.util.ArrayList<>();
        int[] pairs = new int[8];
        for (long t = fromMs; t <= fromMs + millis; t += 10) {
            int count = n.due(t * MS, 40 * MS, pairs);
            for (int i = 0; i < count; i++) {
                int pid = pairs[i] >>> 16;
                int blp = pairs[i] & 0xffff;
                if (pid == seq || ((seq - pid - 1) & 0xffff) < 16 && (blp & 1 << ((seq - pid - 1) & 0xffff)) != 0) {
                    asked.add(t - fromMs);
                }
            }
        }
        return asked;
    }

    @Test
    void retriesBackOffSoThatAnAnswerLaterThanTheFirstRetriesIsStillAskedFor() {
        // a loaded libwebrtc publisher answered up to 320 ms after the first NACK, and resends a packet at
        // most once per round trip: five NACKs 40 ms apart were all spent before its answer (lost at 5 %)
        // could be asked for again, and the packet was never recovered
        NackRequester n = new NackRequester(5);
        n.received(100, 10 * MS);
        n.received(102, 10 * MS); // 101 missing
        java.util.List<Long> asked = askTimes(n, 101, 10, 1_000);
        assertThat(asked).as("each wait twice the one before, from the 40 ms minimum, at most 250 ms")
                .containsExactly(0L, 40L, 120L, 280L, 530L);
        assertThat(n.missingCount()).as("given up once the last NACK's wait has passed").isZero();
    }

    @Test
    void measuredAnswerTimesLengthenTheRetryInterval() {
        NackRequester n = new NackRequester(5);
        int[] pairs = new int[8];
        assertThat(n.retryNanos(40 * MS)).as("no answer seen yet: the minimum").isEqualTo(40 * MS);
        int seq = 1_000;
        long t = 1_000;
        n.received(seq, t * MS);
        for (int i = 0; i < 20; i++) { // 20 packets lost, each answered 100 ms after its only NACK
            n.received(seq + 2, t * MS);
            assertThat(n.due(t * MS, 40 * MS, pairs)).isEqualTo(1);
            assertThat(n.received(seq + 1, (t + 100) * MS)).as("recovered").isEqualTo(-1);
            seq += 2;
            t += 200;
        }
        assertThat(n.retryNanos(40 * MS)).as("about the answer time").isBetween(100 * MS, 130 * MS);
        NackRequester m = new NackRequester(5);
        m.received(10, 0);
        m.received(12, 0);
        assertThat(m.due(5 * MS, 40 * MS, pairs)).isEqualTo(1);
        assertThat(m.due(50 * MS, 40 * MS, pairs)).as("second NACK").isEqualTo(1);
        m.received(11, 60 * MS);
        assertThat(m.retryNanos(40 * MS)).as("asked twice: which NACK was answered is unknown (Karn)").isEqualTo(40 * MS);
    }

    @Test
    void slowAnswersAreWaitedFor() {
        NackRequester n = new NackRequester(5);
        int[] pairs = new int[8];
        int seq = 1_000;
        long t = 1_000;
        n.received(seq, t * MS);
        for (int i = 0; i < 20; i++) {
            n.received(seq + 2, t * MS);
            n.due(t * MS, 40 * MS, pairs);
            n.received(seq + 1, (t + 100) * MS);
            seq += 2;
            t += 200;
        }
        n.received(seq + 2, t * MS);
        java.util.List<Long> asked = askTimes(n, seq + 1, t, 1_000);
        assertThat(asked.get(1)).as("the second NACK waits for the measured answer time").isGreaterThanOrEqualTo(100L);
    }

    @Test
    void countsThePacketsItGivesUpOn() {
        NackRequester n = new NackRequester(2);
        int[] pairs = new int[8];
        n.received(10, 0);
        n.received(13, MS); // 11, 12 missing
        n.due(MS, 40 * MS, pairs);
        n.received(11, 5 * MS); // recovered: not given up
        n.due(50 * MS, 40 * MS, pairs); // 12's second and last NACK
        assertThat(n.abandoned(60 * MS)).as("the last NACK still has its time").isZero();
        assertThat(n.abandoned(200 * MS)).as("12 never came").isEqualTo(1);
        assertThat(n.abandoned(300 * MS)).as("counted once").isZero();
        n.received(13 + NackRequester.MAX_GAP + 2, 300 * MS);
        assertThat(n.abandoned(300 * MS)).as("a gap too wide to ask for").isEqualTo(NackRequester.MAX_GAP + 1);
        int from = 13 + NackRequester.MAX_GAP + 2;
        n.received(from + 2, 400 * MS); // one missing, never asked for (no due() call)
        assertThat(n.abandoned(400 * MS + NackRequester.MAX_AGE_NANOS + MS)).as("too old").isEqualTo(1);
    }
}
