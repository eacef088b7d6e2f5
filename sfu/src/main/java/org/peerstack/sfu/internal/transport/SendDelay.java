package org.peerstack.sfu.internal.transport;

/**
 * The delay the SFU adds to the datagrams it writes in answer to a received one: from the moment the
 * received datagram was handed to the receiver to the moment the system call that sent the answer
 * returned. For a forwarded packet that is the SFU's share of the one-way delay of every copy (decrypt,
 * route, rewrite, encrypt, queue, {@code sendmmsg}), without the publisher, the kernel's delivery queue
 * or the subscriber. Writes not caused by a received datagram (timers, API calls) are not counted.
 *
 * <p>A histogram of fixed {@link #BUCKET_MICROS} µs buckets up to {@link #MAX_MICROS} (longer delays
 * count in the last bucket), recorded on the media I/O thread only; read it there too (submit to the
 * event loop). Costs one clock read per received datagram and per send.
 */
public final class SendDelay {

    /** Width of one bucket. */
    public static final int BUCKET_MICROS = 10;
    /** Longest delay told apart; longer ones count as this. */
    public static final int MAX_MICROS = 200_000;
    /** Distinct origins (received datagrams) one write batch tracks; more share the last one's time. */
    static final int MAX_ORIGINS = 64;

    private final long[] buckets = new long[MAX_MICROS / BUCKET_MICROS + 1];
    private long count;
    private final long[] originNanos = new long[MAX_ORIGINS];
    private final int[] originWrites = new int[MAX_ORIGINS];
    private int origins;

    /** A datagram caused by a receipt at {@code receivedNanos} was queued (0: not caused by a receipt). */
    void queued(long receivedNanos) {
        if (receivedNanos == 0) {
            return;
        }
        if (origins > 0 && originNanos[origins - 1] == receivedNanos) {
            originWrites[origins - 1]++;
        } else if (origins < MAX_ORIGINS) {
            originNanos[origins] = receivedNanos;
            originWrites[origins] = 1;
            origins++;
        } else {
            originWrites[origins - 1]++;
        }
    }

    /** Everything queued since the last call was sent by a system call that returned at {@code sentNanos}. */
    void sent(long sentNanos) {
        for (int i = 0; i < origins; i++) {
            record(sentNanos - originNanos[i], originWrites[i]);
        }
        origins = 0;
    }

    /** Whether anything queued waits for {@link #sent}. */
    boolean pending() {
        return origins > 0;
    }

    private void record(long nanos, int weight) {
        long micros = Math.max(0, nanos / 1000);
        buckets[(int) (Math.min(micros, MAX_MICROS) / BUCKET_MICROS)] += weight;
        count += weight;
    }

    /** Datagrams measured since the last {@link #reset}. */
    public long count() {
        return count;
    }

    /** The {@code p}-th percentile (0..100) in milliseconds (the upper edge of its bucket), NaN when empty. */
    public double percentileMillis(double p) {
        if (count == 0) {
            return Double.NaN;
        }
        long rank = Math.max(1, (long) Math.ceil(p / 100.0 * count));
        long seen = 0;
        for (int i = 0; i < buckets.length; i++) {
            seen += buckets[i];
            if (seen >= rank) {
                return (i + 1) * BUCKET_MICROS / 1000.0;
            }
        }
        return MAX_MICROS / 1000.0;
    }

    /** Forgets what was measured. */
    public void reset() {
        java.util.Arrays.fill(buckets, 0);
        count = 0;
    }
}
