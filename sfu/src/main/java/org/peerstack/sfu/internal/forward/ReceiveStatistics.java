package org.peerstack.sfu.internal.forward;

/**
 * Reception statistics of one incoming RTP stream for receiver reports (RFC 3550 §6.4.1, appendix A.3
 * and A.8): extended highest sequence number, cumulative and fractional loss, interarrival jitter, and
 * the last sender report. I/O thread only.
 */
final class ReceiveStatistics {

    private final int clockRate;
    private boolean started;
    private int baseSeq;
    private int maxSeq;
    private int cycles;
    private long received;
    private long expectedPrior;
    private long receivedPrior;
    private long transit;
    private double jitter;
    private long lastSrMiddle;
    private long lastSrNanos;

    ReceiveStatistics(int clockRate) {
        this.clockRate = clockRate;
    }

    void received(int seq, long rtpTimestamp, long nowNanos) {
        if (!started) {
            started = true;
            baseSeq = seq;
            maxSeq = seq;
        } else {
            int delta = (short) (seq - maxSeq);
            if (delta > 0) {
                if (seq < maxSeq) {
                    cycles += 0x10000;
                }
                maxSeq = seq;
            }
        }
        received++;
        long arrival = nowNanos * clockRate / 1_000_000_000L;
        long t = arrival - rtpTimestamp;
        if (received > 1) {
            long d = Math.abs(t - transit);
            if (d < 10L * clockRate) {
                jitter += (d - jitter) / 16.0;
            }
        }
        transit = t;
    }

    void senderReport(long ntp, long nowNanos) {
        lastSrMiddle = (ntp >>> 16) & 0xffffffffL;
        lastSrNanos = nowNanos;
    }

    boolean started() {
        return started;
    }

    long extendedHighest() {
        return (cycles + maxSeq) & 0xffffffffL;
    }

    long expected() {
        return cycles + maxSeq - baseSeq + 1L;
    }

    int cumulativeLost() {
        return (int) Math.max(-0x800000, Math.min(0x7fffff, expected() - received));
    }

    /** Fraction lost since the last call (0..255), and moves the interval on. */
    int fractionLostAndReset() {
        long expected = expected();
        long expectedInterval = expected - expectedPrior;
        long receivedInterval = received - receivedPrior;
        expectedPrior = expected;
        receivedPrior = received;
        long lostInterval = expectedInterval - receivedInterval;
        if (expectedInterval <= 0 || lostInterval <= 0) {
            return 0;
        }
        return (int) Math.min(255, (lostInterval << 8) / expectedInterval);
    }

    long jitter() {
        return (long) jitter;
    }

    long lastSr() {
        return lastSrMiddle;
    }

    /** Delay since the last SR in 1/65536 s, 0 without one. */
    long delaySinceLastSr(long nowNanos) {
        if (lastSrNanos == 0) {
            return 0;
        }
        return ((nowNanos - lastSrNanos) * 65_536L) / 1_000_000_000L;
    }
}
