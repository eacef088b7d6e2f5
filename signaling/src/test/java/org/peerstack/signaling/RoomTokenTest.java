package org.peerstack.signaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.peerstack.exc.ErrorCode;
import org.peerstack.exc.SignalingException;

class RoomTokenTest {

    private static final byte[] SECRET = "a-secret-of-at-least-thirty-two-bytes!".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void aSignedTokenVerifiesToTheSameRoomAndExpiry() {
        RoomToken token = new RoomToken("room-1", NOW.plusSeconds(60));
        assertThat(RoomToken.verify(token.sign(SECRET), SECRET, CLOCK)).isEqualTo(token);
    }

    @Test
    void anExpiredTokenIsUnauthorized() {
        String signed = new RoomToken("room-1", NOW).sign(SECRET);
        assertThatThrownBy(() -> RoomToken.verify(signed, SECRET, CLOCK)).isInstanceOf(SignalingException.class)
                .hasMessageContaining("expired")
                .satisfies(e -> assertThat(((SignalingException) e).code()).isEqualTo(ErrorCode.UNAUTHORIZED));
    }

    @Test
    void anotherSecretOrATamperedPayloadFailsTheSignature() {
        String signed = new RoomToken("room-1", NOW.plusSeconds(60)).sign(SECRET);
        byte[] other = "another-secret-of-at-least-32-bytes!!".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> RoomToken.verify(signed, other, CLOCK)).hasMessageContaining("signature");
        String forgedBody = new RoomToken("room-2", NOW.plusSeconds(60)).sign(other);
        String tampered = forgedBody.substring(0, forgedBody.indexOf('.')) + signed.substring(signed.indexOf('.'));
        assertThatThrownBy(() -> RoomToken.verify(tampered, SECRET, CLOCK)).hasMessageContaining("signature");
    }

    @Test
    void malformedTokensAreUnauthorizedNotCrashes() {
        for (String bad : new String[] {"", "nodot", ".x", "a.b.c", "!!!.???", "x".repeat(RoomToken.MAX_TOKEN_LENGTH + 1)}) {
            assertThatThrownBy(() -> RoomToken.verify(bad, SECRET, CLOCK)).isInstanceOf(SignalingException.class);
        }
    }

    @Test
    void shortSecretsAreRefused() {
        assertThatThrownBy(() -> new RoomToken("r", NOW).sign(new byte[8])).isInstanceOf(IllegalArgumentException.class);
    }
}
