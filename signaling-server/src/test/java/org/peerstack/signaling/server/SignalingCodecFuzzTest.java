package org.peerstack.signaling.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.peerstack.exc.SignalingException;
import org.peerstack.signaling.SignalingCodec;
import org.peerstack.signaling.SignalingMessage;
import org.peerstack.signaling.SignalingMessage.Addressed;
import org.peerstack.signaling.SignalingMessage.AppMessage;

/**
 * Fuzzes the message decoder with the server's limits (Jazzer). Whatever the bytes, decoding either
 * yields a message that survives an encode/decode round trip unchanged, or fails with
 * {@link SignalingException} carrying a code: never another exception, a hang or a stack overflow.
 * The same inputs check the server's relay path: {@link Utf8Check} agrees with the JDK's strict UTF-8
 * decoder, and a message {@link FromStamp} forwards in its own bytes decodes, with repeated names
 * refused, to the decoded message with the server's {@code from} and nothing else changed.
 *
 * <p>The build sets {@code JAZZER_FUZZ=1} (signaling-server/pom.xml), so {@code mvn verify} really fuzzes
 * for {@code maxDuration}; without it, Jazzer replays the seed inputs in
 * {@code src/test/resources/.../SignalingCodecFuzzTestInputs} (regression mode).
 */
class SignalingCodecFuzzTest {

    private static final SignalingCodec CODEC = SignalingCodec.create(SignalingLimits.defaults().streamReadConstraints());

    private static final String PEER = "AbCdEfGhIjKl";

    @FuzzTest(maxDuration = "30s")
    void decodingAnyBytesGivesAMessageOrASignalingException(byte[] input) {
        boolean utf8 = Utf8Check.isWellFormed(input, 0, input.length);
        assertThat(utf8).as("Utf8Check agrees with the JDK").isEqualTo(Utf8CheckTest.jdkAccepts(input));
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
        if (utf8 && FromStamp.applies(input)) {
            SignalingMessage expected;
            if (message instanceof Addressed addressed) {
                expected = addressed.withFrom(PEER);
            } else if (message instanceof AppMessage app) {
                expected = app.withFrom(PEER);
            } else {
                return;
            }
            byte[] stamped = new FromStamp(PEER).stamp(input);
            assertThat(CODEC.decode(stamped, 0, stamped.length)).isEqualTo(expected);
        }
    }
}
