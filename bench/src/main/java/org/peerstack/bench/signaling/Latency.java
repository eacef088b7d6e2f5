package org.peerstack.bench.signaling;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** One recorded open-loop phase of the signaling benchmark: latency quantiles, rates and CPU. */
record Latency(long samples, double p50Ms, double p99Ms, double p999Ms, double maxMs, double sentPerSecond,
        double receivedPerSecond, double generatorLagMs, double serverCores, double generatorCores, long unstamped) {

    /** From the sorted latencies (nanoseconds) of one phase. */
    Latency(long[] sorted, double sentPerSecond, double receivedPerSecond, double generatorLagMs, double serverCores,
            double generatorCores, long unstamped) {
        this(sorted.length, ms(sorted, 0.50), ms(sorted, 0.99), ms(sorted, 0.999),
                sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1e6, sentPerSecond, receivedPerSecond,
                generatorLagMs, serverCores, generatorCores, unstamped);
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted.length == 0 ? Double.NaN : sorted[Math.min(sorted.length - 1, (int) (quantile * sorted.length))] / 1e6;
    }

    @Override
    public String toString() {
        if (samples == 0) {
            return "no samples";
        }
        String warning = unstamped == 0 ? "" : String.format(Locale.ROOT, "; WARNING: %,d replies without a send time", unstamped);
        return String.format(Locale.ROOT, "%.2f / %.2f / %.2f / %.1f; sent %,.0f/s, received %,.0f/s; generator lag max %.0f ms; "
                        + "CPU: server %.2f cores, generator JVM %.2f cores%s", p50Ms, p99Ms, p999Ms, maxMs, sentPerSecond,
                receivedPerSecond, generatorLagMs, serverCores, generatorCores, warning);
    }

    /** The round with the median p99, then every round's p99 in the order measured. */
    static String summary(List<Latency> rounds) {
        List<Latency> byP99 = new ArrayList<>(rounds);
        byP99.sort(Comparator.comparingDouble(Latency::p99Ms));
        Latency median = byP99.get(byP99.size() / 2);
        if (rounds.size() == 1) {
            return median.toString();
        }
        StringBuilder p99s = new StringBuilder();
        for (Latency round : rounds) {
            p99s.append(p99s.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f", round.p99Ms()));
        }
        return median + "; p99 per round: " + p99s + " ms";
    }
}
