package org.peerstack.bench.signaling;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ScheduledFuture;

/**
 * The cluster benchmark ({@code bench/run SignalingCluster}): one peerstack node alone, and two peerstack
 * nodes in cluster mode on one redis-server, measured in the same run on this machine, each node its own
 * JVM with the same number of event loops. The load is {@link LoadClient}'s (~200-byte candidates to the
 * other member of a room of 2). Against the cluster the connections alternate between the two nodes, so
 * every room is split across them and every message crosses nodes through Redis.
 * <ol>
 *   <li>Saturation throughput, interleaved (the machine is shared): {@link SignalingBench#CONNECTIONS}
 *       connections, {@link SignalingBench#IN_FLIGHT} messages in flight per connection; after warm-up
 *       rounds, R rounds with a 1 s settle and a 2 s measured window each. Reported: median msg/s, and
 *       CPU per message split into the nodes' JVMs and redis-server.</li>
 *   <li>Latency at a fixed {@value #RATE} messages/s (open loop), after an untimed open-loop warm-up:
 *       {@link #LATENCY_ROUNDS} rounds per setup, alternating, 2 s warm-up and 8 s recorded each.
 *       Reported: the round with the median p99, and every round's p99.</li>
 * </ol>
 */
public final class ClusterBench {

    /** Fixed rate of the latency phases (messages per second), the goal: p99 at most 20 ms. */
    static final int RATE = 20_000;
    static final int LATENCY_ROUNDS = 3;
    static final int[] ROOMS_OF_TWO = {2};

    private static final com.sun.management.OperatingSystemMXBean PROCESS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private ClusterBench() {
    }

    /** One setup under test: its server processes (and Redis) and its load client. */
    private record Setup(String name, List<ServerProcess> nodes, RedisServer redis, LoadClient client) {

        long nodeCpuNanos() {
            long sum = 0;
            for (ServerProcess node : nodes) {
                sum += node.cpuNanos();
            }
            return sum;
        }

        long redisCpuNanos() {
            return redis == null ? 0 : redis.cpuNanos();
        }

        /** The server processes: the nodes and redis-server. */
        long[] pids() {
            long[] pids = new long[nodes.size() + (redis == null ? 0 : 1)];
            for (int i = 0; i < nodes.size(); i++) {
                pids[i] = nodes.get(i).pid();
            }
            if (redis != null) {
                pids[nodes.size()] = redis.pid();
            }
            return pids;
        }
    }

    public static void run(boolean quick, int threads) throws Exception {
        int rounds = quick ? 3 : 7;
        System.out.printf(Locale.ROOT, "cluster benchmark: %d cores, %s, java %s, %d event loops per node, "
                        + "load average at start %.2f%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"), System.getProperty("java.version"), threads, loadAverage());
        List<AutoCloseable> open = new ArrayList<>();
        try {
            RedisServer redis = new RedisServer();
            open.add(redis);
            ServerProcess single = new ServerProcess("peerstack", threads, "1g");
            open.add(single);
            List<ServerProcess> nodes = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                ServerProcess node = new ServerProcess("peerstack-cluster", threads, "1g", List.of(redis.uri(), "bench-"));
                open.add(node);
                nodes.add(node);
            }
            LoadClient singleClient = new LoadClient(single.port(), false);
            open.add(singleClient);
            singleClient.connect(SignalingBench.CONNECTIONS, ROOMS_OF_TWO, 100);
            LoadClient clusterClient = new LoadClient(new int[] {nodes.get(0).port(), nodes.get(1).port()}, false);
            open.add(clusterClient);
            clusterClient.connect(SignalingBench.CONNECTIONS, ROOMS_OF_TWO, 100);
            List<Setup> setups = List.of(new Setup("one node", List.of(single), null, singleClient),
                    new Setup("two nodes", nodes, redis, clusterClient));

            double[][] rates = new double[2][rounds];
            double[][] nodeCpu = new double[2][rounds];
            double[][] redisCpu = new double[2][rounds];
            for (int round = -(quick ? 1 : 2); round < rounds; round++) {
                for (int s = 0; s < setups.size(); s++) {
                    Setup setup = setups.get(s);
                    setup.client().startBounce(SignalingBench.IN_FLIGHT);
                    Thread.sleep(SignalingBench.SETTLE_MS);
                    long before = setup.client().received();
                    long node0 = setup.nodeCpuNanos();
                    long redis0 = setup.redisCpuNanos();
                    long t0 = System.nanoTime();
                    Thread.sleep(SignalingBench.WINDOW_MS);
                    long messages = setup.client().received() - before;
                    if (round >= 0) {
                        rates[s][round] = messages / ((System.nanoTime() - t0) / 1e9);
                        nodeCpu[s][round] = (setup.nodeCpuNanos() - node0) / 1e3 / Math.max(1, messages);
                        redisCpu[s][round] = (setup.redisCpuNanos() - redis0) / 1e3 / Math.max(1, messages);
                    }
                    setup.client().stopAndDrain();
                }
            }
            for (int s = 0; s < setups.size(); s++) {
                System.out.printf(Locale.ROOT, "%-10s rounds (msg/s): %s; CPU per message (us): nodes %s, redis %s%n",
                        setups.get(s).name(), Arrays.toString(Arrays.stream(rates[s]).mapToLong(Math::round).toArray()),
                        Arrays.toString(round2(nodeCpu[s])), Arrays.toString(round2(redisCpu[s])));
            }
            for (Setup setup : setups) {
                ScheduledFuture<?> warming = setup.client().startRate(RATE, SignalingBench.RATE_BATCH);
                Thread.sleep(quick ? 2000 : 4000);
                warming.cancel(false);
                setup.client().stopAndDrain();
            }
            List<List<Latency>> latencies = List.of(new ArrayList<>(), new ArrayList<>());
            int latencyRounds = quick ? 1 : LATENCY_ROUNDS;
            for (int round = 0; round < latencyRounds; round++) {
                for (int i = 0; i < setups.size(); i++) {
                    int s = (i + round) % setups.size();
                    latencies.get(s).add(latencyAt(setups.get(s), quick));
                }
            }
            System.out.println();
            System.out.println("| setup | msg/s (median of rounds) | CPU per message, nodes + redis (us, median) | latency at "
                    + RATE + " msg/s (median round by p99: p50 / p99 / p99.9 / max, ms; rates; generator lag; CPU of nodes + redis; every round's p99) |");
            System.out.println("|---|---|---|---|");
            for (int s = 0; s < setups.size(); s++) {
                System.out.printf(Locale.ROOT, "| %s | %,.0f | %.2f + %.2f | %s |%n", setups.get(s).name(), median(rates[s]),
                        median(nodeCpu[s]), median(redisCpu[s]), Latency.summary(latencies.get(s)));
            }
            double[] ratios = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                ratios[r] = rates[1][r] / rates[0][r];
            }
            System.out.printf(Locale.ROOT, "%ntwo nodes / one node throughput per round: %s; median %.2f%n",
                    Arrays.toString(round2(ratios)), median(ratios));
            System.out.printf(Locale.ROOT, "goals: cross-node >= 50,000 msg/s: %s (%,.0f); p99 <= 20 ms at %,d msg/s: %s%n",
                    median(rates[1]) >= 50_000 ? "met" : "MISSED", median(rates[1]), RATE,
                    medianP99(latencies.get(1)) <= 20 ? "met" : "MISSED");
            for (int s = 0; s < setups.size(); s++) {
                for (ServerProcess node : setups.get(s).nodes()) {
                    System.out.printf(Locale.ROOT, "%-10s node pid %d%n", setups.get(s).name(), node.pid());
                }
                LoadClient client = setups.get(s).client();
                if (client.openCount() != client.size()) {
                    System.out.printf(Locale.ROOT, "%-10s WARNING: only %d of %d connections still open%n",
                            setups.get(s).name(), client.openCount(), client.size());
                }
            }
            System.out.printf(Locale.ROOT, "redis-server pid %d; load average at the end: %.2f%n", redis.pid(), loadAverage());
        } finally {
            for (int i = open.size() - 1; i >= 0; i--) {
                open.get(i).close();
            }
        }
    }

    private static Latency latencyAt(Setup setup, boolean quick) throws Exception {
        LoadClient client = setup.client();
        long recordMs = quick ? 4000 : 8000;
        ScheduledFuture<?> sending = client.startRate(RATE, SignalingBench.RATE_BATCH);
        Thread.sleep(2000);
        client.record(true, 4_000_000);
        long sent0 = client.offered();
        long received0 = client.received();
        long unstamped0 = client.unstamped();
        client.maxDue = 0;
        ProcStats servers0 = ProcStats.of(setup.pids());
        ProcStats generator0 = ProcStats.of(ProcessHandle.current().pid());
        long cpu0 = setup.nodeCpuNanos() + setup.redisCpuNanos();
        long clientCpu0 = PROCESS.getProcessCpuTime();
        long t0 = System.nanoTime();
        Thread.sleep(recordMs);
        client.record(false, 0);
        double seconds = (System.nanoTime() - t0) / 1e9;
        double serverCores = (setup.nodeCpuNanos() + setup.redisCpuNanos() - cpu0) / 1e9 / seconds;
        double clientCores = (PROCESS.getProcessCpuTime() - clientCpu0) / 1e9 / seconds;
        long sent = client.offered() - sent0;
        long received = client.received() - received0;
        long maxDue = client.maxDue;
        ProcStats servers = ProcStats.of(setup.pids()).minus(servers0);
        ProcStats generator = ProcStats.of(ProcessHandle.current().pid()).minus(generator0);
        System.out.printf(Locale.ROOT, "%-10s latency round: p99 %.2f ms; threads waiting for a CPU: servers %.0f ms/s,"
                        + " generator %.0f ms/s; server context switches per message %.1f%n", setup.name(),
                new Latency(client.latencies(), 0, 0, 0, 0, 0, 0).p99Ms(), servers.runDelayNanos() / 1e6 / seconds,
                generator.runDelayNanos() / 1e6 / seconds, servers.switches() / (double) Math.max(1, received));
        sending.cancel(false);
        client.stopAndDrain();
        return new Latency(client.latencies(), sent / seconds, received / seconds, maxDue * 1000.0 / RATE, serverCores,
                clientCores, client.unstamped() - unstamped0);
    }

    private static double medianP99(List<Latency> rounds) {
        return median(rounds.stream().mapToDouble(Latency::p99Ms).toArray());
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static Object[] round2(double[] values) {
        return Arrays.stream(values).map(v -> Math.round(v * 100) / 100.0).boxed().toArray();
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
