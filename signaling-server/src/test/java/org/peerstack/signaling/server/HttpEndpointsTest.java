package org.peerstack.signaling.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /healthz, /metrics and static files on the WebSocket port. */
class HttpEndpointsTest {

    @TempDir
    static Path root;
    private static SignalingServer server;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20)).build();

    @BeforeAll
    static void startServer() throws Exception {
        Path web = Files.createDirectories(root.resolve("web"));
        Files.writeString(web.resolve("index.html"), "<!doctype html><title>demo</title>");
        Files.writeString(web.resolve("app.js"), "console.log('hi');");
        Files.createDirectories(web.resolve("css"));
        Files.writeString(web.resolve("css/site.css"), "body{}");
        Files.writeString(web.resolve(".secret"), "hidden");
        Files.writeString(root.resolve("outside.txt"), "outside the static root");
        Files.createSymbolicLink(web.resolve("escape.txt"), root.resolve("outside.txt"));
        server = TestServers.start(Map.of("http.static-dir", web.toString()));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(server.httpUri().resolve(path)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthzAnswersOk() throws Exception {
        HttpResponse<String> response = get("/healthz");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("ok\n");
    }

    @Test
    void metricsArePrometheusTextWithTheServerMeters() throws Exception {
        try (RawSocket socket = RawSocket.connect(server.uri())) {
            socket.assertAlive();
            HttpResponse<String> response = get("/metrics");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("content-type")).hasValue(HttpEndpoints.PROMETHEUS_TYPE);
            assertThat(response.body()).contains("signaling_websockets 1.0", "signaling_rooms ",
                    "signaling_messages_received_total", "signaling_errors_total{code=\"unknown-peer\"}");
        }
    }

    @Test
    void staticFilesAreServedWithTheirContentTypes() throws Exception {
        HttpResponse<String> index = get("/");
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
        assertThat(index.body()).contains("<title>demo</title>");
        assertThat(get("/app.js").headers().firstValue("content-type")).hasValue("text/javascript; charset=utf-8");
        assertThat(get("/css/site.css").headers().firstValue("content-type")).hasValue("text/css; charset=utf-8");
    }

    @Test
    void missingHiddenAndOutsideFilesAre404() throws Exception {
        assertThat(get("/nope.html").statusCode()).isEqualTo(404);
        assertThat(get("/.secret").statusCode()).isEqualTo(404);
        assertThat(get("/escape.txt").statusCode()).as("symlink out of the root").isEqualTo(404);
        assertThat(get("/%2e%2e/outside.txt").statusCode()).isEqualTo(404);
        assertThat(get("/css/..%2f..%2foutside.txt").statusCode()).isEqualTo(404);
        assertThat(get("/..%5coutside.txt").statusCode()).isEqualTo(404);
        assertThat(get("/app.js%00.html").statusCode()).isEqualTo(404);
    }

    @Test
    void rawDotDotPathsNeverLeaveTheRoot() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write("GET /../outside.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertThat(response).startsWith("HTTP/1.1 404").doesNotContain("outside the static root");
        }
    }

    @Test
    void onlyGetAndHeadAreAllowed() throws Exception {
        HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(server.httpUri().resolve("/healthz"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        HttpResponse<String> head = HTTP.send(HttpRequest.newBuilder(server.httpUri().resolve("/app.js"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
    }

    @Test
    void anOversizedRequestIsRefusedAndTheServerStaysUp() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(server.httpUri() + "healthz"))
                .header("X-Big", "y".repeat(20_000)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isBetween(400, 499);
        assertThat(get("/healthz").statusCode()).isEqualTo(200);
    }
}
