package org.peerstack.bench.signaling;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import org.peerstack.signaling.SignalingCodec;
import org.peerstack.signaling.SignalingMessage;

/**
 * A tool, not a test and not a benchmark of record: decodes the relay benchmark's {@code candidate}
 * message (same shape as {@link LoadClient}'s) on one thread in rounds of {@link #DECODES_PER_ROUND}
 * and prints, per round, the bytes allocated and the CPU time per decode, from the thread's own
 * counters. Later rounds are the warmed-up figures. Run it with the bench jar on the class path:
 * {@code java -cp bench/target/peerstack-bench-*.jar org.peerstack.bench.signaling.CodecAllocation [rounds]}.
 */
public final class CodecAllocation {

    /** Decodes per printed round (unit: messages). */
    static final int DECODES_PER_ROUND = 100_000;
    /** Rounds when none is given on the command line. */
    static final int DEFAULT_ROUNDS = 20;

    private CodecAllocation() {
    }

    /**
     * Prints one line per round.
     *
     * @param args optional: the number of rounds
     */
    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_ROUNDS;
        byte[] json = ("{\"type\":\"candidate\",\"to\":\"peer-0012\",\"candidate\":\"" + LoadClient.CANDIDATE
                + "\",\"sdpMid\":\"0\",\"sdpMLineIndex\":0,\"usernameFragment\":\"t1765000000000000000\"}")
                .getBytes(StandardCharsets.US_ASCII);
        System.out.println("message: " + json.length + " bytes");
        SignalingCodec codec = SignalingCodec.defaults();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        SignalingMessage last = null;
        for (int round = 0; round < rounds; round++) {
            long bytes = threads.getThreadAllocatedBytes(thread);
            long cpu = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < DECODES_PER_ROUND; i++) {
                last = codec.decode(json, 0, json.length);
            }
            cpu = threads.getCurrentThreadCpuTime() - cpu;
            bytes = threads.getThreadAllocatedBytes(thread) - bytes;
            System.out.printf("round %d: %d B and %d ns CPU per decode%n", round, bytes / DECODES_PER_ROUND,
                    cpu / DECODES_PER_ROUND);
        }
        System.out.println("last: " + last);
    }
}
