package org.peerstack.sfu;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counters of an {@link SfuServer} (see {@link SfuCounter}). Updated by the media I/O thread and the DTLS
 * threads; readable from any thread at any time.
 */
public final class SfuMetrics {

    private final AtomicLongArray counters = new AtomicLongArray(SfuCounter.values().length);

    /** Adds one to {@code counter}. */
    public void increment(SfuCounter counter) {
        counters.incrementAndGet(counter.ordinal());
    }

    /** Adds {@code delta} to {@code counter}. */
    public void add(SfuCounter counter, long delta) {
        counters.addAndGet(counter.ordinal(), delta);
    }

    /** The current value of {@code counter}. */
    public long get(SfuCounter counter) {
        return counters.get(counter.ordinal());
    }

    /** Every counter's current value. */
    public Map<SfuCounter, Long> snapshot() {
        Map<SfuCounter, Long> m = new EnumMap<>(SfuCounter.class);
        for (SfuCounter c : SfuCounter.values()) {
            m.put(c, get(c));
        }
        return m;
    }

    /** The sum of every {@code DROPPED_*} counter. */
    public long dropped() {
        long sum = 0;
        for (SfuCounter c : SfuCounter.values()) {
            if (c.name().startsWith("DROPPED_")) {
                sum += get(c);
            }
        }
        return sum;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("SfuMetrics[");
        snapshot().forEach((k, v) -> {
            if (v != 0) {
                sb.append(k.name().toLowerCase(java.util.Locale.ROOT)).append('=').append(v).append(' ');
            }
        });
        return sb.append(']').toString();
    }
}
