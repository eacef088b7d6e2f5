package org.peerstack.signaling.server;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.peerstack.signaling.SignalingClient;
import org.peerstack.signaling.SignalingClientOptions;

/** Starting servers on 127.0.0.1 with an ephemeral port, and clients for them. */
final class TestServers {

    private TestServers() {
    }

    /** A server with the shipped defaults, port 0, no static dir, plus {@code overrides}. */
    static SignalingServer start(Map<String, String> overrides) {
        Map<String, String> keys = new HashMap<>();
        keys.put("server.port", "0");
        keys.put("server.host", "127.0.0.1");
        keys.put("server.event-loop-threads", "2");
        keys.put("server.shutdown-grace-ms", "1000");
        keys.put("http.static-dir", "");
        keys.putAll(overrides);
        return SignalingServer.start(SignalingServerConfig.of(keys));
    }

    static SignalingClientOptions.Builder options(URI uri) {
        return SignalingClientOptions.newBuilder(uri)
                .reconnectDelays(Duration.ofMillis(50), Duration.ofMillis(500))
                .requestTimeout(Duration.ofSeconds(20));
    }

    static SignalingClient client(URI uri) {
        return SignalingClient.create(options(uri).build());
    }

    /**
     * The value of one sample of the server's {@code /metrics} (e.g. {@code signaling_rooms}), 0 when
     * absent; asked on a connection of its own that closes after the answer (no pooled connection is left
     * to count against the per-address limits).
     */
    static double metric(SignalingServer server, String sample) throws Exception {
        String body;
        try (java.net.Socket socket = new java.net.Socket(server.httpUri().getHost().replace("[", "").replace("]", ""),
                server.port())) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(("GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            body = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        if (!body.startsWith("HTTP/1.1 200")) {
            throw new java.io.IOException("/metrics answered: " + body.lines().findFirst().orElse("nothing"));
        }
        for (String line : body.split("\n")) {
            if (line.startsWith(sample + " ")) {
                return Double.parseDouble(line.substring(sample.length() + 1).trim());
            }
        }
        return 0;
    }

    /** Polls {@code condition} until true, failing after a generous deadline. */
    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(ClientRecorder.TIMEOUT_SECONDS).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(10);
        }
    }
}
