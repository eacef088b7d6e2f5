package org.peerstack.signaling.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.peerstack.exc.SignalingException;
import org.peerstack.signaling.SignalingCodec;
import org.peerstack.signaling.SignalingMessage;

/**
 * Fuzzes the message decoder with the server's limits (Jazzer). Whatever the bytes, decoding either
 * yields a message that survives an encode/decode round trip unchanged, or fails with
 * {@link SignalingException} carrying a code: never another exception, a hang or a stack overflow.
 *
 * <p>The build sets {@code JAZZER_FUZZ=1} (signaling-server/pom.xml), so {@code mvn verify} really fuzzes
 * for {@code maxDuration}; without it, Jazzer replays the seed inputs in
 * {@code src/test/resources/.../SignalingCodecFuzzTestInputs} (regression mode).
 */
class SignalingCodecFuzzTest {

    private static final SignalingCodec CODEC = SignalingCodec.create(SignalingLimits.defaults().streamReadConstraints());

    @FuzzTest(maxDuration = "30s")
    void decodingAnyBytesGivesAMessageOrASignalingException(byte[] input) {
        ByteBuf buffer = Unpooled.wrappedBuffer(input);
        SignalingMessage message;
        try {
            message = CODEC.decode(buffer);
        } catch (SignalingException e) {
            assertThat(e.code()).isNotNull();
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        String encoded = CODEC.encodeToString(message);
        assertThat(CODEC.decode(encoded)).isEqualTo(message);
    }
}
