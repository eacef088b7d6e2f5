package org.peerstack.sfu.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SendDelayTest {

    private static final long MS = 1_000_000;

    @Test
    void eachQueuedDatagramCountsWithTheDelayOfItsOwnReceipt() {
        SendDelay d = new SendDelay();
        // 99 copies of a packet received at t=1 ms and one of a packet received at t=9 ms, sent at t=10 ms
        // (CPU clock: 2 ms and 4 ms of work before the send)
        for (int i = 0; i < 99; i++) {
            d.queued(1 * MS, 100 * MS);
        }
        d.queued(9 * MS, 102 * MS);
        d.queued(0, 0); // a timer's write: not counted
        assertThat(d.pending()).isTrue();
        d.sent(10 * MS, 104 * MS);
        assertThat(d.pending()).isFalse();
        assertThat(d.count()).isEqualTo(100);
        assertThat(d.percentileMillis(50)).isEqualTo(9.01);
        assertThat(d.percentileMillis(99)).isEqualTo(9.01);
        assertThat(d.percentileMillis(1)).isEqualTo(1.01);
        assertThat(d.percentileMillis(100)).isEqualTo(9.01);
        assertThat(d.cpuPercentileMillis(1)).isEqualTo(2.01);
        assertThat(d.cpuPercentileMillis(50)).isEqualTo(4.01);
    }

    @Test
    void delaysBeyondTheRangeCountInTheLastBucketAndResetForgets() {
        SendDelay d = new SendDelay();
        d.queued(1, -1);
        d.sent(1 + 10_000 * MS, -1);
        assertThat(d.percentileMillis(50)).isEqualTo(200.01); // the last bucket's upper edge
        d.reset();
        assertThat(d.count()).isZero();
        assertThat(d.percentileMillis(50)).isNaN();
        assertThat(d.cpuPercentileMillis(50)).isNaN(); // never measured
    }

    @Test
    void moreOriginsThanTrackedShareTheLastOnesTime() {
        SendDelay d = new SendDelay();
        for (int i = 1; i <= SendDelay.MAX_ORIGINS + 10; i++) {
            d.queued(i * MS, i * MS);
        }
        d.sent(200 * MS, 200 * MS);
        assertThat(d.count()).isEqualTo(SendDelay.MAX_ORIGINS + 10);
    }
}
