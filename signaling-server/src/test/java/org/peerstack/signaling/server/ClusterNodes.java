package org.peerstack.signaling.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Cluster nodes for tests: in this JVM, or as a child JVM that a test can kill with SIGKILL. */
final class ClusterNodes {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private ClusterNodes() {
    }

    /** The configuration keys of a cluster node on {@code redis} with the key prefix {@code prefix}. */
    static Map<String, String> keys(RedisProcess redis, String prefix, Map<String, String> overrides) {
        Map<String, String> keys = new HashMap<>();
        keys.put("cluster.enabled", "true");
        keys.put("cluster.redis-uri", redis.uri());
        keys.put("cluster.key-prefix", prefix);
        keys.put("limits.max-messages-per-second", "100000");
        keys.put("limits.message-burst", "100000");
        keys.putAll(overrides);
        return keys;
    }

    /**
     * A node in this JVM, once registered in Redis: a node refuses joins until then (on a loaded machine
     * its first registration may take longer than its start waits for it).
     */
    static SignalingServer start(RedisProcess redis, String prefix, Map<String, String> overrides) throws InterruptedException {
        SignalingServer node = TestServers.start(keys(redis, prefix, overrides));
        TestServers.await("the node is registered in Redis", () -> node.degradedReason().isEmpty());
        return node;
    }

    /** The status and body of {@code GET /healthz}. */
    static String health(URI httpBase) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(httpBase.resolve("/healthz"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() + " " + response.body().strip();
        } catch (IOException e) {
            return "unreachable " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** A node in a child JVM (this test classpath, {@link SignalingServerMain}). */
    static final class Child implements AutoCloseable {
        private static final Pattern URI_LINE = Pattern.compile("peerstack signaling server: (ws://\\S+)");

        private final Process process;
        private final URI uri;
        private final List<String> output = new ArrayList<>();

        Child(RedisProcess redis, String prefix) throws Exception {
            this(redis, prefix, Map.of());
        }

        /** A child node with {@code overrides} (configuration keys) over the cluster keys. */
        Child(RedisProcess redis, String prefix, Map<String, String> overrides) throws Exception {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
                    "-cp", System.getProperty("java.class.path"), SignalingServerMain.class.getName(),
                    "--host", "127.0.0.1", "--port", "0", "--static-dir", "",
                    "--set", "server.event-loop-threads=1"));
            keys(redis, prefix, overrides).forEach((k, v) -> command.addAll(List.of("--set", k + "=" + v)));
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
            CompletableFuture<URI> started = new CompletableFuture<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        synchronized (output) {
                            output.add(line);
                        }
                        Matcher m = URI_LINE.matcher(line);
                        if (m.find()) {
                            started.complete(URI.create(m.group(1)));
                        }
                    }
                } catch (IOException e) {
                    // the process is gone
                }
                started.completeExceptionally(new IllegalStateException("child node exited: " + output()));
            }, "child-node-output");
            reader.setDaemon(true);
            reader.start();
            try {
                uri = started.get(60, TimeUnit.SECONDS);
                URI http = URI.create("http://" + uri.getHost() + ":" + uri.getPort() + "/");
                TestServers.await("the child node is registered in Redis", () -> health(http).equals("200 ok"));
            } catch (Exception | AssertionError e) {
                kill();
                throw e;
            }
        }

        URI uri() {
            return uri;
        }

        String output() {
            synchronized (output) {
                return String.join("\n", output);
            }
        }

        /** SIGKILL: no shutdown hook, no goodbye to Redis. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }

        @Override
        public void close() throws InterruptedException {
            kill();
        }
    }
}
