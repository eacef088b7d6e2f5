package org.peerstack.sfu.internal.forward;

/**
 * Finds the packets a publisher's stream lost (sequence gaps) and decides which to NACK now (RFC 4585
 * §6.2.1): each missing packet is asked for at most {@code maxRetries} times, no more often than once per
 * retry interval, and forgotten after {@link #MAX_AGE_NANOS}. A gap wider than {@link #MAX_GAP}
 * is not NACKed (a keyframe request serves better).
 *
 * <p>The retry interval follows how long the publisher takes to answer, as TCP's retransmission timer
 * does (RFC 6298): each packet recovered after a single NACK is a sample of the time from that NACK to
 * its retransmission (Karn's rule: a packet asked for twice says nothing about which request was
 * answered), smoothed into SRTT and RTTVAR; the base interval is SRTT + 4 RTTVAR, never below the
 * caller's minimum, and it doubles with each retry of a packet (at most {@link #MAX_RETRY_NANOS}): five
 * NACKs from a 40 ms base go out 0, 40, 120, 280 and 530 ms after the loss. With a fixed 40 ms interval every
 * retry was spent within 200 ms; a libwebrtc publisher that had resent a packet at once (that RTX lost)
 * answered none of the four NACKs of it in the next 200 ms, and a loaded one answered up to 320 ms after
 * the first NACK: the packet was never recovered.
 *
 * <p>Packets this requester stops asking for without having received them ({@link #abandoned}: retries
 * spent and the last one's interval passed, too old, pushed out of a full list, or in a gap too wide to
 * ask for) cannot be forwarded: the frame they belong to, and every frame after it up to the next
 * keyframe, cannot be decoded, so the caller asks the publisher for a keyframe. Fixed arrays; I/O
 * thread only.
 */
final class NackRequester {

    /** Missing packets tracked at once. */
    static final int CAPACITY = 256;
    /** Widest gap NACKed packet by packet. */
    static final int MAX_GAP = 128;
    static final long MAX_AGE_NANOS = 1_000_000_000L;
    /** Longest retry interval, whatever the measured answer time (a few NACKs still fit in {@link #MAX_AGE_NANOS}). */
    static final long MAX_RETRY_NANOS = 250_000_000L;

    private final int maxRetries;
    private final int[] missing = new int[CAPACITY];
    private final long[] firstMissedNanos = new long[CAPACITY];
    private final long[] lastAskedNanos = new long[CAPACITY];
    private final int[] retries = new int[CAPACITY];
    private int count;
    private int highest = -1;
    /** Smoothed answer time and its variation (RFC 6298), -1 before the first sample. */
    private long srttNanos = -1;
    private long rttVarNanos;
    /** The least retry interval the caller gave last. */
    private long minRetryNanos;
    /** Packets given up on since {@link #abandoned} was last called. */
    private int abandoned;
    /**
     * Which of the last {@link #SEEN_WINDOW} sequence numbers (up to {@link #highest}) really arrived, one
     * bit each, indexed by {@code seq % SEEN_WINDOW}. Kept apart from {@link #missing}: a packet NACKed
     * {@code maxRetries} times leaves that list, but its RTX copy may still be on its way and is no duplicate.
     */
    private final long[] seen = new long[SEEN_WINDOW / 64];
    /** Sequence numbers remembered in {@link #seen}. */
    static final int SEEN_WINDOW = 1024;

    NackRequester(int maxRetries) {
        this.maxRetries = maxRetries;
    }

    /**
     * Records the arrival of {@code seq}. Returns the number of packets newly found missing before it
     * (0 when in order), or -1 if it was one we were waiting for (a recovered packet).
     */
    int received(int seq, long nowNanos) {
        if (highest < 0) {
            highest = seq;
            markSeen(seq, true);
            return 0;
        }
        int delta = (short) (seq - highest);
        if (delta > 0) {
            int gap = delta - 1;
            if (gap > 0 && gap <= MAX_GAP) {
                for (int i = 1; i <= gap; i++) {
                    add((highest + i) & 0xffff, nowNanos);
                }
            } else if (gap > MAX_GAP) {
                abandoned += gap;
            }
            for (int i = 1, n = Math.min(gap, SEEN_WINDOW); i <= n; i++) {
                markSeen((highest + i) & 0xffff, false);
            }
            highest = seq;
            markSeen(seq, true);
            return gap;
        }
        if (((highest - seq) & 0xffff) < SEEN_WINDOW) {
            markSeen(seq, true);
        }
        int i = indexOf(seq);
        if (i < 0) {
            return 0;
        }
        if (retries[i] == 1) {
            sample(nowNanos - lastAskedNanos[i]);
        }
        removeAt(i);
        return -1;
    }

    /** Adds one answer time to the smoothed estimate (RFC 6298 §2.2, §2.3). */
    private void sample(long rttNanos) {
        if (rttNanos < 0) {
            return;
        }
        if (srttNanos < 0) {
            srttNanos = rttNanos;
            rttVarNanos = rttNanos / 2;
        } else {
            rttVarNanos = (3 * rttVarNanos + Math.abs(srttNanos - rttNanos)) / 4;
            srttNanos = (7 * srttNanos + rttNanos) / 8;
        }
    }

    /** The base interval between two NACKs of one packet: the smoothed answer time plus margin, within bounds. */
    long retryNanos(long minNanos) {
        if (srttNanos < 0) {
            return minNanos;
        }
        return Math.max(minNanos, Math.min(MAX_RETRY_NANOS, srttNanos + 4 * rttVarNanos));
    }

    /** The wait after the {@code asked}-th NACK of a packet: the base interval doubled per earlier NACK, bounded. */
    private static long backoff(long baseNanos, int asked) {
        long wait = baseNanos << Math.min(Math.max(asked - 1, 0), 8);
        return Math.min(Math.max(baseNanos, MAX_RETRY_NANOS), wait);
    }

    private void markSeen(int seq, boolean arrived) {
        int bit = seq & (SEEN_WINDOW - 1);
        if (arrived) {
            seen[bit >>> 6] |= 1L << bit;
        } else {
            seen[bit >>> 6] &= ~(1L << bit);
        }
    }

    private void add(int seq, long nowNanos) {
        if (count == CAPACITY) {
            removeAt(0); // drop the oldest
            abandoned++;
        }
        missing[count] = seq;
        firstMissedNanos[count] = nowNanos;
        lastAskedNanos[count] = 0;
        retries[count] = 0;
        count++;
    }

    private int indexOf(int seq) {
        for (int i = 0; i < count; i++) {
            if (missing[i] == seq) {
                return i;
            }
        }
        return -1;
    }

    private void removeAt(int i) {
        int tail = count - i - 1;
        System.arraycopy(missing, i + 1, missing, i, tail);
        System.arraycopy(firstMissedNanos, i + 1, firstMissedNanos, i, tail);
        System.arraycopy(lastAskedNanos, i + 1, lastAskedNanos, i, tail);
        System.arraycopy(retries, i + 1, retries, i, tail);
        count--;
    }

    /**
     * Packs the NACK (pid, blp) pairs due now into {@code pairs} and returns how many; marks them asked.
     *
     * @param minRetryNanos least time between two requests for one packet; the interval is longer when
     *     the publisher's answers take longer ({@link #retryNanos})
     */
    int due(long nowNanos, long minRetryNanos, int[] pairs) {
        this.minRetryNanos = minRetryNanos;
        expire(nowNanos);
        long retryNanos = retryNanos(minRetryNanos);
        int n = 0;
        int pid = -1;
        int blp = 0;
        for (int i = 0; i < count; i++) {
            if (lastAskedNanos[i] != 0 && nowNanos - lastAskedNanos[i] < backoff(retryNanos, retries[i])) {
                continue;
            }
            lastAskedNanos[i] = nowNanos;
            retries[i]++;
            int seq = missing[i];
            int d = (seq - pid) & 0xffff;
            if (pid >= 0 && d >= 1 && d <= 16) {
                blp |= 1 << (d - 1);
            } else {
                if (pid >= 0) {
                    if (n == pairs.length) {
                        return n;
                    }
                    pairs[n++] = (pid << 16) | blp;
                }
                pid = seq;
                blp = 0;
            }
        }
        if (pid >= 0 && n < pairs.length) {
            pairs[n++] = (pid << 16) | blp;
        }
        return n;
    }

    /** Forgets the packets whose retries are spent (and the last one's interval passed) or that are too old. */
    private void expire(long nowNanos) {
        long retryNanos = retryNanos(minRetryNanos);
        for (int i = count - 1; i >= 0; i--) {
            boolean spent = retries[i] >= maxRetries && nowNanos - lastAskedNanos[i] >= backoff(retryNanos, retries[i]);
            if (spent || nowNanos - firstMissedNanos[i] > MAX_AGE_NANOS) {
                removeAt(i);
                abandoned++;
            }
        }
    }

    /**
     * The number of packets given up on (never received) since the last call, after forgetting those
     * whose time is up at {@code nowNanos}; resets the count.
     */
    int abandoned(long nowNanos) {
        expire(nowNanos);
        int n = abandoned;
        abandoned = 0;
        return n;
    }

    /**
     * True when {@code seq} really arrived before, within the last {@link #SEEN_WINDOW} sequence numbers: an
     * RTX copy of it is a duplicate (libwebrtc probes bandwidth with them). A packet that never arrived is
     * no duplicate, also once it left the NACK list (its last retry's RTX may still be on its way), and
     * neither is one older than the window (forwarded; the receiver's jitter buffer judges it).
     */
    boolean alreadyReceived(int seq) {
        if (highest < 0 || (short) (seq - highest) > 0 || ((highest - seq) & 0xffff) >= SEEN_WINDOW) {
            return false;
        }
        int bit = seq & (SEEN_WINDOW - 1);
        return (seen[bit >>> 6] & (1L << bit)) != 0;
    }

    /** Packets currently missing. */
    int missingCount() {
        return count;
    }
}
