package org.peerstack.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peerstack.demo.CliProcess.collect;

import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerstack.demo.exits.ChildJvm;
import org.peerstack.signaling.RoomToken;

/**
 * {@code ./run-demo serve} as a user runs it: from the demo jar (here a jar the test builds from the
 * module's classes), in a working directory far from the checkout, configured through every layer the
 * server jar takes: a {@code --config} file, an environment variable, {@code --set}.
 */
@Timeout(180)
class ServeCommandTest {

    private static final String SECRET = "serve-test-secret-serve-test-secret-0123";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20)).build();

    @TempDir
    Path dir;

    @Test
    void servesTheJarsPageFromAnyDirectoryWithTheServersConfiguration() throws Exception {
        Path work = Files.createDirectories(dir.resolve("elsewhere"));
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        Path config = Files.writeString(dir.resolve("serve.yaml"), "http:\n  allowed-origins: [https://ok.example]\n");
        List<String> command = new ArrayList<>(List.of(ChildJvm.javaBinary(), "-Xmx256m", "-Djava.io.tmpdir=" + tmp,
                "-cp", classPathWithDemoClassesAsJar(), "org.peerstack.demo.cli.DemoCli", "serve", "--port", "0",
                "--config", config.toString(), "--set", "http.ice-servers=[{urls: [stun:stun.example.org:3478]}]"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true);
        builder.environment().put("PEERSTACK_SIGNALING_AUTH_SECRET", SECRET);
        Process serve = builder.start();
        List<String> lines = collect(serve);
        try {
            Conditions.await("serve to print its URL and configuration", Conditions.GENEROUS,
                    () -> lines.stream().anyMatch(l -> l.startsWith("  page")), lines::toString);
            String first = lines.get(0);
            URI page = URI.create(first.substring(first.indexOf("open ") + 5, first.indexOf(" in a browser")));
            assertThat(String.join("\n", lines)).contains(
                    "configuration   shipped defaults + file " + config + " + environment PEERSTACK_SIGNALING_AUTH_SECRET"
                            + " + --set http.ice-servers",
                    "room tokens     required (auth.secret is set)",
                    "origins         https://ok.example",
                    "ICE servers     [stun:stun.example.org:3478]",
                    "page            built into the jar").doesNotContain(SECRET);

            try (Stream<Path> copies = Files.list(tmp)) {
                assertThat(copies.map(p -> p.getFileName().toString())).as("the page is copied out of the jar")
                        .anyMatch(n -> n.startsWith("peerstack-demo-page-"));
            }
            HttpResponse<String> index = get(page);
            assertThat(index.statusCode()).isEqualTo(200);
            assertThat(index.body()).contains("<title>peerstack demo</title>", "app.js");
            assertThat(get(page.resolve("app.js")).statusCode()).isEqualTo(200);
            assertThat(get(page.resolve("ice-servers")).body()).contains("stun:stun.example.org:3478");

            URI signaling = page.resolve("/signaling").toString().startsWith("http://")
                    ? URI.create("ws" + page.resolve("/signaling").toString().substring(4)) : null;
            assertThat(upgradeStatus(URI.create(signaling + "?token=bogus"), "https://ok.example")).isEqualTo(401);
            String token = new RoomToken("r", Instant.now().plusSeconds(600)).sign(SECRET.getBytes(StandardCharsets.UTF_8));
            assertThat(upgradeStatus(URI.create(signaling + "?token=" + token), "https://evil.example")).isEqualTo(403);
            assertThat(upgradeStatus(URI.create(signaling + "?token=" + token), "https://ok.example")).isEqualTo(101);
        } finally {
            serve.destroy(); // SIGTERM: the graceful stop
            assertThat(serve.waitFor(60, TimeUnit.SECONDS)).as("serve stops on SIGTERM: %s", lines).isTrue();
            serve.destroyForcibly();
        }
        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("peerstack-demo-page")))
                    .as("the page's temporary copy is deleted").isEmpty();
        }
    }

    private static HttpResponse<String> get(URI uri) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The HTTP status of a WebSocket upgrade: 101 when it opened, else the refusal's status. */
    private static int upgradeStatus(URI uri, String origin) {
        try {
            WebSocket ws = HTTP.newWebSocketBuilder().header("Origin", origin).subprotocols("peerstack-signaling.v1")
                    .buildAsync(uri, new WebSocket.Listener() { }).join();
            ws.abort();
            return 101;
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw e;
        }
    }

    /** The test's class path with this module's classes directory replaced by a jar of it, as in the demo jar. */
    private String classPathWithDemoClassesAsJar() throws Exception {
        Path classes = Path.of(DemoPage.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path jar = dir.resolve("peerstack-demo-classes.jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
             Stream<Path> all = Files.walk(classes)) {
            for (Path p : (Iterable<Path>) all.sorted()::iterator) {
                if (p.equals(classes)) {
                    continue;
                }
                String name = classes.relativize(p).toString().replace('\\', '/') + (Files.isDirectory(p) ? "/" : "");
                out.putNextEntry(new java.util.jar.JarEntry(name));
                if (!Files.isDirectory(p)) {
                    Files.copy(p, out);
                }
                out.closeEntry();
            }
        }
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            entries.add(Path.of(entry).toAbsolutePath().equals(classes.toAbsolutePath()) ? jar.toString() : entry);
        }
        assertThat(entries).contains(jar.toString());
        return String.join(java.io.File.pathSeparator, entries);
    }
}
