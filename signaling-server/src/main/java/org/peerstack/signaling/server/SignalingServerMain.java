package org.peerstack.signaling.server;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.peerstack.exc.PeerstackException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Command line: {@code java -jar signaling-server/target/peerstack-signaling-server.jar [--config FILE]
 * [--host H] [--port P] [--static-dir DIR] [--set KEY=VALUE]... [--log-format text|json]}. Runs until
 * SIGINT/SIGTERM, then shuts down gracefully. Exit codes: 0 after a clean stop, 2 for a usage or
 * configuration error.
 */
@Command(name = "peerstack-signaling-server", mixinStandardHelpOptions = true, version = "peerstack signaling 0.1.0",
        description = "Runs the peerstack WebSocket signaling server (protocol: docs/signaling-protocol.md).",
        sortOptions = false)
public final class SignalingServerMain implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", description = "YAML file layered over the shipped defaults"
            + " (config/signaling-server.yaml).")
    private Path config;

    @Option(names = "--host", description = "Address to listen on (server.host).")
    private String host;

    @Option(names = "--port", description = "TCP port, 0 = any free port (server.port).")
    private Integer port;

    @Option(names = "--static-dir", paramLabel = "DIR", description = "Static files served at / (http.static-dir).")
    private String staticDir;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Any configuration key, e.g. limits.max-rooms=500.")
    private Map<String, String> set = new LinkedHashMap<>();

    @Option(names = "--log-format", paramLabel = "FORMAT", description = "text (default) or json (one object per line).")
    private String logFormat = "text";

    private final CountDownLatch stopped = new CountDownLatch(1);

    public static void main(String[] args) {
        int code = new CommandLine(new SignalingServerMain()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        System.setProperty("peerstack.log.format", "json".equalsIgnoreCase(logFormat) ? "JSON" : "TEXT");
        SignalingServerConfig loaded;
        try {
            SignalingServerConfig.checkKeys(set.keySet());
            loaded = SignalingServerConfig.loader().load(Optional.ofNullable(config), properties(), System.getenv());
        } catch (PeerstackException e) {
            System.err.println("configuration error: " + e.getMessage());
            return 2;
        }
        SignalingServer server;
        try {
            server = SignalingServer.start(loaded);
        } catch (PeerstackException e) {
            System.err.println("cannot start: " + e.getMessage());
            return 2;
        }
        System.out.println("peerstack signaling server: " + server.uri() + "  (health: " + server.httpUri()
                + "healthz, metrics: " + server.httpUri() + "metrics)");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "signaling-shutdown"));
        stopped.await();
        return 0;
    }

    private Map<String, String> properties() {
        Map<String, String> properties = new HashMap<>();
        System.getProperties().forEach((k, v) -> properties.put(String.valueOf(k), String.valueOf(v)));
        String prefix = SignalingServerConfig.PREFIX + ".";
        set.forEach((k, v) -> properties.put(prefix + k, v));
        if (host != null) {
            properties.put(prefix + "server.host", host);
        }
        if (port != null) {
            properties.put(prefix + "server.port", port.toString());
        }
        if (staticDir != null) {
            properties.put(prefix + "http.static-dir", staticDir);
        }
        return properties;
    }
}
