package org.peerstack.signaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.peerstack.exc.ErrorCode;
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
import org.peerstack.signaling.SignalingMessage.MaxResolution;
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
                new Object[] {new MaxResolution("sfu", null, "t1", 320, 180),
                        "{\"type\":\"max-resolution\",\"to\":\"sfu\",\"track\":\"t1\",\"width\":320,\"height\":180}"},
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
                "offer", "answer", "candidate", "bye", "max-resolution", "message", "leave", "left", "error", "ping", "pong");
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
    void maxResolutionWithoutASizeClearsAndBadSizesAreBadMessages() {
        assertThat(codec.decode("{\"type\":\"max-resolution\",\"to\":\"sfu\",\"track\":\"t1\"}"))
                .isEqualTo(MaxResolution.clear("sfu", "t1"));
        assertThat(codec.encodeToString(MaxResolution.clear("sfu", "t1")))
                .isEqualTo("{\"type\":\"max-resolution\",\"to\":\"sfu\",\"track\":\"t1\"}");
        for (String bad : new String[] {"\"width\":0,\"height\":180", "\"width\":320", "\"width\":-1,\"height\":-1",
                "\"width\":16385,\"height\":180", "\"width\":\"big\",\"height\":180", "\"width\":3.5,\"height\":2"}) {
            assertThatThrownBy(() -> codec.decode("{\"type\":\"max-resolution\",\"to\":\"sfu\",\"track\":\"t1\"," + bad + "}"))
                    .as(bad).isInstanceOf(SignalingException.class)
                    .satisfies(e -> assertThat(((SignalingException) e).code()).isEqualTo(ErrorCode.BAD_MESSAGE));
        }
        assertThatThrownBy(() -> codec.decode("{\"type\":\"max-resolution\",\"to\":\"sfu\",\"width\":1,\"height\":1}"))
                .isInstanceOf(SignalingException.class)
                .satisfies(e -> assertThat(((SignalingException) e).code()).isEqualTo(ErrorCode.BAD_MESSAGE));
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
    void appDataNumbersBeyondADoubleTravelExactly() {
        // found by the fuzz test: as a double, 2.4555e10083 became Infinity and was encoded again as "Infinity"
        String json = "{\"type\":\"message\",\"data\":[2.4555000000E10083,0.1,-1e-400,7,252242458.0]}";
        AppMessage message = (AppMessage) codec.decode(json);
        assertThat(message.data().get(0).decimalValue()).isEqualByComparingTo("2.4555E+10083");
        assertThat(message.data().get(2).decimalValue()).isEqualByComparingTo("-1E-400");
        String encoded = codec.encodeToString(message);
        assertThat(encoded).doesNotContain("Infinity");
        assertThat(message.data().get(4).isIntegralNumber()).as("1.0 stays a fraction (fuzz finding too)").isFalse();
        assertThat(codec.decode(encoded)).isEqualTo(message);
    }

    @Test
    void appDataNumbersAreEncodedAgainAsTheyWereWritten() {
        for (String data : new String[] {"[1e999999999,0.10,1E5,2.5e-3,-1.0E-7,7,-12345678901234567890123]",
                "{\"big\":1e999999999}"}) {
            String typeFirst = "{\"type\":\"message\",\"data\":" + data + "}";
            String typeLast = "{\"data\":" + data + ",\"to\":\"p1\",\"type\":\"message\"}";
            for (String json : new String[] {typeFirst, typeLast}) {
                AppMessage message = (AppMessage) codec.decode(json);
                assertThat(codec.encodeToString(message)).as(json).contains("\"data\":" + data);
                byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
                assertThat(codec.encodeToString(codec.decode(bytes, 0, bytes.length))).as(json).contains("\"data\":" + data);
                ByteBuf encoded = codec.encode(message.withFrom("p0"), io.netty.buffer.UnpooledByteBufAllocator.DEFAULT);
                try {
                    assertThat(encoded.toString(StandardCharsets.UTF_8)).contains("\"data\":" + data);
                } finally {
                    encoded.release();
                }
            }
        }
        AppMessage message = (AppMessage) codec.decode("{\"type\":\"message\",\"data\":[1e999999999]}");
        assertThat(message.data().get(0).decimalValue()).isEqualByComparingTo(new java.math.BigDecimal("1E+999999999"));
    }

    @Test
    void toNullIsABadMessageNeverABroadcast() {
        for (String json : new String[] {"{\"type\":\"message\",\"to\":null,\"data\":1}",
                "{\"to\":null,\"data\":1,\"type\":\"message\"}", "{\"data\":{},\"type\":\"message\",\"to\":null}"}) {
            assertThatThrownBy(() -> codec.decode(json)).as(json).isInstanceOf(SignalingException.class)
                    .hasMessageContaining("'to' is null")
                    .satisfies(e -> assertThat(((SignalingException) e).code()).isEqualTo(ErrorCode.BAD_MESSAGE));
            assertThatThrownBy(() -> codec.decodeWithDataBinding(json.getBytes(StandardCharsets.UTF_8))).as(json)
                    .hasMessageContaining("'to' is null");
        }
        for (String json : new String[] {"{\"type\":\"offer\",\"to\":null,\"sdp\":\"s\"}", "{\"type\":\"bye\",\"to\":null}"}) {
            assertThatThrownBy(() -> codec.decode(json)).as(json).isInstanceOf(SignalingException.class)
                    .satisfies(e -> assertThat(((SignalingException) e).code()).isEqualTo(ErrorCode.BAD_MESSAGE));
        }
        assertThat(((AppMessage) codec.decode("{\"type\":\"message\",\"data\":null}")).to()).isNull();
    }

    @Test
    void aTypeThatIsNotAStringIsABadMessageAndAnUnknownNameIsUnknownType() {
        for (String type : new String[] {"null", "[\"offer\"]", "{\"a\":1}"}) {
            String json = "{\"type\":" + type + ",\"to\":\"p\",\"sdp\":\"s\"}";
            assertThatThrownBy(() -> codec.decode(json)).as(json).isInstanceOf(SignalingException.class)
                    .satisfies(e -> assertThat(((SignalingException) e).code()).isEqualTo(ErrorCode.BAD_MESSAGE));
        }
        for (String type : new String[] {"\"shout\"", "5", "true"}) {
            String json = "{\"type\":" + type + "}";
            assertThatThrownBy(() -> codec.decode(json)).as(json).isInstanceOf(SignalingException.class)
                    .satisfies(e -> assertThat(((SignalingException) e).code()).isEqualTo(ErrorCode.UNKNOWN_TYPE));
        }
    }

    @Test
    void aMemberNameRepeatedInOneObjectIsABadMessage() {
        // JSON.parse keeps the last of two "type"s; Jackson's type handling reads the first: refuse both readings
        for (String json : new String[] {
                "{\"type\":\"offer\",\"to\":\"p\",\"sdp\":\"s\",\"type\":\"peer-left\",\"id\":\"q\"}",
                "{\"type\":\"bye\",\"to\":\"p\",\"to\":\"q\"}",
                "{\"type\":\"message\",\"data\":{\"a\":1,\"b\":2,\"c\":3,\"a\":4}}"}) {
            assertThatThrownBy(() -> codec.decode(json)).as(json).isInstanceOf(SignalingException.class)
                    .hasMessageContaining("Duplicate")
                    .satisfies(e -> assertThat(((SignalingException) e).code()).isEqualTo(ErrorCode.BAD_MESSAGE));
        }
        assertThat(codec.decode("{\"type\":\"message\",\"data\":[{\"a\":1},{\"a\":2}]}")).isInstanceOf(AppMessage.class);
    }

    @Test
    void theStreamingReaderOfRelayedMessagesAnswersExactlyWhatDataBindingAnswers() throws Exception {
        String[] seeds = {
                "{\"type\":\"offer\",\"to\":\"p1\",\"sdp\":\"v=0\\r\\n\"}",
                "{\"sdp\":\"s\",\"to\":\"p1\",\"type\":\"answer\",\"from\":\"p0\"}",
                "{\"type\":\"candidate\",\"to\":\"p1\",\"candidate\":\"candidate:1 1 udp 2 10.0.0.1 5 typ host\","
                        + "\"sdpMid\":\"0\",\"sdpMLineIndex\":0,\"usernameFragment\":\"u\"}",
                "{\"type\":\"candidate\",\"to\":\"p1\",\"candidate\":\"\",\"sdpMid\":null,\"sdpMLineIndex\":null}",
                " {\"type\":\"bye\",\"to\":\"p1\",\"future\":{\"a\":[1,2.5,true,null]}} \n",
                "{\"type\":\"candidate\",\"to\":\"p1\",\"candidate\":\"c\",\"sdpMLineIndex\":2147483647}",
                "{\"type\":\"offer\",\"to\":\"é😀\",\"sdp\":\"\\u00e9\\\"\\\\\",\"candidate\":5}",
                "{\"type\":\"message\",\"to\":\"p1\",\"data\":{\"n\":[1.50,2e3,-7,true,null,\"s\"]},\"sdp\":9}",
                "{\"data\":[0.1,{\"x\":{}}],\"type\":\"message\",\"from\":\"p0\"}",
        };
        String alphabet = "{}[]\",:0123456789.-+eE truefalsnul\\typeofrsdpcanidtMLIx\u00e9";
        JsonMutator mutator = new JsonMutator(new java.util.SplittableRandom(20261121), alphabet);
        int readByStreaming = 0;
        int inputs = 0;
        for (String seed : seeds) {
            for (int run = 0; run < 6000; run++) {
                String text = mutator.mutate(seed, run);
                byte[] json = text.getBytes(StandardCharsets.UTF_8);
                inputs++;
                SignalingMessage streamed = codec.decodeWithRelayedReader(json);
                Object bound;
                try {
                    bound = codec.decodeWithDataBinding(json);
                } catch (java.io.IOException | RuntimeException e) {
                    bound = e;
                }
                if (streamed != null) {
                    readByStreaming++;
                    assertThat(bound).as(text).isEqualTo(streamed);
                }
                // and what decode answers is data binding's answer, message or error
                if (bound instanceof SignalingMessage message) {
                    assertThat(codec.decode(json, 0, json.length)).as(text).isEqualTo(message);
                } else {
                    assertThatThrownBy(() -> codec.decode(json, 0, json.length)).as(text)
                            .isInstanceOf(SignalingException.class);
                }
            }
        }
        // not vacuous: the unmutated seeds and a good share of the mutants take the streaming path
        assertThat(readByStreaming).as("of %d inputs", inputs).isGreaterThan(inputs / 10);
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

    static Stream<SignalingMessage> relayedMessagesWithAwkwardText() {
        String awkward = "quote \" backslash \\ slash / tab \t crlf \r\n nul \u0000 \u001f del \u007f é ü 中文 😀 \u2028";
        return Stream.of(
                new Candidate("p0", null, "candidate:1", null, null, null),
                new Candidate("p0", "p1", awkward, awkward, -1, awkward),
                new Candidate("p0", "p1", "", "", Integer.MAX_VALUE, ""),
                new Candidate("p0", "p1", "c", "0", Integer.MIN_VALUE, "u"),
                new Offer(awkward, awkward, "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n" + "a=x\r\n".repeat(3000)),
                new Answer("p1", null, awkward),
                new Bye("p0", null),
                new Bye(awkward, "p1"));
    }

    @ParameterizedTest
    @MethodSource("relayedMessagesWithAwkwardText")
    void relayedMessagesEncodeToTheSameBytesAsDataBinding(SignalingMessage message) throws Exception {
        byte[] reference = codec.encodeWithDataBinding(message);
        ByteBuf heap = Unpooled.buffer();
        codec.encode(message, heap);
        assertThat(ByteBufUtil.getBytes(heap)).isEqualTo(reference);
        ByteBuf exact = codec.encode(message, io.netty.buffer.PooledByteBufAllocator.DEFAULT);
        try {
            assertThat(ByteBufUtil.getBytes(exact)).isEqualTo(reference);
            assertThat(codec.decode(exact)).isEqualTo(message);
        } finally {
            exact.release();
        }
    }

    @Test
    void directBuffersDecodeWhateverTheirSizeAndReaderIndex() {
        for (int length : new int[] {10, 2_000, 30_000}) {
            // three strings of this length: the largest message is beyond the per-thread copy buffer
            Candidate offer = new Candidate("p0", "p1", "c".repeat(length), "m".repeat(length), 0, "u".repeat(length));
            ByteBuf direct = Unpooled.directBuffer();
            try {
                direct.writeCharSequence("xyz", StandardCharsets.UTF_8);
                direct.readerIndex(3);
                codec.encode(offer, direct);
                assertThat(direct.hasArray()).isFalse();
                assertThat(codec.decode(direct)).isEqualTo(offer);
                assertThat(direct.readerIndex()).as("decode does not consume").isEqualTo(3);
            } finally {
                direct.release();
            }
        }
        // a short message after a long one on the same thread: no stale bytes of the longer one
        ByteBuf small = Unpooled.directBuffer().writeBytes("{\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_8));
        try {
            assertThat(codec.decode(small)).isEqualTo(new Ping());
        } finally {
            small.release();
        }
    }
}
