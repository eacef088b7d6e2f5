package org.peerstack.bench.signaling;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ScheduledFuture;

/**
 * The signaling benchmark: for each server (bare echo, minimal relay, peerstack), started in its own
 * JVM with 2 epoll event loops, a one-thread Netty load client in this JVM measures
 * <ol>
 *   <li>saturation throughput: 200 connections in rooms of 2 and 4, 16 messages in flight per
 *       connection, 5 s warm-up then the median of 5 windows of 3 s (messages received per second);</li>
 *   <li>latency at a fixed 100,000 messages/s (relays only): 2 s warm-up, 8 s recorded, p50/p99/p99.9/max;</li>
 *   <li>heap per idle connection: 10,000 connections joined in rooms of 2, server heap after full GCs
 *       minus the heap before, divided by 10,000 (a fresh server JVM).</li>
 * </ol>
 * Bounded: about 2 minutes in all ({@code --quick}: shorter windows and 2,000 idle connections).
 */
public final class SignalingBench {

    static final int THREADS = 2;
    static final int CONNECTIONS = 200;
    static final int[] ROOM_SIZES = {2, 4};
    static final int IN_FLIGHT = 16;
    static final int RATE = 100_000;

    private SignalingBench() {
    }

    public static void run(boolean quick) throws Exception {
        int windows = quick ? 3 : 5;
        long windowMs = quick ? 2000 : 3000;
        long warmupMs = quick ? 2000 : 5000;
        int idle = quick ? 2000 : 10_000;
        System.out.printf(Locale.ROOT, "signaling benchmark: %d cores, %s, java %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
                System.getProperty("java.version"));
        List<String> rows = new ArrayList<>();
        double minimalRate = 0;
        double peerstackRate = 0;
        double minimalCpu = 0;
        double peerstackCpu = 0;
        for (String kind : new String[] {"echo", "minimal", "peerstack"}) {
            double rate;
            double cpuPerMessage;
            String latency = "-";
            try (ServerProcess server = new ServerProcess(kind, THREADS, "1g");
                 LoadClient client = new LoadClient(server.port(), kind.equals("echo"))) {
                client.connect(CONNECTIONS, ROOM_SIZES, 100);
                client.startBounce(IN_FLIGHT);
                Thread.sleep(warmupMs);
                double[] rates = new double[windows];
                double[] cpu = new double[windows];
                for (int w = 0; w < windows; w++) {
                    long before = client.received();
                    long cpu0 = server.cpuNanos();
                    long t0 = System.nanoTime();
                    Thread.sleep(windowMs);
                    long messages = client.received() - before;
                    rates[w] = messages / ((System.nanoTime() - t0) / 1e9);
                    cpu[w] = (server.cpuNanos() - cpu0) / 1e3 / Math.max(1, messages);
                }
                client.stopAndDrain();
                Arrays.sort(rates);
                Arrays.sort(cpu);
                rate = rates[windows / 2];
                cpuPerMessage = cpu[windows / 2];
                System.out.printf(Locale.ROOT, "%-10s saturation windows (msg/s): %s; server CPU per message (us): %s%n",
                        kind, Arrays.toString(Arrays.stream(rates).mapToLong(Math::round).toArray()),
                        Arrays.toString(Arrays.stream(cpu).map(c -> Math.round(c * 100) / 100.0).toArray()));
                if (!kind.equals("echo")) {
                    latency = latencyAt(client, quick);
                }
                if (client.openCount() != client.size()) {
                    System.out.printf(Locale.ROOT, "%-10s WARNING: only %d of %d connections still open%n", kind,
                            client.openCount(), client.size());
                }
            }
            if (kind.equals("minimal")) {
                minimalRate = rate;
                minimalCpu = cpuPerMessage;
            } else if (kind.equals("peerstack")) {
                peerstackRate = rate;
                peerstackCpu = cpuPerMessage;
            }
            String heap = idleHeap(kind, idle);
            rows.add(String.format(Locale.ROOT, "| %-9s | %,10.0f | %.2f | %-44s | %s |", kind, rate, cpuPerMessage,
                    latency, heap));
        }
        System.out.println();
        System.out.println("| server    | msg/s (median) | server CPU per message (us, median) | latency at " + RATE
                + " msg/s (p50 / p99 / p99.9 / max, ms; achieved rate) | live heap per idle connection |");
        System.out.println("|---|---|---|---|---|");
        rows.forEach(System.out::println);
        System.out.printf(Locale.ROOT, "%npeerstack / minimal relay saturation throughput: %.2f (target >= 0.90)%n",
                peerstackRate / minimalRate);
        System.out.printf(Locale.ROOT, "minimal / peerstack server CPU per message: %.2f (the throughput ratio a CPU-bound"
                + " server would reach on an otherwise idle machine)%n", minimalCpu / peerstackCpu);
        System.out.printf(Locale.ROOT, "load average at the end: %.2f%n",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static String latencyAt(LoadClient client, boolean quick) throws Exception {
        long recordMs = quick ? 4000 : 8000;
        ScheduledFuture<?> sending = client.startRate(RATE);
        Thread.sleep(2000);
        client.record(true, 4_000_000);
        long t0 = System.nanoTime();
        Thread.sleep(recordMs);
        client.record(false, 0);
        double seconds = (System.nanoTime() - t0) / 1e9;
        sending.cancel(false);
        client.stopAndDrain();
        long[] sorted = client.latencies();
        if (sorted.length == 0) {
            return "no samples";
        }
        return String.format(Locale.ROOT, "%.2f / %.2f / %.2f / %.1f; %,.0f/s", ms(sorted, 0.50), ms(sorted, 0.99),
                ms(sorted, 0.999), sorted[sorted.length - 1] / 1e6, sorted.length / seconds);
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) (quantile * sorted.length))] / 1e6;
    }

    private static String idleHeap(String kind, int count) throws Exception {
        try (ServerProcess server = new ServerProcess(kind, THREADS, "1g")) {
            long before = server.heap();
            long t0 = System.nanoTime();
            try (LoadClient client = new LoadClient(server.port(), kind.equals("echo"))) {
                client.connect(count, new int[] {2}, 200);
                double openSeconds = (System.nanoTime() - t0) / 1e9;
                long after = server.heap();
                return String.format(Locale.ROOT, "%,.0f B (%,d connections opened in %.1f s)",
                        (after - before) / (double) count, count, openSeconds);
            }
        }
    }
}
