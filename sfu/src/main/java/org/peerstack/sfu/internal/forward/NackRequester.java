package org.peerstack.sfu.internal.forward;

/**
 * Finds the packets a publisher's stream lost (sequence gaps) and decides which to NACK now (RFC 4585
 * §6.2.1): each missing packet is asked for at most {@code maxRetries} times, no more often than once per
 * round-trip estimate, and forgotten after {@link #MAX_AGE_NANOS}. A gap wider than {@link #MAX_GAP}
 * is not NACKed (a keyframe request serves better). Fixed arrays; I/O thread only.
 */
final class NackRequester {

    /** Missing packets tracked at once. */
    static final int CAPACITY = 256;
    /** Widest gap NACKed packet by packet. */
    static final int MAX_GAP = 128;
    static final long MAX_AGE_NANOS = 1_000_000_000L;

    private final int maxRetries;
    private final int[] missing = new int[CAPACITY];
    private final long[] firstMissedNanos = new long[CAPACITY];
    private final long[] lastAskedNanos = new long[CAPACITY];
    private final int[] retries = new int[CAPACITY];
    private int count;
    private int highest = -1;
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
        return remove(seq) ? -1 : 0;
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
        }
        missing[count] = seq;
        firstMissedNanos[count] = nowNanos;
        lastAskedNanos[count] = 0;
        retries[count] = 0;
        count++;
    }

    private boolean remove(int seq) {
        for (int i = 0; i < count; i++) {
            if (missing[i] == seq) {
                removeAt(i);
                return true;
            }
        }
        return false;
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
     * @param retryNanos least time between two requests for one packet (about one round trip)
     */
    int due(long nowNanos, long retryNanos, int[] pairs) {
        for (int i = count - 1; i >= 0; i--) {
            if (retries[i] >= maxRetries || nowNanos - firstMissedNanos[i] > MAX_AGE_NANOS) {
                removeAt(i);
            }
        }
        int n = 0;
        int pid = -1;
        int blp = 0;
        for (int i = 0; i < count; i++) {
            if (lastAskedNanos[i] != 0 && nowNanos - lastAskedNanos[i] < retryNanos) {
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
