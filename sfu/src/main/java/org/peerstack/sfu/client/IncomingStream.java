package org.peerstack.sfu.client;

import org.peerstack.sfu.internal.packet.RtcpWriter;

/**
 * Receive state of one incoming RTP stream (one media SSRC) of an {@link RtpReceivingPeer}: what a
 * receiver report needs (RFC 3550 §6.4.1 and appendix A.3/A.8: extended highest sequence number,
 * cumulative and fractional loss, interarrival jitter, last SR), and which packets are missing so that
 * they can be NACKed (RFC 4585 §6.2.1): each at most {@link #NACK_RETRIES} times, {@link #NACK_INTERVAL_NANOS}
 * apart, forgotten after {@link #NACK_MAX_AGE_NANOS}. A gap wider than {@link #MAX_NACK_GAP} is not NACKed
 * packet by packet: a keyframe request serves better. I/O thread only.
 */
final class IncomingStream {

    /** Missing packets tracked at once. */
    static final int MAX_MISSING = 256;
    /** Widest gap NACKed packet by packet. */
    static final int MAX_NACK_GAP = 128;
    /** Times one missing packet is asked for. */
    static final int NACK_RETRIES = 3;
    /** Least time between two requests for the same packet. */
    static final long NACK_INTERVAL_NANOS = 60_000_000L;
    /** A missing packet older than this is given up. */
    static final long NACK_MAX_AGE_NANOS = 1_000_000_000L;

    final int ssrc;
    final ReceivedTrack track;
    private final int clockRate;
    private boolean started;
    private int baseSeq;
    private int maxSeq;
    private int cycles;
    long received;
    private long expectedPrior;
    private long receivedPrior;
    private long transit;
    private double jitter;
    private long lastSrMiddle;
    private long lastSrNanos;
    private final int[] missing = new int[MAX_MISSING];
    private final long[] missedAt = new long[MAX_MISSING];
    private final long[] askedAt = new long[MAX_MISSING];
    private final int[] asked = new int[MAX_MISSING];
    private int missingCount;
    long recovered;
    long givenUp;

    IncomingStream(int ssrc, ReceivedTrack track) {
        this.ssrc = ssrc;
        this.track = track;
        this.clockRate = track.clockRate() > 0 ? track.clockRate() : 90_000;
    }

    /**
     * Records the arrival of {@code seq}. Returns how many packets were newly found missing before it
     * (0 in order; -1 when it was a missing packet coming late or retransmitted; -2 for a gap too wide to NACK).
     */
    int received(int seq, long rtpTimestamp, long nowNanos, boolean retransmitted) {
        if (!started) {
            started = true;
            baseSeq = seq;
            maxSeq = seq;
            received++;
            return 0;
        }
        int delta = (short) (seq - maxSeq);
        int result = 0;
        if (delta > 0) {
            if (seq < maxSeq) {
                cycles += 0x10000;
            }
            int gap = delta - 1;
            if (gap > MAX_NACK_GAP) {
                missingCount = 0;
                result = -2;
            } else {
                for (int i = 1; i <= gap; i++) {
                    addMissing((maxSeq + i) & 0xffff, nowNanos);
                }
                result = gap;
            }
            maxSeq = seq;
        } else if (removeMissing(seq)) {
            recovered++;
            result = -1;
        } else if (delta == 0 || retransmitted) {
            return 0; // a duplicate: counted once
        }
        received++;
        if (!retransmitted) {
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
        return result;
    }

    /** A sender report for this SSRC arrived: kept for the LSR/DLSR of the next report. */
    void senderReport(long ntp, long nowNanos) {
        lastSrMiddle = (ntp >>> 16) & 0xffffffffL;
        lastSrNanos = nowNanos;
    }

    /**
     * Writes the sequence numbers to NACK now as (pid, blp) pairs ({@code pid << 16 | blp}) into
     * {@code pairs}; returns how many. Missing packets asked too often or too old are given up.
     */
    int nackPairs(long nowNanos, int[] pairs) {
        int n = 0;
        int w = 0;
        for (int i = 0; i < missingCount; i++) {
            if (nowNanos - missedAt[i] > NACK_MAX_AGE_NANOS || asked[i] >= NACK_RETRIES && nowNanos - askedAt[i] > NACK_INTERVAL_NANOS) {
                givenUp++;
                continue;
            }
            missing[w] = missing[i];
            missedAt[w] = missedAt[i];
            askedAt[w] = askedAt[i];
            asked[w] = asked[i];
            if (asked[w] < NACK_RETRIES && nowNanos - askedAt[w] >= NACK_INTERVAL_NANOS) {
                asked[w]++;
                askedAt[w] = nowNanos;
                int seq = missing[w];
                if (n > 0 && ((seq - (pairs[n - 1] >>> 16)) & 0xffff) <= 16 && ((seq - (pairs[n - 1] >>> 16)) & 0xffff) > 0) {
                    pairs[n - 1] |= 1 << (((seq - (pairs[n - 1] >>> 16)) & 0xffff) - 1);
                } else if (n < pairs.length) {
                    pairs[n++] = seq << 16;
                }
            }
            w++;
        }
        missingCount = w;
        return n;
    }

    boolean hasMissing() {
        return missingCount > 0;
    }

    long extendedHighest() {
        return cycles + (long) maxSeq;
    }

    long lost() {
        return started ? Math.max(0, extendedHighest() - baseSeq + 1 - received) : 0;
    }

    /** Writes a receiver report block for this stream (one RR packet) at {@code p}; returns the end. */
    int writeReport(byte[] out, int p, int localSsrc, long nowNanos) {
        long expected = extendedHighest() - baseSeq + 1;
        long expectedInterval = expected - expectedPrior;
        long receivedInterval = received - receivedPrior;
        expectedPrior = expected;
        receivedPrior = received;
        long lostInterval = expectedInterval - receivedInterval;
        int fraction = expectedInterval <= 0 || lostInterval <= 0 ? 0 : (int) ((lostInterval << 8) / expectedInterval);
        long dlsr = lastSrNanos == 0 ? 0 : (nowNanos - lastSrNanos) * 65536 / 1_000_000_000L;
        return RtcpWriter.receiverReport(out, p, localSsrc, ssrc, Math.min(255, fraction), (int) Math.min(lost(), 0x7fffff),
                extendedHighest(), (long) jitter, lastSrMiddle, lastSrMiddle == 0 ? 0 : dlsr);
    }

    private void addMissing(int seq, long nowNanos) {
        if (missingCount == MAX_MISSING) {
            System.arraycopy(missing, 1, missing, 0, MAX_MISSING - 1);
            System.arraycopy(missedAt, 1, missedAt, 0, MAX_MISSING - 1);
            System.arraycopy(askedAt, 1, askedAt, 0, MAX_MISSING - 1);
            System.arraycopy(asked, 1, asked, 0, MAX_MISSING - 1);
            missingCount--;
            givenUp++;
        }
        missing[missingCount] = seq;
        missedAt[missingCount] = nowNanos;
        askedAt[missingCount] = Long.MIN_VALUE / 2;
        asked[missingCount] = 0;
        missingCount++;
    }

    private boolean removeMissing(int seq) {
        for (int i = 0; i < missingCount; i++) {
            if (missing[i] == seq) {
                System.arraycopy(missing, i + 1, missing, i, missingCount - i - 1);
                System.arraycopy(missedAt, i + 1, missedAt, i, missingCount - i - 1);
                System.arraycopy(askedAt, i + 1, askedAt, i, missingCount - i - 1);
                System.arraycopy(asked, i + 1, asked, i, missingCount - i - 1);
                missingCount--;
                return true;
            }
        }
        return false;
    }
}
