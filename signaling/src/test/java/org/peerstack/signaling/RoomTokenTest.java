package org.peerstack.signaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.peerstack.exc.ErrorCode;
import org.peerstack.exc.SignalingException;

/** Room tokens are standard HS256 JWTs: minted here or by any JWT code, checked strictly. */
class RoomTokenTest {

    private static final byte[] SECRET = "a-secret-of-at-least-thirty-two-bytes!".getBytes(StandardCharsets.UTF_8);
    private static final byte[] OLD_SECRET = "the-secret-being-retired-32-bytes-long".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String HS256 = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";

    /** A JWT written from RFC 7515/7519 with the JDK only, as a backend without our library would. */
    static String handMade(String header, String payload, byte[] secret) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String input = b64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        return input + "." + b64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    }

    private static SignalingException refusal(String token) {
        try {
            RoomToken.verify(token, SECRET, CLOCK);
        } catch (SignalingException e) {
            assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHORIZED);
            return e;
        }
        throw new AssertionError("accepted: " + token);
    }

    @Test
    void aSignedTokenIsAStandardJwtThatVerifiesToTheSameClaims() {
        RoomToken token = new RoomToken("room-1", NOW.plusSeconds(60), "Alice", "host");
        String jwt = token.sign(SECRET);
        assertThat(jwt.split("\\.")).hasSize(3);
        String header = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[0]), StandardCharsets.UTF_8);
        assertThat(header).contains("\"alg\":\"HS256\"");
        assertThat(RoomToken.verify(jwt, SECRET, CLOCK)).isEqualTo(token);
        assertThat(RoomToken.verify(new RoomToken("r", NOW.plusSeconds(5)).sign(SECRET), SECRET, CLOCK).name()).isNull();
    }

    @Test
    void aTokenMintedWithoutThisLibraryIsAccepted() throws Exception {
        String jwt = handMade(HS256, "{\"room\":\"standup\",\"exp\":" + NOW.plusSeconds(600).getEpochSecond()
                + ",\"iat\":" + NOW.getEpochSecond() + ",\"name\":\"Bob\",\"sub\":\"user-7\"}", SECRET);
        RoomToken token = RoomToken.verify(jwt, SECRET, CLOCK);
        assertThat(token.room()).isEqualTo("standup");
        assertThat(token.name()).isEqualTo("Bob");
        assertThat(token.expires()).isEqualTo(NOW.plusSeconds(600));
    }

    @Test
    void expiryAndNotBeforeAllowTheClockSkewAndNoMore() throws Exception {
        String expired = new RoomToken("r", NOW.minusSeconds(10)).sign(SECRET);
        assertThat(RoomToken.verify(expired, List.of(SECRET), CLOCK, Duration.ofSeconds(30)).room()).isEqualTo("r");
        assertThatThrownBy(() -> RoomToken.verify(expired, List.of(SECRET), CLOCK, Duration.ofSeconds(5)))
                .isInstanceOf(SignalingException.class).hasMessageContaining("expired");
        assertThat(refusal(new RoomToken("r", NOW.minusSeconds(31)).sign(SECRET)).getMessage()).contains("expired");
        String early = handMade(HS256, "{\"room\":\"r\",\"exp\":" + NOW.plusSeconds(600).getEpochSecond() + ",\"nbf\":"
                + NOW.plusSeconds(60).getEpochSecond() + "}", SECRET);
        assertThat(refusal(early).getMessage()).contains("not valid before");
        String nearlyValid = handMade(HS256, "{\"room\":\"r\",\"exp\":" + NOW.plusSeconds(600).getEpochSecond() + ",\"nbf\":"
                + NOW.plusSeconds(20).getEpochSecond() + "}", SECRET);
        assertThat(RoomToken.verify(nearlyValid, SECRET, CLOCK).room()).isEqualTo("r");
    }

    @Test
    void duringARotationTheNewAndThePreviousSecretAreBothAccepted() {
        String old = new RoomToken("r", NOW.plusSeconds(60)).sign(OLD_SECRET);
        String fresh = new RoomToken("r", NOW.plusSeconds(60)).sign(SECRET);
        List<byte[]> rotating = List.of(SECRET, OLD_SECRET);
        assertThat(RoomToken.verify(old, rotating, CLOCK, Duration.ZERO).room()).isEqualTo("r");
        assertThat(RoomToken.verify(fresh, rotating, CLOCK, Duration.ZERO).room()).isEqualTo("r");
        assertThat(refusal(old).getMessage()).contains("signature");
    }

    @Test
    void aNonCanonicalSignatureSpellingIsRefused() {
        String jwt = new RoomToken("r", NOW.plusSeconds(60)).sign(SECRET);
        // 32 signature bytes = 43 base64url characters; the last one carries 4 unused low bits
        char last = jwt.charAt(jwt.length() - 1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char sameBytes = alphabet.charAt(alphabet.indexOf(last) ^ 1);
        String malleated = jwt.substring(0, jwt.length() - 1) + sameBytes;
        assertThat(Base64.getUrlDecoder().decode(malleated.substring(malleated.lastIndexOf('.') + 1)))
                .as("the same signature bytes").isEqualTo(Base64.getUrlDecoder().decode(jwt.substring(jwt.lastIndexOf('.') + 1)));
        assertThat(refusal(malleated).getMessage()).contains("canonical");
        assertThat(RoomToken.verify(jwt, SECRET, CLOCK).room()).isEqualTo("r");
    }

    @Test
    void anExpiryBeyondAnyInstantIsUnauthorizedNotAnException() throws Exception {
        for (String exp : new String[] {"9223372036854775807", "18446744073709551616", "1e300", "-1", "\"tomorrow\"", "null"}) {
            String jwt = handMade(HS256, "{\"room\":\"r\",\"exp\":" + exp + "}", SECRET);
            assertThat(refusal(jwt).getMessage()).as("exp %s", exp).contains("exp");
        }
    }

    @Test
    void forgedTamperedUnsignedOrMalformedTokensAreUnauthorized() throws Exception {
        String jwt = new RoomToken("room-1", NOW.plusSeconds(60)).sign(SECRET);
        String[] parts = jwt.split("\\.");
        String otherPayload = new RoomToken("room-2", NOW.plusSeconds(60)).sign(SECRET).split("\\.")[1];
        String none = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
        for (String bad : new String[] {
                new RoomToken("room-1", NOW.plusSeconds(60)).sign(OLD_SECRET),
                parts[0] + "." + otherPayload + "." + parts[2],
                none + "." + parts[1] + ".",
                parts[0] + "." + parts[1] + ".",
                handMade("{\"alg\":\"HS256\",\"crit\":[\"x\"],\"x\":1}", "{\"room\":\"r\",\"exp\":" + NOW.plusSeconds(60).getEpochSecond() + "}", SECRET),
                handMade(HS256, "[1,2]", SECRET),
                handMade(HS256, "{\"exp\":" + NOW.plusSeconds(60).getEpochSecond() + "}", SECRET),
                handMade(HS256, "{\"room\":7,\"exp\":" + NOW.plusSeconds(60).getEpochSecond() + "}", SECRET),
                "", "nodot", ".x", "a.b.c", "a.b.c.d.e", "!!!.???.***", "x".repeat(RoomToken.MAX_TOKEN_LENGTH + 1)}) {
            refusal(bad);
        }
    }

    @Test
    void aShortSecretIsAProgrammingError() {
        assertThatThrownBy(() -> new RoomToken("r", NOW).sign(new byte[8])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RoomToken.verify("a.b.c", new byte[8], CLOCK)).isInstanceOf(IllegalArgumentException.class);
    }
}
