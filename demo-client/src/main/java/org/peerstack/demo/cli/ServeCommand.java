package org.peerstack.demo.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.peerstack.demo.DemoPage;
import org.peerstack.demo.StopSignal;
import org.peerstack.exc.ConfigException;
import org.peerstack.signaling.server.SignalingServer;
import org.peerstack.signaling.server.SignalingServerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./run-demo serve}: the signaling server with the browser demo page. It takes the server jar's
 * configuration in the server jar's layers, loaded by the same {@link SignalingServerConfig#loader()}:
 * the shipped defaults, a {@code --config} file (or {@code PEERSTACK_SIGNALING_CONFIG}), environment
 * variables {@code PEERSTACK_SIGNALING_*}, system properties {@code -Dpeerstack.signaling.*}, then
 * {@code --set KEY=VALUE}, {@code --host}, {@code --port}. It prints what it runs with (names of the
 * settings that came from outside, never their values).
 *
 * <p>The page is the one built into the jar, so the printed URL works from any working directory;
 * {@code --web-dir DIR} (or an {@code http.static-dir} other than the shipped default) serves a
 * directory instead.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs the signaling server with the browser demo page (open the printed URL).",
                "Configuration as the server jar's: config/signaling-server.yaml (shipped), --config FILE,",
                "PEERSTACK_SIGNALING_* environment variables, -Dpeerstack.signaling.* properties, --set."})
final class ServeCommand implements Callable<Integer> {

    private static final String PREFIX = SignalingServerConfig.PREFIX + ".";
    private static final String STATIC_DIR = "http.static-dir";

    @Option(names = "--config", paramLabel = "FILE", description = "YAML file layered over the shipped defaults")
    Path config;

    @Option(names = "--host", description = "address to listen on (server.host; default 127.0.0.1)")
    String host;

    @Option(names = "--port", description = "TCP port, 0 = any free (server.port; default 8080)")
    Integer port;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "any configuration key, e.g. --set auth.secret=...")
    Map<String, String> set = new LinkedHashMap<>();

    @Option(names = {"--web-dir", "--static-dir"}, paramLabel = "DIR",
            description = "serve the page from this directory instead of the copy built into the jar")
    Path webDir;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        SignalingServerConfig.checkKeys(set.keySet());
        Map<String, String> properties = properties();
        SignalingServerConfig loaded = load(properties);
        String shippedStaticDir = SignalingServerConfig.of(Map.of()).http().staticDir();
        boolean ownDir = webDir != null || !loaded.http().staticDir().equals(shippedStaticDir);
        if (webDir != null && !Files.isDirectory(webDir)) {
            throw new ConfigException("--web-dir " + webDir + " is not a directory");
        }
        StopSignal stop = StopSignal.install();
        try (DemoPage page = ownDir ? null : DemoPage.fromClasspath()) {
            if (!ownDir) {
                properties.put(PREFIX + STATIC_DIR, page.directory().toString());
            } else if (webDir != null) {
                properties.put(PREFIX + STATIC_DIR, webDir.toAbsolutePath().toString());
            }
            SignalingServerConfig effective = load(properties);
            SignalingServer server;
            try {
                server = SignalingServer.start(effective);
            } catch (Exception e) { // Netty's bind failure is a checked IOException thrown unchecked
                if (portInUse(e)) {
                    throw new ConfigException("port " + effective.server().port() + " on " + effective.server().host()
                            + " is already in use (another server running?); choose another with --port");
                }
                throw e;
            }
            try (server) {
                out.printf("peerstack demo: open %s in a browser (signaling at %s); Ctrl-C to stop%n",
                        server.httpUri(), server.uri());
                describe(out, effective, ownDir ? effective.http().staticDir() : "built into the jar");
                stop.await(java.time.Duration.ZERO);
                return 0;
            }
        } finally {
            stop.cleaned();
        }
    }

    private SignalingServerConfig load(Map<String, String> properties) {
        return SignalingServerConfig.loader().load(Optional.ofNullable(config), properties, System.getenv());
    }

    /** System properties, then {@code --set}, {@code --host}, {@code --port} on top (as the server jar does). */
    private Map<String, String> properties() {
        Map<String, String> properties = new HashMap<>();
        System.getProperties().forEach((k, v) -> properties.put(String.valueOf(k), String.valueOf(v)));
        set.forEach((k, v) -> properties.put(PREFIX + k, v));
        if (host != null) {
            properties.put(PREFIX + "server.host", host);
        }
        if (port != null) {
            properties.put(PREFIX + "server.port", port.toString());
        }
        return properties;
    }

    /** What the server runs with: where the settings came from and the ones that matter for security. */
    private void describe(PrintStream out, SignalingServerConfig c, String page) {
        List<String> layers = new ArrayList<>(List.of("shipped defaults"));
        Optional.ofNullable(config).map(Path::toString)
                .or(() -> Optional.ofNullable(System.getProperty(PREFIX + "config")))
                .or(() -> Optional.ofNullable(System.getenv("PEERSTACK_SIGNALING_CONFIG")))
                .ifPresent(file -> layers.add("file " + file));
        TreeSet<String> env = new TreeSet<>();
        System.getenv().keySet().stream().filter(k -> k.startsWith("PEERSTACK_SIGNALING_") && !k.equals("PEERSTACK_SIGNALING_CONFIG"))
                .forEach(env::add);
        if (!env.isEmpty()) {
            layers.add("environment " + String.join(" ", env));
        }
        TreeSet<String> props = new TreeSet<>();
        System.getProperties().stringPropertyNames().stream()
                .filter(k -> k.startsWith(PREFIX) && !k.equals(PREFIX + "config")).forEach(props::add);
        if (!props.isEmpty()) {
            layers.add("properties -D" + String.join(" -D", props));
        }
        if (!set.isEmpty()) {
            layers.add("--set " + String.join(" --set ", set.keySet()));
        }
        out.printf("  configuration   %s%n", String.join(" + ", layers));
        out.printf("  room tokens     %s%n", c.auth().required() ? "required (auth.secret is set)" : "not required (auth.secret empty)");
        out.printf("  TLS             %s%n", c.tls().enabled() ? "on, " + c.tls().certFile() : "off");
        out.printf("  origins         %s%n", c.http().allowedOrigins().isEmpty() ? "any" : String.join(", ", c.http().allowedOrigins()));
        out.printf("  ICE servers     %s%n", c.http().iceServers().isEmpty() ? "none (calls work on one network; set http.ice-servers)"
                : c.http().iceServers().stream().flatMap(s -> s.urls().stream()).toList());
        out.printf("  page            %s%n", page.isEmpty() ? "none (http.static-dir is empty)" : page);
    }

    private static boolean portInUse(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.BindException || String.valueOf(t.getMessage()).contains("Address already in use")) {
                return true;
            }
        }
        return false;
    }
}
