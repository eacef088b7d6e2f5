package org.peerstack.bench;

import java.util.Arrays;
import org.peerstack.bench.signaling.SignalingBench;

/**
 * {@code bench/run SignalingRelay [--quick] [--threads=N] [echo|echo-batched|minimal|relay-floor|peerstack]...}: relay throughput,
 * latency at a fixed rate and heap per idle connection of the peerstack signaling server, beside a
 * minimal Netty + Jackson relay, a relay without JSON (the floor of relaying) and two bare Netty WebSocket
 * echoes (a flush per frame, a flush per read) measured in the same run (see BENCHMARKS.md, "Signaling").
 */
public final class SignalingRelay {

    private SignalingRelay() {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = Arrays.asList(args).contains("--quick");
        int threads = Arrays.stream(args).filter(a -> a.startsWith("--threads=")).mapToInt(a -> Integer.parseInt(a.substring(10)))
                .findFirst().orElse(SignalingBench.THREADS);
        java.util.List<String> kinds = Arrays.stream(args).filter(a -> !a.startsWith("--")).toList();
        SignalingBench.run(quick, threads, kinds.isEmpty() ? java.util.List.of("echo", "echo-batched", "minimal", "relay-floor", "peerstack") : kinds);
    }

}
