package org.peerstack.bench.signaling;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;

/**
 * The signaling benchmark: each server (bare echo, batched echo, minimal relay, relay floor, peerstack) runs in its own JVM with
 * {@link #THREADS} epoll event loops (all the same, {@code --threads=N}); a one-thread Netty load client per server
 * runs in this JVM.
 * <ol>
 *   <li>Saturation throughput, <b>interleaved</b> so that all servers see the same background load
 *       (the machine is shared): 200 connections per server in rooms of 2 and 4, 16 messages in flight
 *       per connection. After 2 untimed warm-up rounds of the same shape (equal for every server, for
 *       the JIT), R rounds; in each round every server in turn gets 1 s to settle and a 2 s measured window (messages received per second, server CPU per message).
 *       Reported: the median over rounds, and the median of the per-round ratio peerstack / minimal
 *       (a paired comparison).</li>
 *   <li>Latency at a fixed 100,000 messages/s, and 50,000 in a full run (open loop, every server; the
 *       batched echo shows what this machine and the generator allow a server with almost no work):
 *       after an untimed open-loop warm-up of every server, {@link #LATENCY_ROUNDS} rounds at 50,000 and
 *       {@link #TARGET_RATE_ROUNDS} at 100,000 (the judged rate),
 *       every server once per round in an order rotated every round; each phase 2 s warm-up and 8 s
 *       recorded. Reported: the round with the median p99 (p50/p99/p99.9/max, the rates sent and
 *       received, the generator's worst lag, the CPU the server and the generator's JVM used) and
 *       every round's p99.</li>
 *   <li>Heap per idle connection: 10,000 connections joined in rooms of 2 to a fresh server JVM;
 *       server heap after full GCs minus the heap before, divided by 10,000.</li>
 * </ol>
 * Bounded: about 11 minutes with the five servers ({@code --quick}: fewer rounds, 2,000 idle connections, about 2 minutes).
 */
public final class SignalingBench {

    /** Event loops of every server JVM unless {@code --threads=N} says otherwise. */
    public static final int THREADS = 2;
    static final int CONNECTIONS = 200;
    static final int[] ROOM_SIZES = {2, 4};
    static final int IN_FLIGHT = 16;
    static final int RATE = 100_000;
    /** Open-loop rates of a full run: {@link #RATE} and a lower one, to show where the tail starts. */
    static final int[] LATENCY_RATES = {50_000, RATE};
    /** Latency rounds per rate in a full run (every server once per round, in rotated order). */
    static final int LATENCY_ROUNDS = 3;
    /**
     * Latency rounds at {@link #RATE} in a full run: the p99 ratio to the relay floor is judged on their
     * medians, and with 3 rounds one disturbed round of either server moved it by 0.3 (run Q: per-round
     * ratios 1.08 to 3.27).
     */
    static final int TARGET_RATE_ROUNDS = 5;
    /** Open loop: messages per connection per 1 ms tick (one flush each). */
    static final int RATE_BATCH = 4;
    static final int WARMUP_ROUNDS = 2;
    /** Untimed open loop at {@link #RATE} per server before the latency phases. */
    static final long OPEN_LOOP_WARMUP_MS = 5000;
    static final long SETTLE_MS = 1000;
    static final long WINDOW_MS = 2000;

    private static final com.sun.management.OperatingSystemMXBean PROCESS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private SignalingBench() {
    }

    public static void run(boolean quick, List<String> kinds) throws Exception {
        run(quick, THREADS, kinds);
    }

    /** {@code threads}: event loops of every server (all servers get the same number). */
    public static void run(boolean quick, int threads, List<String> kinds) throws Exception {
        int rounds = quick ? 3 : 7;
        int idle = quick ? 2000 : 10_000;
        System.out.printf(Locale.ROOT, "signaling benchmark: %d cores, %s, java %s, %d event loops per server, "
                        + "load average at start %.2f%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"), System.getProperty("java.version"), threads, loadAverage());
        Map<String, double[]> rates = new LinkedHashMap<>();
        Map<String, double[]> cpus = new LinkedHashMap<>();
        Map<String, String> latencies = new LinkedHashMap<>();
        Map<String, List<Latency>> atRate = new LinkedHashMap<>();
        List<ServerProcess> servers = new ArrayList<>();
        List<LoadClient> clients = new ArrayList<>();
        try {
            for (String kind : kinds) {
                ServerProcess server = new ServerProcess(kind, threads, "1g");
                servers.add(server);
                LoadClient client = new LoadClient(server.port(), BaselineServers.isEcho(kind));
                clients.add(client);
                client.connect(CONNECTIONS, ROOM_SIZES, 100);
                rates.put(kind, new double[rounds]);
                cpus.put(kind, new double[rounds]);
            }
            // Untimed warm-up, the same for every server: whole rounds of the measured shape, so that
            // every server's JIT has compiled the relay path before the first measured window.
            int warmupRounds = quick ? 1 : WARMUP_ROUNDS;
            for (int round = -warmupRounds; round < rounds; round++) {
                for (int k = 0; k < kinds.size(); k++) {
                    LoadClient client = clients.get(k);
                    ServerProcess server = servers.get(k);
                    client.startBounce(IN_FLIGHT);
                    Thread.sleep(SETTLE_MS);
                    long before = client.received();
                    long cpu0 = server.cpuNanos();
                    long t0 = System.nanoTime();
                    Thread.sleep(WINDOW_MS);
                    long messages = client.received() - before;
                    if (round >= 0) {
                        rates.get(kinds.get(k))[round] = messages / ((System.nanoTime() - t0) / 1e9);
                        cpus.get(kinds.get(k))[round] = (server.cpuNanos() - cpu0) / 1e3 / Math.max(1, messages);
                    }
                    client.stopAndDrain();
                }
            }
            // Untimed open-loop warm-up of every generator and server before any latency is recorded: the
            // first open-loop phase in a JVM compiles new paths (C2 threads take a core of the two).
            for (LoadClient client : clients) {
                ScheduledFuture<?> warming = client.startRate(RATE, RATE_BATCH);
                Thread.sleep(quick ? 2000 : OPEN_LOOP_WARMUP_MS);
                warming.cancel(false);
                client.stopAndDrain();
            }
            for (int k = 0; k < kinds.size(); k++) {
                String kind = kinds.get(k);
                System.out.printf(Locale.ROOT, "%-12s rounds (msg/s): %s; server CPU per message (us): %s%n", kind,
                        Arrays.toString(Arrays.stream(rates.get(kind)).mapToLong(Math::round).toArray()),
                        Arrays.toString(Arrays.stream(cpus.get(kind)).map(c -> Math.round(c * 100) / 100.0).toArray()));
            }
            // Latency rounds, interleaved like the throughput rounds and with the order rotated every round:
            // a server measured late in a sequence got a calmer generator (lags of 8-15 ms against 100-180 ms
            // for the first servers, and the reverse when the order was reversed), so one fixed order biases
            // the comparison. Reported per server and rate: the median round by p99, and every round's p99.
            int latencyRounds = quick ? 1 : LATENCY_ROUNDS;
            int[] measuredRates = quick ? new int[] {RATE} : LATENCY_RATES;
            for (int rate : measuredRates) {
                Map<String, List<Latency>> byKind = new LinkedHashMap<>();
                int roundsAtRate = quick ? 1 : rate == RATE ? TARGET_RATE_ROUNDS : latencyRounds;
                for (int round = 0; round < roundsAtRate; round++) {
                    for (int i = 0; i < kinds.size(); i++) {
                        int k = (i + round) % kinds.size();
                        Latency latency = latencyAt(clients.get(k), servers.get(k), rate, quick);
                        byKind.computeIfAbsent(kinds.get(k), x -> new ArrayList<>()).add(latency);
                    }
                }
                for (String kind : kinds) {
                    List<Latency> measured = byKind.get(kind);
                    String line = Latency.summary(measured);
                    System.out.printf(Locale.ROOT, "%-12s at %,d msg/s: %s%n", kind, rate, line);
                    if (rate == RATE) {
                        latencies.put(kind, line);
                        atRate.put(kind, measured);
                    }
                }
            }
            for (int k = 0; k < kinds.size(); k++) {
                String kind = kinds.get(k);
                // with the server's pid, e.g. for `perf stat -p PID -e syscalls:sys_enter_write...`
                System.out.printf(Locale.ROOT, "%-12s server pid %d: %,d messages delivered in all phases%n", kind,
                        servers.get(k).pid(), clients.get(k).received());
                if (clients.get(k).openCount() != clients.get(k).size()) {
                    System.out.printf(Locale.ROOT, "%-12s WARNING: only %d of %d connections still open%n", kind,
                            clients.get(k).openCount(), clients.get(k).size());
                }
            }
        } finally {
            for (LoadClient client : clients) {
                client.close();
            }
            for (ServerProcess server : servers) {
                server.close();
            }
        }
        List<String> rows = new ArrayList<>();
        for (String kind : kinds) {
            rows.add(String.format(Locale.ROOT, "| %-12s | %,10.0f | %.2f | %s | %s |", kind, median(rates.get(kind)),
                    median(cpus.get(kind)), latencies.getOrDefault(kind, "-"), idleHeap(kind, threads, idle)));
        }
        System.out.println();
        System.out.println("| server | msg/s (median of rounds) | server CPU per message (us, median) | latency at " + RATE
                + " msg/s (the median round by p99: p50 / p99 / p99.9 / max, ms; rates sent and received; generator lag; CPU;"
                + " every round's p99) | live heap per idle connection |");
        System.out.println("|---|---|---|---|---|");
        rows.forEach(System.out::println);
        if (rates.containsKey("minimal") && rates.containsKey("peerstack")) {
            double[] ratios = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                ratios[r] = rates.get("peerstack")[r] / rates.get("minimal")[r];
            }
            System.out.printf(Locale.ROOT, "%npeerstack / minimal relay throughput per round: %s%n",
                    Arrays.toString(Arrays.stream(ratios).map(x -> Math.round(x * 100) / 100.0).toArray()));
            System.out.printf(Locale.ROOT, "median ratio: %.2f (target >= 0.90); ratio of medians: %.2f; "
                            + "minimal / peerstack CPU per message: %.2f%n", median(ratios),
                    median(rates.get("peerstack")) / median(rates.get("minimal")),
                    median(cpus.get("minimal")) / median(cpus.get("peerstack")));
        }
        if (cpus.containsKey("relay-floor") && cpus.containsKey("peerstack")) {
            System.out.printf(Locale.ROOT, "peerstack / relay floor: throughput %.2f, CPU per message %.2f%n",
                    median(rates.get("peerstack")) / median(rates.get("relay-floor")),
                    median(cpus.get("peerstack")) / median(cpus.get("relay-floor")));
        }
        if (atRate.containsKey("relay-floor") && atRate.containsKey("peerstack")) {
            System.out.println(p99Ratio(atRate.get("peerstack"), atRate.get("relay-floor")));
        }
        System.out.printf(Locale.ROOT, "load average at the end: %.2f%n", loadAverage());
    }

    /** Target of issue 15: peerstack's p99 at {@link #RATE} msg/s at most this many times the relay floor's, same run. */
    static final double P99_TARGET = 1.3;

    /**
     * The p99 ratio peerstack / relay floor at {@link #RATE} msg/s, in plain words: the medians over
     * rounds (the figure judged against {@link #P99_TARGET}) and each round's pair (measured in the same
     * round, one after the other).
     */
    static String p99Ratio(List<Latency> peerstack, List<Latency> floor) {
        double ours = medianP99(peerstack);
        double theirs = medianP99(floor);
        StringBuilder rounds = new StringBuilder();
        int paired = Math.min(peerstack.size(), floor.size());
        double[] perRound = new double[paired];
        for (int r = 0; r < paired; r++) {
            perRound[r] = peerstack.get(r).p99Ms() / floor.get(r).p99Ms();
            rounds.append(r == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f/%.2f=%.2f", peerstack.get(r).p99Ms(),
                    floor.get(r).p99Ms(), peerstack.get(r).p99Ms() / floor.get(r).p99Ms()));
        }
        double ratio = ours / theirs;
        return String.format(Locale.ROOT, "%nP99 RATIO at %,d msg/s: peerstack %.2f ms / relay floor %.2f ms = %.2fx (target <= %.2fx: %s)"
                        + "%n  per round (peerstack/floor=ratio): %s; median of the per-round ratios %.2f (for information)",
                RATE, ours, theirs, ratio, P99_TARGET, ratio <= P99_TARGET ? "met" : "MISSED", rounds,
                paired == 0 ? Double.NaN : median(perRound));
    }

    private static double medianP99(List<Latency> rounds) {
        return median(rounds.stream().mapToDouble(Latency::p99Ms).toArray());
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static Latency latencyAt(LoadClient client, ServerProcess server, int rate, boolean quick) throws Exception {
        long recordMs = quick ? 4000 : 8000;
        ScheduledFuture<?> sending = client.startRate(rate, RATE_BATCH);
        Thread.sleep(2000);
        client.record(true, 4_000_000);
        long sent0 = client.offered();
        long received0 = client.received();
        long unstamped0 = client.unstamped();
        long t0 = System.nanoTime();
        client.maxDue = 0;
        long serverCpu0 = server.cpuNanos();
        long clientCpu0 = PROCESS.getProcessCpuTime();
        Thread.sleep(recordMs);
        client.record(false, 0);
        double seconds = (System.nanoTime() - t0) / 1e9;
        double serverCores = (server.cpuNanos() - serverCpu0) / 1e9 / seconds;
        double clientCores = (PROCESS.getProcessCpuTime() - clientCpu0) / 1e9 / seconds;
        long sent = client.offered() - sent0;
        long received = client.received() - received0;
        long maxDue = client.maxDue;
        sending.cancel(false);
        client.stopAndDrain();
        return new Latency(client.latencies(), sent / seconds, received / seconds, maxDue * 1000.0 / rate, serverCores,
                clientCores, client.unstamped() - unstamped0);
    }

    private static String idleHeap(String kind, int threads, int count) throws Exception {
        try (ServerProcess server = new ServerProcess(kind, threads, "1g")) {
            long before = server.heap();
            long t0 = System.nanoTime();
            try (LoadClient client = new LoadClient(server.port(), BaselineServers.isEcho(kind))) {
                client.connect(count, new int[] {2}, 200);
                double openSeconds = (System.nanoTime() - t0) / 1e9;
                long after = server.heap();
                return String.format(Locale.ROOT, "%,.0f B (%,d connections opened in %.1f s)",
                        (after - before) / (double) count, count, openSeconds);
            }
        }
    }
}
