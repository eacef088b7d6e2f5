package org.peerstack.signaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.peerstack.exc.ErrorCode;
import org.peerstack.exc.SignalingException;
import org.peerstack.signaling.SignalingMessage.ErrorMessage;
import org.peerstack.signaling.SignalingMessage.Join;
import org.peerstack.signaling.SignalingMessage.Joined;
import org.peerstack.signaling.SignalingMessage.Member;
import org.peerstack.signaling.SignalingMessage.Offer;

/** The members SFU rooms add to the protocol (docs/signaling-protocol.md, "SFU rooms") round-trip and are checked. */
class SfuMembersCodecTest {

    private final SignalingCodec codec = SignalingCodec.defaults();

    static Map<String, String> streams() {
        Map<String, String> streams = new LinkedHashMap<>();
        streams.put("stream-b", "peerB");
        streams.put("stream-a", "peerA");
        return streams;
    }

    static Stream<Object[]> sfuMessages() {
        return Stream.of(
                new Object[] {new Join("r", null, null, true), "{\"type\":\"join\",\"room\":\"r\",\"sfu\":true}"},
                new Object[] {new Join("r", "A", null, false), "{\"type\":\"join\",\"room\":\"r\",\"name\":\"A\",\"sfu\":false}"},
                new Object[] {new Joined("r", "p1", List.of(new Member("p0", null)), true),
                        "{\"type\":\"joined\",\"room\":\"r\",\"id\":\"p1\",\"members\":[{\"id\":\"p0\"}],\"sfu\":true}"},
                new Object[] {new Offer("p1", "sfu", "v=0", streams()),
                        "{\"type\":\"offer\",\"to\":\"p1\",\"from\":\"sfu\",\"sdp\":\"v=0\",\"streams\":{\"stream-b\":\"peerB\",\"stream-a\":\"peerA\"}}"},
                new Object[] {new Offer("p1", "sfu", "v=0", Map.of()),
                        "{\"type\":\"offer\",\"to\":\"p1\",\"from\":\"sfu\",\"sdp\":\"v=0\",\"streams\":{}}"},
                new Object[] {new ErrorMessage(ErrorCode.SFU_ROOM, "m", "offer"), "{\"type\":\"error\",\"code\":\"sfu-room\",\"message\":\"m\",\"ref\":\"offer\"}"},
                new Object[] {new ErrorMessage(ErrorCode.SFU_REFUSED, "m", "offer"), "{\"type\":\"error\",\"code\":\"sfu-refused\",\"message\":\"m\",\"ref\":\"offer\"}"},
                new Object[] {new ErrorMessage(ErrorCode.ROOM_MODE, "m", "join"), "{\"type\":\"error\",\"code\":\"room-mode\",\"message\":\"m\",\"ref\":\"join\"}"},
                new Object[] {new ErrorMessage(ErrorCode.SFU_UNAVAILABLE, "m", "join"),
                        "{\"type\":\"error\",\"code\":\"sfu-unavailable\",\"message\":\"m\",\"ref\":\"join\"}"});
    }

    @ParameterizedTest
    @MethodSource("sfuMessages")
    void sfuMembersEncodeToTheirWireFormAndDecodeBack(SignalingMessage message, String json) {
        assertThat(codec.encodeToString(message)).isEqualTo(json);
        assertThat(codec.decode(json)).isEqualTo(message);
        ByteBuf buffer = Unpooled.buffer();
        codec.encode(message, buffer);
        assertThat(buffer.toString(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(json);
        assertThat(codec.decode(buffer)).isEqualTo(message);
    }

    @Test
    void anOfferWithStreamsIsWrittenByTheStreamingWriterAsDataBindingWritesIt() throws Exception {
        Offer offer = new Offer("p1", "sfu", "v=0\r\n", streams());
        ByteBuf heap = Unpooled.buffer();
        codec.encode(offer, heap);
        assertThat(ByteBufUtil.getBytes(heap)).isEqualTo(codec.encodeWithDataBinding(offer));
        assertThat(((Offer) codec.decode(heap)).streams()).containsExactly(Map.entry("stream-b", "peerB"),
                Map.entry("stream-a", "peerA"));
    }

    @Test
    void membersWithoutTheSfuOptionsReadAsBefore() {
        Join join = (Join) codec.decode("{\"type\":\"join\",\"room\":\"r\"}");
        assertThat(join.sfu()).isNull();
        assertThat(join.wantsSfu()).isFalse();
        assertThat(join).isEqualTo(new Join("r", null, null));
        assertThat(((Joined) codec.decode("{\"type\":\"joined\",\"room\":\"r\",\"id\":\"p\",\"members\":[]}")).sfuRoom()).isFalse();
        Offer offer = (Offer) codec.decode("{\"type\":\"offer\",\"to\":\"p\",\"sdp\":\"v=0\"}");
        assertThat(offer.streams()).isNull();
        assertThat(codec.encodeToString(new Joined("r", "p", List.of()))).doesNotContain("sfu");
        assertThat(new Offer("p", null, "v=0", streams()).withFrom("q").streams()).isEqualTo(streams());
    }

    @Test
    void malformedSfuMembersAreBadMessages() {
        for (String json : new String[] {
                "{\"type\":\"join\",\"room\":\"r\",\"sfu\":\"yes\"}",
                "{\"type\":\"join\",\"room\":\"r\",\"sfu\":1}",
                "{\"type\":\"offer\",\"to\":\"p\",\"sdp\":\"v=0\",\"streams\":[\"a\"]}",
                "{\"type\":\"offer\",\"to\":\"p\",\"sdp\":\"v=0\",\"streams\":{\"a\":1}}",
                "{\"type\":\"offer\",\"to\":\"p\",\"sdp\":\"v=0\",\"streams\":{\"a\":null}}",
                "{\"type\":\"offer\",\"to\":\"p\",\"sdp\":\"v=0\",\"streams\":5}",
                "{\"type\":\"joined\",\"room\":\"r\",\"id\":\"p\",\"members\":[],\"sfu\":\"true\"}"}) {
            assertThatThrownBy(() -> codec.decode(json)).as(json).isInstanceOf(SignalingException.class)
                    .satisfies(e -> assertThat(((SignalingException) e).code()).isEqualTo(ErrorCode.BAD_MESSAGE));
        }
    }

    @Test
    void theStreamsMapCannotBeChangedThroughTheRecord() {
        Map<String, String> streams = streams();
        Offer offer = new Offer("p", null, "v=0", streams);
        streams.put("x", "y");
        assertThat(offer.streams()).hasSize(2);
        assertThatThrownBy(() -> offer.streams().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }
}
