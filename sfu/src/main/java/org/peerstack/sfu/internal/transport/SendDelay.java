package org.peerstack.sfu.internal.transport;

/**
 * The delay the SFU adds to the datagrams it writes in answer to a received one: from the moment the
 * received datagram was handed to the receiver to the moment the system call that sent the answer
 * returned. For a forwarded packet that is the SFU's share of the one-way delay of every copy (decrypt,
 * route, rewrite, encrypt, queue, {@code sendmmsg}), without the publisher, the kernel's delivery queue
 * or the subscriber. Writes not caused by a received datagram (timers, API calls) are not counted.
 *
 * <p>Two clocks: wall time ({@link #percentileMillis}), which includes any time the I/O thread was not
 * running (preempted on a busy machine), and, with batched writes, the I/O thread's own CPU time
 * ({@link #cpuPercentileMillis}): the part of the delay that comes from the work done before each copy
 * was sent, whatever else the machine does, which is what the order of work (the flush policy)
 * decides.
 *
 * <p>Histograms of fixed {@link #BUCKET_MICROS} µs buckets up to {@link #MAX_MICROS} (longer delays
 * count in the last bucket), recorded on the media I/O thread only; read them there too (submit to the
 * event loop). Costs two clock reads per received datagram and per send.
 */
public final class SendDelay {

    /** Width of one bucket. */
    public static final int BUCKET_MICROS = 10;
    /** Longest delay told apart; longer ones count as this. */
    public static final int MAX_MICROS = 200_000;
    /** Distinct origins (received datagrams) one write batch tracks; more share the last one's time. */
    static final int MAX_ORIGINS = 64;

    private final long[] wall = new long[MAX_MICROS / BUCKET_MICROS + 1];
    private final long[] cpu = new long[MAX_MICROS / BUCKET_MICROS + 1];
    private long count;
    private long cpuCount;
    private final long[] originNanos = new long[MAX_ORIGINS];
    private final long[] originCpuNanos = new long[MAX_ORIGINS];
    private final int[] originWrites = new int[MAX_ORIGINS];
    private int origins;

    /**
     * A datagram caused by a receipt at {@code receivedNanos} (wall clock; 0: not caused by a receipt)
     * and {@code receivedCpuNanos} (the I/O thread's CPU clock; -1: not measured) was queued.
     */
    void queued(long receivedNanos, long receivedCpuNanos) {
        if (receivedNanos == 0) {
            return;
        }
        if (origins > 0 && originNanos[origins - 1] == receivedNanos) {
            originWrites[origins - 1]++;
        } else if (origins < MAX_ORIGINS) {
            originNanos[origins] = receivedNanos;
            originCpuNanos[origins] = receivedCpuNanos;
            originWrites[origins] = 1;
            origins++;
        } else {
            originWrites[origins - 1]++;
        }
    }

    /**
     * Everything queued since the last call was sent by a system call that returned at {@code sentNanos}
     * (wall) and {@code sentCpuNanos} (CPU clock; -1: not measured).
     */
    void sent(long sentNanos, long sentCpuNanos) {
        for (int i = 0; i < origins; i++) {
            count += originWrites[i];
            record(wall, sentNanos - originNanos[i], originWrites[i]);
            if (sentCpuNanos >= 0 && originCpuNanos[i] >= 0) {
                cpuCount += originWrites[i];
                record(cpu, sentCpuNanos - originCpuNanos[i], originWrites[i]);
            }
        }
        origins = 0;
    }

    /** Whether anything queued waits for {@link #sent}. */
    boolean pending() {
        return origins > 0;
    }

    private static void record(long[] buckets, long nanos, int weight) {
        long micros = Math.max(0, nanos / 1000);
        buckets[(int) (Math.min(micros, MAX_MICROS) / BUCKET_MICROS)] += weight;
    }

    /** Datagrams measured since the last {@link #reset}. */
    public long count() {
        return count;
    }

    /** The {@code p}-th percentile (0..100) of the wall-clock delay in milliseconds (its bucket's upper edge), NaN when empty. */
    public double percentileMillis(double p) {
        return percentile(wall, count, p);
    }

    /** The {@code p}-th percentile (0..100) of the CPU-clock delay in milliseconds, NaN when not measured. */
    public double cpuPercentileMillis(double p) {
        return percentile(cpu, cpuCount, p);
    }

    private static double percentile(long[] buckets, long count, double p) {
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
        java.util.Arrays.fill(wall, 0);
        java.util.Arrays.fill(cpu, 0);
        count = 0;
        cpuCount = 0;
    }
}
