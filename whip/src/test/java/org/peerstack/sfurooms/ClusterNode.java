package org.peerstack.sfurooms;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.peerstack.signaling.server.SignalingServerMain;

/**
 * Test parts for SFU rooms across cluster nodes: a real {@code redis-server} (Debian package
 * {@code redis-server}) on 127.0.0.1 and a free port without persistence, and a signaling node in a child
 * JVM (this test classpath, {@link SignalingServerMain}) that a test kills with SIGKILL. Both run in the
 * test's network namespace (children inherit it).
 */
final class ClusterNode implements AutoCloseable {

    private static final Pattern URI_LINE = Pattern.compile("peerstack signaling server: (ws://\\S+)");

    private final Process process;
    private final URI uri;
    private final List<String> output = new ArrayList<>();

    /** The keys of a node of the cluster on {@code redisUri} with key prefix {@code prefix}, SFU on {@code address}. */
    static Map<String, String> keys(String redisUri, String prefix, String address) {
        Map<String, String> keys = new HashMap<>();
        keys.put("cluster.enabled", "true");
        keys.put("cluster.redis-uri", redisUri);
        keys.put("cluster.key-prefix", prefix);
        keys.put("cluster.heartbeat-interval-ms", "200");
        keys.put("cluster.node-ttl-ms", "1000");
        keys.put("sfu.enabled", "true");
        keys.put("sfu.bind-address", address);
        keys.put("sfu.port", "0");
        keys.put("http.static-dir", "");
        return keys;
    }

    /** Starts a child node listening on {@code address} with {@code keys}; returns once it serves WebSockets. */
    ClusterNode(String address, Map<String, String> keys) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), SignalingServerMain.class.getName(),
                "--host", address, "--port", "0", "--static-dir", ""));
        keys.forEach((k, v) -> command.addAll(List.of("--set", k + "=" + v)));
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
        } catch (Exception e) {
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

    /** A real redis-server: {@code redis-server --bind 127.0.0.1 --port N --save ''} in a temporary directory. */
    static final class Redis implements AutoCloseable {
        private final Process process;
        private final int port;

        Redis() throws Exception {
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress("127.0.0.1", 0));
                port = socket.getLocalPort();
            }
            Path dir = Files.createTempDirectory("peerstack-redis");
            process = new ProcessBuilder("redis-server", "--bind", "127.0.0.1", "--port", Integer.toString(port),
                    "--save", "", "--appendonly", "no", "--dir", dir.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!answers()) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IOException("redis-server did not start on port " + port + "; see " + dir.resolve("redis.log"));
                }
                Thread.sleep(20);
            }
        }

        String uri() {
            return "redis://127.0.0.1:" + port;
        }

        private boolean answers() {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
                return socket.getInputStream().read() == '+';
            } catch (IOException e) {
                return false;
            }
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
