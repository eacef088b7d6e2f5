package org.peerstack.bench.rtc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The steps of one call set-up, each stamped with {@link System#nanoTime()} the first time it happens
 * ({@link #mark}) or every time ({@link #markLast}: the last one wins), relative to {@link #start()}.
 * Thread-safe: steps are stamped on whatever thread sees them (signaling I/O, event or libwebrtc
 * callback threads). {@link Summary} collects the traces of many calls and prints per-step medians.
 */
public final class CallTrace {

    /** A trace that records nothing: the untraced path pays one null-free call per step. */
    public static final CallTrace NONE = new CallTrace(false);

    private final boolean enabled;
    private final Map<String, Long> firsts = new ConcurrentHashMap<>();
    private volatile long start;

    private CallTrace(boolean enabled) {
        this.enabled = enabled;
    }

    /** A recording trace. */
    public static CallTrace recording() {
        return new CallTrace(true);
    }

    /** Sets time zero (the step every other one is measured from). */
    public void start() {
        start = System.nanoTime();
    }

    /** Stamps {@code step} unless it was stamped already. */
    public void mark(String step) {
        if (enabled) {
            firsts.putIfAbsent(step, System.nanoTime());
        }
    }

    /** Stamps {@code step}, replacing an earlier stamp (for "last candidate" and the like). */
    public void markLast(String step) {
        if (enabled) {
            firsts.put(step, System.nanoTime());
        }
    }

    /** Each step's time since {@link #start()} in milliseconds. */
    public Map<String, Double> millis() {
        Map<String, Double> out = new LinkedHashMap<>();
        firsts.forEach((step, t) -> out.put(step, (t - start) / 1e6));
        return out;
    }

    /** The per-step medians of many traces. */
    public static final class Summary {
        private final Map<String, List<Double>> steps = new ConcurrentHashMap<>();
        private final List<Map<String, Double>> traces = new ArrayList<>();
        private int calls;

        public synchronized void add(CallTrace trace) {
            calls++;
            Map<String, Double> millis = trace.millis();
            traces.add(millis);
            millis.forEach((step, ms) -> steps.computeIfAbsent(step, s -> new ArrayList<>()).add(ms));
        }

        /**
         * The median duration of each leg of {@code path} (time zero, then the given steps in order),
         * taken per call (so that one slow call does not shift every later step), over the calls that
         * saw every step of the path; the last line is the sum of the leg medians.
         */
        public synchronized String segments(String title, List<String> path) {
            StringBuilder out = new StringBuilder(String.format("%s: median per leg (ms), per call%n", title));
            double total = 0;
            String from = "time zero";
            for (String to : path) {
                String previous = from;
                double[] legs = traces.stream().filter(t -> t.keySet().containsAll(path))
                        .mapToDouble(t -> t.get(to) - (previous.equals("time zero") ? 0 : t.get(previous))).toArray();
                Arrays.sort(legs);
                double median = legs.length == 0 ? Double.NaN : median(legs);
                total += median;
                out.append(String.format("  %-52s -> %-52s %7.2f  (p10 %.2f, p90 %.2f, n=%d)%n", from, to, median,
                        legs.length == 0 ? Double.NaN : rank(legs, 10), legs.length == 0 ? Double.NaN : rank(legs, 90),
                        legs.length));
                from = to;
            }
            out.append(String.format("  sum of leg medians %.2f%n", total));
            return out.toString();
        }

        /** One line per step, ordered by median: median, p10, p90 and in how many calls it was seen. */
        public synchronized String table(String title) {
            StringBuilder out = new StringBuilder(String.format("%s (%d calls; ms since time zero)%n", title, calls));
            out.append(String.format("  %-52s %8s %8s %8s %6s%n", "step", "median", "p10", "p90", "seen"));
            steps.entrySet().stream()
                    .map(e -> Map.entry(e.getKey(), sorted(e.getValue())))
                    .sorted(Comparator.comparingDouble(e -> median(e.getValue())))
                    .forEach(e -> out.append(String.format("  %-52s %8.2f %8.2f %8.2f %6d%n", e.getKey(),
                            median(e.getValue()), rank(e.getValue(), 10), rank(e.getValue(), 90), e.getValue().length)));
            return out.toString();
        }

        private static double[] sorted(List<Double> values) {
            double[] a = values.stream().mapToDouble(Double::doubleValue).toArray();
            Arrays.sort(a);
            return a;
        }

        private static double median(double[] a) {
            int n = a.length;
            return n % 2 == 1 ? a[n / 2] : (a[n / 2 - 1] + a[n / 2]) / 2;
        }

        private static double rank(double[] a, double p) {
            int r = (int) Math.ceil(p / 100.0 * a.length);
            return a[Math.max(0, Math.min(a.length - 1, r - 1))];
        }
    }
}
