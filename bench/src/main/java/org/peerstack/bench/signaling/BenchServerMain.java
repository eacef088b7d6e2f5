package org.peerstack.bench.signaling;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.peerstack.signaling.server.SignalingServer;
import org.peerstack.signaling.server.SignalingServerConfig;

/**
 * The server side of the signaling benchmark, run as its own JVM so that its heap is measured alone:
 * {@code BenchServerMain KIND THREADS} with KIND = echo, minimal or peerstack, or
 * {@code BenchServerMain peerstack-cluster THREADS REDIS_URI KEY_PREFIX} (a node of a cluster). Prints
 * {@code port N}, then answers stdin commands: {@code heap} (full GC, then prints used heap bytes),
 * {@code quit}. Exits when stdin closes, so it never outlives the benchmark.
 */
public final class BenchServerMain {

    private BenchServerMain() {
    }

    public static void main(String[] args) throws Exception {
        String kind = args[0];
        int threads = Integer.parseInt(args[1]);
        AutoCloseable server;
        int port;
        if (kind.equals("peerstack") || kind.equals("peerstack-cluster")) {
            Map<String, String> keys = new java.util.HashMap<>();
            keys.put("server.port", "0");
            keys.put("server.host", "127.0.0.1");
            keys.put("server.transport", "epoll");
            keys.put("server.event-loop-threads", Integer.toString(threads));
            keys.put("server.shutdown-grace-ms", "500");
            keys.put("http.static-dir", "");
            keys.put("limits.max-messages-per-second", "1000000");
            keys.put("limits.message-burst", "1000000");
            keys.put("limits.max-connections", "15000");
            keys.put("limits.max-rooms", "10000");
            // the open-loop phase may queue more than the 1 MiB default for a receiver that lags
            keys.put("limits.max-outbound-buffer-bytes", "16777216");
            // the load client sends no keepalive; its connections wait idle while the other servers are
            // measured (over a minute with the latency sweep), which the default idle timeout would end
            keys.put("limits.idle-timeout-ms", "3600000");
            // every load connection comes from 127.0.0.1 and many wait unjoined while the others connect
            keys.put("connections.max-per-address", "15000");
            keys.put("connections.max-handshakes-per-address", "15000");
            keys.put("connections.max-unjoined", "14999");
            keys.put("connections.join-timeout-ms", "3600000");
            if (kind.equals("peerstack-cluster")) {
                keys.put("cluster.enabled", "true");
                keys.put("cluster.redis-uri", args[2]);
                keys.put("cluster.key-prefix", args[3]);
            }
            SignalingServer signaling = SignalingServer.start(SignalingServerConfig.of(keys));
            server = signaling;
            port = signaling.port();
        } else {
            BaselineServers.Running running = BaselineServers.start(kind, threads);
            server = running;
            port = running.port();
        }
        System.out.println("port " + port);
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null && !line.equals("quit")) {
            if (line.equals("heap")) {
                System.out.println("heap " + usedHeapAfterGc());
                System.out.flush();
            }
        }
        server.close();
        System.exit(0);
    }

    static long usedHeapAfterGc() throws InterruptedException {
        Runtime runtime = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(200);
            used = Math.min(used, runtime.totalMemory() - runtime.freeMemory());
        }
        return used;
    }
}
