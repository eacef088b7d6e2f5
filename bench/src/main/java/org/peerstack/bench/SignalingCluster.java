package org.peerstack.bench;

import java.util.Arrays;
import org.peerstack.bench.signaling.ClusterBench;
import org.peerstack.bench.signaling.SignalingBench;

/**
 * {@code bench/run SignalingCluster [--quick] [--threads=N]}: relay throughput and latency at 20,000
 * messages/s of two peerstack nodes in cluster mode on one redis-server, every room split across the
 * two nodes, beside one node alone in the same run (see BENCHMARKS.md, "Signaling cluster").
 * Needs {@code redis-server} on the PATH (Debian package redis-server).
 */
public final class SignalingCluster {

    private SignalingCluster() {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = Arrays.asList(args).contains("--quick");
        int threads = Arrays.stream(args).filter(a -> a.startsWith("--threads=")).mapToInt(a -> Integer.parseInt(a.substring(10)))
                .findFirst().orElse(SignalingBench.THREADS);
        ClusterBench.run(quick, threads);
    }
}
