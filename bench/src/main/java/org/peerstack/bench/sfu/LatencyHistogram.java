package org.peerstack.bench.sfu;

import java.util.Arrays;

/**
 * One-way delays from the publisher's abs-send-time to arrival. libwebrtc's abs-send-time clock is not
 * this JVM's clock (only their rates agree), so each sample is the raw difference modulo abs-send-time's
 * 64 s range, and percentiles are reported above the smallest difference seen in the whole run: the
 * delay added on top of the fastest packet's path (queueing in the publisher's socket, the SFU, the
 * kernel and the load client). Samples come from the event loop thread only.
 */
final class LatencyHistogram {

    /** Samples kept per window at most (later ones are dropped). */
    static final int MAX_SAMPLES = 2_000_000;
    private long[] samples = new long[1 << 16];
    private int count;
    private long runMinimum = Long.MAX_VALUE;

    /** A raw delay in microseconds (modulo 64 s); call on the event loop. */
    void record(long rawMicros) {
        if (count == samples.length) {
            if (count >= MAX_SAMPLES) {
                return;
            }
            samples = Arrays.copyOf(samples, Math.min(MAX_SAMPLES, count * 2));
        }
        samples[count++] = rawMicros;
        if (rawMicros < runMinimum) {
            runMinimum = rawMicros;
        }
    }

    /** Forgets the window's samples (the run minimum stays). Call on the event loop. */
    void reset() {
        count = 0;
    }

    /** The {@code p}-th percentile (0..100) above the run minimum, in milliseconds; call on the event loop. */
    double percentileMillis(double p) {
        if (count == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
        int rank = (int) Math.min(count - 1, Math.max(0, Math.ceil(p / 100.0 * count) - 1));
        return (sorted[rank] - runMinimum) / 1000.0;
    }
}
