package org.peerstack.signaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.peerstack.exc.SignalingException;
import org.peerstack.signaling.SignalingMessage.Answer;
import org.peerstack.signaling.SignalingMessage.AppMessage;
import org.peerstack.signaling.SignalingMessage.Bye;
import org.peerstack.signaling.SignalingMessage.Candidate;
import org.peerstack.signaling.SignalingMessage.ErrorMessage;
import org.peerstack.signaling.SignalingMessage.Join;
import org.peerstack.signaling.SignalingMessage.Joined;
import org.peerstack.signaling.SignalingMessage.Leave;
import org.peerstack.signaling.SignalingMessage.Left;
import org.peerstack.signaling.SignalingMessage.Member;
import org.peerstack.signaling.SignalingMessage.Offer;
import org.peerstack.signaling.SignalingMessage.PeerJoined;
import org.peerstack.signaling.SignalingMessage.PeerLeft;
import org.peerstack.signaling.SignalingMessage.Ping;
import org.peerstack.signaling.SignalingMessage.Pong;

/** Every protocol message round-trips through JSON, with the wire form documented in docs/signaling-protocol.md. */
class SignalingCodecTest {

    private final SignalingCodec codec = SignalingCodec.defaults();

    static Stream<Object[]> everyMessage() {
        return Stream.of(
                new Object[] {new Join("room-1", "Alice", "tok"), "{\"type\":\"join\",\"room\":\"room-1\",\"name\":\"Alice\",\"token\":\"tok\"}"},
                new Object[] {new Joined("room-1", "p1", List.of(new Member("p0", "Bob"))),
                        "{\"type\":\"joined\",\"room\":\"room-1\",\"id\":\"p1\",\"members\":[{\"id\":\"p0\",\"name\":\"Bob\"}]}"},
                new Object[] {new PeerJoined("p2", null), "{\"type\":\"peer-joined\",\"id\":\"p2\"}"},
                new Object[] {new PeerLeft("p2"), "{\"type\":\"peer-left\",\"id\":\"p2\"}"},
                new Object[] {new Offer("p0", "p1", "v=0"), "{\"type\":\"offer\",\"to\":\"p0\",\"from\":\"p1\",\"sdp\":\"v=0\"}"},
                new Object[] {new Answer("p1", null, "v=0"), "{\"type\":\"answer\",\"to\":\"p1\",\"sdp\":\"v=0\"}"},
                new Object[] {new Candidate("p0", null, "candidate:1", "0", 0, "abcd"),
                        "{\"type\":\"candidate\",\"to\":\"p0\",\"candidate\":\"candidate:1\",\"sdpMid\":\"0\",\"sdpMLineIndex\":0,\"usernameFragment\":\"abcd\"}"},
                new Object[] {new Bye("p0", "p1"), "{\"type\":\"bye\",\"to\":\"p0\",\"from\":\"p1\"}"},
                new Object[] {new AppMessage(null, "p1", JsonNodeFactory.instance.objectNode().put("chat", "hi")),
                        "{\"type\":\"message\",\"from\":\"p1\",\"data\":{\"chat\":\"hi\"}}"},
                new Object[] {new Leave(), "{\"type\":\"leave\"}"},
                new Object[] {new Left("room-1"), "{\"type\":\"left\",\"room\":\"room-1\"}"},
                new Object[] {new ErrorMessage(ErrorCode.UNKNOWN_PEER, "no peer 'x'", "offer"),
                        "{\"type\":\"error\",\"code\":\"unknown-peer\",\"message\":\"no peer 'x'\",\"ref\":\"offer\"}"},
                new Object[] {new Ping(), "{\"type\":\"ping\"}"},
                new Object[] {new Pong(), "{\"type\":\"pong\"}"});
    }

    @ParameterizedTest
    @MethodSource("everyMessage")
    void messageEncodesToItsWireFormAndDecodesBack(SignalingMessage message, String json) {
        assertThat(codec.encodeToString(message)).isEqualTo(json);
        assertThat(codec.decode(json)).isEqualTo(message);
        ByteBuf buffer = Unpooled.buffer();
        codec.encode(message, buffer);
        assertThat(codec.decode(buffer)).isEqualTo(message);
        assertThat(buffer.readerIndex()).as("decode does not consume").isZero();
    }

    @Test
    void everyTypeHasALogicalNameAndTheTestCoversThemAll() {
        assertThat(SignalingCodec.typeNames()).containsExactlyInAnyOrder("join", "joined", "peer-joined", "peer-left",
                "offer", "answer", "candidate", "bye", "message", "leave", "left", "error", "ping", "pong");
        assertThat(everyMessage()).hasSize(SignalingCodec.typeNames().size());
    }

    @Test
    void unknownMembersAreIgnoredForForwardCompatibility() {
        assertThat(codec.decode("{\"type\":\"ping\",\"future\":{\"x\":1}}")).isEqualTo(new Ping());
    }

    @Test
    void errorCodesFromANewerServerDecodeAsUnknown() {
        ErrorMessage error = (ErrorMessage) codec.decode("{\"type\":\"error\",\"code\":\"quantum-flux\",\"message\":\"m\"}");
        assertThat(error.code()).isEqualTo(ErrorCode.UNKNOWN);
    }

    @Test
    void decodingFailsOnlyWithSignalingExceptionsNamingTheProblem() {
        assertThatThrownBy(() -> codec.decode("{\"type\":\"ufo\"}")).isInstanceOf(SignalingException.class)
                .hasMessageContaining("ufo")
                .satisfies(e -> assertThat(((SignalingException) e).code()).isEqualTo(ErrorCode.UNKNOWN_TYPE));
        assertThatThrownBy(() -> codec.decode("{\"type\":\"offer\",\"to\":\"x\"}")).isInstanceOf(SignalingException.class)
                .hasMessageContaining("sdp")
                .satisfies(e -> assertThat(((SignalingException) e).code()).isEqualTo(ErrorCode.BAD_MESSAGE));
        assertThatThrownBy(() -> codec.decode("{\"type\":\"join\",\"room\":true}")).isInstanceOf(SignalingException.class)
                .hasMessageContaining("room");
        assertThatThrownBy(() -> codec.decode("{\"type\":\"join\",\"room\":\"r\"} {}")).isInstanceOf(SignalingException.class);
        assertThatThrownBy(() -> codec.decode(Unpooled.copiedBuffer("  [\"join\"]", StandardCharsets.UTF_8)))
                .isInstanceOf(SignalingException.class).hasMessageContaining("JSON object");
        assertThatThrownBy(() -> codec.decode(Unpooled.EMPTY_BUFFER)).isInstanceOf(SignalingException.class);
    }

    @Test
    void nestingAndNumberLimitsApply() {
        String deep = "{\"type\":\"message\",\"data\":" + "[".repeat(SignalingCodec.DEFAULT_MAX_NESTING_DEPTH + 1)
                + "]".repeat(SignalingCodec.DEFAULT_MAX_NESTING_DEPTH + 1) + "}";
        assertThatThrownBy(() -> codec.decode(deep)).isInstanceOf(SignalingException.class).hasMessageContaining("nesting");
        String longNumber = "{\"type\":\"message\",\"data\":" + "9".repeat(SignalingCodec.DEFAULT_MAX_NUMBER_LENGTH + 1) + "}";
        assertThatThrownBy(() -> codec.decode(longNumber)).isInstanceOf(SignalingException.class);
    }

    @Test
    void appMessageDataCannotBeChangedThroughTheRecord() {
        AppMessage message = new AppMessage(null, null, JsonNodeFactory.instance.objectNode().put("a", 1));
        ((com.fasterxml.jackson.databind.node.ObjectNode) message.data()).put("a", 2);
        assertThat(message.data().get("a").asInt()).isEqualTo(1);
    }
}
