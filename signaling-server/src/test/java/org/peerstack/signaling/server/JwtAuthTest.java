package org.peerstack.signaling.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletionException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.peerstack.signaling.RoomToken;

/**
 * JWT room tokens against a real server during a key rotation: tokens of the new and the previous
 * secret, minted by {@link RoomToken} or by hand (any backend's JWT code), the {@code name} claim, and
 * tokens that must be {@code unauthorized} (close 1008) or HTTP 401 and never anything else.
 */
class JwtAuthTest {

    private static final String SECRET = "the-new-secret-of-this-rotation-0123456789";
    private static final String PREVIOUS = "the-old-secret-of-this-rotation-0123456789";
    private static final String RETIRED = "a-secret-retired-long-ago-000000000000000";
    private static SignalingServer server;

    @BeforeAll
    static void startServer() {
        server = TestServers.start(Map.of("auth.secret", SECRET, "auth.previous-secret", PREVIOUS,
                "auth.clock-skew-ms", "5000"));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private static byte[] key(String secret) {
        return secret.getBytes(StandardCharsets.UTF_8);
    }

    /** A compact HS256 JWS written with the JDK only, as a backend in another language would. */
    static String handMade(String payload, String secret) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String input = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key(secret), "HmacSHA256"));
        return input + "." + b64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    }

    private static long inMinutes(int minutes) {
        return Instant.now().plusSeconds(60L * minutes).getEpochSecond();
    }

    private static JsonNode join(RawSocket socket, String room, String token) throws Exception {
        socket.sendText("{\"type\":\"join\",\"room\":\"" + room + "\",\"name\":\"typed\",\"token\":\"" + token + "\"}");
        return socket.next();
    }

    @Test
    void tokensOfTheNewAndThePreviousSecretAndHandMadeOnesAreAccepted() throws Exception {
        String[] good = {
                new RoomToken("rot", Instant.now().plusSeconds(60)).sign(key(SECRET)),
                new RoomToken("rot", Instant.now().plusSeconds(60)).sign(key(PREVIOUS)),
                handMade("{\"room\":\"rot\",\"exp\":" + inMinutes(5) + ",\"iat\":" + inMinutes(0) + "}", SECRET),
                // expired 2 s ago: within the 5 s clock skew
                handMade("{\"room\":\"rot\",\"exp\":" + (Instant.now().getEpochSecond() - 2) + "}", PREVIOUS)};
        for (String token : good) {
            try (RawSocket socket = RawSocket.connect(server.uri())) {
                assertThat(join(socket, "rot", token).path("type").asText()).as(token).isEqualTo("joined");
            }
        }
    }

    @Test
    void theNameClaimBecomesTheDisplayNameOthersSee() throws Exception {
        try (RawSocket first = RawSocket.connect(server.uri());
             RawSocket second = RawSocket.connect(server.uri())) {
            assertThat(join(first, "named", new RoomToken("named", Instant.now().plusSeconds(60)).sign(key(SECRET)))
                    .path("type").asText()).isEqualTo("joined");
            JsonNode joined = join(second, "named", new RoomToken("named", Instant.now().plusSeconds(60), "Carol", "guest")
                    .sign(key(SECRET)));
            assertThat(joined.path("members").get(0).path("name").asText()).isEqualTo("typed");
            JsonNode announced = first.next();
            assertThat(announced.path("type").asText()).isEqualTo("peer-joined");
            assertThat(announced.path("name").asText()).isEqualTo("Carol");
        }
    }

    @Test
    void malleatedRetiredAndOutOfRangeTokensAreUnauthorizedWithClose1008() throws Exception {
        String valid = new RoomToken("vip", Instant.now().plusSeconds(60)).sign(key(SECRET));
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char last = valid.charAt(valid.length() - 1);
        String malleated = valid.substring(0, valid.length() - 1) + alphabet.charAt(alphabet.indexOf(last) ^ 1);
        String[] bad = {
                malleated,
                new RoomToken("vip", Instant.now().plusSeconds(60)).sign(key(RETIRED)),
                handMade("{\"room\":\"vip\",\"exp\":9223372036854775807}", SECRET),
                handMade("{\"room\":\"vip\",\"exp\":" + (Instant.now().getEpochSecond() - 30) + "}", SECRET),
                handMade("{\"room\":\"vip\",\"exp\":" + inMinutes(5) + ",\"name\":\"" + "n".repeat(500) + "\"}", SECRET)};
        for (String token : bad) {
            try (RawSocket socket = RawSocket.connect(server.uri())) {
                JsonNode error = join(socket, "vip", token);
                assertThat(error.path("code").asText()).as(token).isEqualTo("unauthorized");
                assertThat(socket.awaitClose()).as(token).isEqualTo(1008);
            }
        }
        for (String token : new String[] {malleated, bad[2]}) {
            URI uri = URI.create(server.uri() + "?token=" + token);
            assertThatThrownBy(() -> RawSocket.connect(uri)).isInstanceOf(CompletionException.class)
                    .cause().isInstanceOf(WebSocketHandshakeException.class)
                    .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode()).isEqualTo(401));
        }
    }
}
