package org.peerstack.signaling.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.peerstack.signaling.RoomToken;

/** JWT room tokens (in the join or the URL; expired = beyond the 30 s clock skew) and the Origin allowlist, against a real server. */
class AuthAndOriginTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef-test";
    private static final byte[] KEY = SECRET.getBytes(StandardCharsets.UTF_8);
    private static SignalingServer server;

    @BeforeAll
    static void startServer() {
        server = TestServers.start(Map.of("auth.secret", SECRET,
                "http.allowed-origins", "[\"https://good.example\"]"));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private static String token(String room, Duration validFor) {
        return new RoomToken(room, Instant.now().plus(validFor)).sign(KEY);
    }

    @Test
    void joinWithAValidTokenForTheRoomSucceeds() throws Exception {
        try (RawSocket socket = RawSocket.connect(server.uri())) {
            socket.sendText("{\"type\":\"join\",\"room\":\"vip\",\"token\":\"" + token("vip", Duration.ofMinutes(5)) + "\"}");
            assertThat(socket.next().path("type").asText()).isEqualTo("joined");
        }
    }

    @Test
    void joinWithoutATokenIsUnauthorizedAndClosedWith1008() throws Exception {
        try (RawSocket socket = RawSocket.connect(server.uri())) {
            socket.sendText("{\"type\":\"join\",\"room\":\"vip\"}");
            assertThat(socket.nextError("unauthorized").path("ref").asText()).isEqualTo("join");
            assertThat(socket.awaitClose()).isEqualTo(1008);
        }
    }

    @Test
    void tokensForAnotherRoomExpiredOrForgedAreUnauthorized() throws Exception {
        String forged = token("vip", Duration.ofMinutes(5));
        forged = forged.substring(0, forged.length() - 2) + (forged.endsWith("AA") ? "BB" : "AA");
        for (String bad : new String[] {token("other", Duration.ofMinutes(5)), token("vip", Duration.ofSeconds(-60)),
                forged, "garbage", "a.b.c"}) {
            try (RawSocket socket = RawSocket.connect(server.uri())) {
                socket.sendText("{\"type\":\"join\",\"room\":\"vip\",\"token\":\"" + bad + "\"}");
                socket.nextError("unauthorized");
                assertThat(socket.awaitClose()).isEqualTo(1008);
            }
        }
    }

    @Test
    void aValidTokenInTheUrlAdmitsTheJoinAndABadOneGetsHttp401() throws Exception {
        URI good = URI.create(server.uri() + "?token=" + token("url-room", Duration.ofMinutes(5)));
        try (RawSocket socket = RawSocket.connect(good)) {
            socket.sendText("{\"type\":\"join\",\"room\":\"url-room\"}");
            assertThat(socket.next().path("type").asText()).isEqualTo("joined");
        }
        URI bad = URI.create(server.uri() + "?token=" + token("url-room", Duration.ofSeconds(-60)));
        assertThatThrownBy(() -> RawSocket.connect(bad)).isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode()).isEqualTo(401));
    }

    @Test
    void aDisallowedOriginGetsHttp403AndAnAllowedOrNoOriginIsAccepted() throws Exception {
        assertThatThrownBy(() -> RawSocket.connect(server.uri(), "https://evil.example", null))
                .cause().isInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode()).isEqualTo(403));
        try (RawSocket allowed = RawSocket.connect(server.uri(), "https://good.example", null)) {
            allowed.assertAlive();
        }
        try (RawSocket noOrigin = RawSocket.connect(server.uri())) {
            noOrigin.assertAlive();
        }
    }
}
