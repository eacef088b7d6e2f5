package org.peerstack.bench;

import java.util.Arrays;

/** A set of measurements with the order statistics benchmarks report (median first). */
public final class Samples {

    private final double[] sorted;
    private final String unit;

    public Samples(double[] values, String unit) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        this.sorted = values.clone();
        Arrays.sort(sorted);
        this.unit = unit;
    }

    public int count() {
        return sorted.length;
    }

    /** Nearest-rank percentile, {@code p} in 0..100. */
    public double percentile(double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    public double median() {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    public double min() {
        return sorted[0];
    }

    public double max() {
        return sorted[sorted.length - 1];
    }

    @Override
    public String toString() {
        return String.format("n=%d median=%.2f%s min=%.2f p90=%.2f p99=%.2f max=%.2f", count(), median(), unit,
                min(), percentile(90), percentile(99), max());
    }
}
