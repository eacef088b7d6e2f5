package org.peerstack.signaling.server;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.peerstack.signaling.SignalingMessage;

/**
 * A WebSocket client that can send anything (the JDK's {@link WebSocket}), for malformed-input and
 * limit tests: it sends raw text and binary frames and records received texts and the close code.
 */
final class RawSocket implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    private final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final WebSocket socket;

    private RawSocket(WebSocket socket) {
        this.socket = socket;
    }

    static RawSocket connect(URI uri) {
        return connect(uri, null, null);
    }

    /** Connects with an optional Origin header and TLS context; failures surface from the join. */
    static RawSocket connect(URI uri, String origin, SSLContext tls) {
        HttpClient.Builder http = HttpClient.newBuilder();
        if (tls != null) {
            http.sslContext(tls);
        }
        WebSocket.Builder builder = http.build().newWebSocketBuilder().subprotocols(SignalingMessage.SUBPROTOCOL);
        if (origin != null) {
            builder.header("Origin", origin);
        }
        RawSocket[] self = new RawSocket[1];
        Listener listener = new Listener(self);
        WebSocket ws = builder.buildAsync(uri, listener).orTimeout(20, TimeUnit.SECONDS).join();
        self[0] = new RawSocket(ws);
        listener.ready.complete(self[0]);
        return self[0];
    }

    void sendText(String text) {
        socket.sendText(text, true).orTimeout(20, TimeUnit.SECONDS).join();
    }

    void sendBinary(byte[] bytes) {
        socket.sendBinary(ByteBuffer.wrap(bytes), true).orTimeout(20, TimeUnit.SECONDS).join();
    }

    /** The next message received, parsed. */
    JsonNode next() throws Exception {
        String text = texts.poll(ClientRecorder.TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (text == null) {
            fail("no message within " + ClientRecorder.TIMEOUT_SECONDS + " s");
        }
        return JSON.readTree(text);
    }

    /** The next message received, as the text the server sent. */
    String nextText() throws Exception {
        String text = texts.poll(ClientRecorder.TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (text == null) {
            fail("no message within " + ClientRecorder.TIMEOUT_SECONDS + " s");
        }
        return text;
    }

    /** The next message, which must be an error with {@code code}; returns it. */
    JsonNode nextError(String code) throws Exception {
        JsonNode error = next();
        org.assertj.core.api.Assertions.assertThat(error.path("type").asText()).as("type of %s", error).isEqualTo("error");
        org.assertj.core.api.Assertions.assertThat(error.path("code").asText()).as("code of %s", error).isEqualTo(code);
        org.assertj.core.api.Assertions.assertThat(error.path("message").asText()).isNotBlank();
        return error;
    }

    /** Sends a ping and expects the pong as the next message: the connection still works. */
    void assertAlive() throws Exception {
        sendText("{\"type\":\"ping\"}");
        org.assertj.core.api.Assertions.assertThat(next().path("type").asText()).isEqualTo("pong");
    }

    /** The close code the server sent, waiting for it. */
    int awaitClose() {
        return closed.orTimeout(ClientRecorder.TIMEOUT_SECONDS, TimeUnit.SECONDS).join();
    }

    boolean hasPending() {
        return !texts.isEmpty();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(e -> null);
        }
        socket.abort();
    }

    private static final class Listener implements WebSocket.Listener {
        final CompletableFuture<RawSocket> ready = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        private final RawSocket[] self;

        Listener(RawSocket[] self) {
            this.self = self;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                ready.thenAccept(s -> s.texts.add(text));
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            ready.thenAccept(s -> s.closed.complete(statusCode));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            ready.thenAccept(s -> s.closed.complete(-1));
        }
    }
}
