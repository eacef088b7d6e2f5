package org.peerstack.signaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.peerstack.exc.ErrorCode;
import org.peerstack.exc.SignalingException;

/**
 * A member name repeated in one object is a bad message at every level (docs/signaling-protocol.md),
 * also on the relayed messages' first pass, where {@link RelayedReader} checks the names itself instead
 * of the parser: known members by a bit each, unknown ones in a short list, nested objects by a second,
 * checked pass. Names are compared after their escapes are decoded, as a receiver's JSON.parse does.
 */
class RepeatedNamesTest {

    private final SignalingCodec codec = SignalingCodec.defaults();

    @ParameterizedTest
    @ValueSource(strings = {
            // known members at the top level, in every relayed type
            "{\"type\":\"candidate\",\"to\":\"p1\",\"candidate\":\"c\",\"candidate\":\"d\"}",
            "{\"type\":\"candidate\",\"to\":\"p1\",\"candidate\":\"c\",\"sdpMid\":\"0\",\"sdpMid\":\"1\"}",
            "{\"type\":\"candidate\",\"to\":\"p1\",\"candidate\":\"c\",\"sdpMLineIndex\":0,\"sdpMLineIndex\":1}",
            "{\"type\":\"candidate\",\"to\":\"p1\",\"candidate\":\"c\",\"usernameFragment\":\"u\",\"usernameFragment\":\"v\"}",
            "{\"type\":\"offer\",\"to\":\"p1\",\"sdp\":\"s\",\"sdp\":\"t\"}",
            "{\"type\":\"answer\",\"to\":\"p1\",\"from\":\"p0\",\"sdp\":\"s\",\"from\":\"p2\"}",
            "{\"type\":\"bye\",\"to\":\"p1\",\"type\":\"bye\"}",
            "{\"type\":\"bye\",\"to\":\"p1\",\"to\":\"p1\"}",
            "{\"type\":\"message\",\"to\":\"p1\",\"data\":1,\"data\":2}",
            // a member this version does not know, scalar values only
            "{\"type\":\"bye\",\"to\":\"p1\",\"x\":1,\"x\":2}",
            "{\"type\":\"bye\",\"x\":1,\"to\":\"p1\",\"y\":true,\"z\":null,\"y\":false}",
            // more unknown members than the first pass lists: the checked pass finds the repeat
            "{\"type\":\"bye\",\"to\":\"p1\",\"a\":1,\"b\":1,\"c\":1,\"d\":1,\"e\":1,\"f\":1,\"g\":1,\"h\":1,\"i\":1,\"a\":1}",
            // escapes in names: the decoded names repeat
            "{\"type\":\"bye\",\"to\":\"p1\",\"t\\u006f\":\"p2\"}",
            "{\"\\u0074ype\":\"bye\",\"to\":\"p1\",\"type\":\"offer\"}",
            "{\"type\":\"bye\",\"to\":\"p1\",\"n\\u00e9\":1,\"né\":2}",
            "{\"type\":\"candidate\",\"to\":\"p1\",\"candidate\":\"c\",\"candid\\u0061te\":\"d\"}",
            // nested: in data, in arrays of objects, in an unknown member, in an offer's streams
            "{\"type\":\"message\",\"to\":\"p1\",\"data\":{\"a\":1,\"a\":2}}",
            "{\"type\":\"message\",\"to\":\"p1\",\"data\":{\"o\":{\"k\":{\"a\":1,\"\\u0061\":2}}}}",
            "{\"type\":\"message\",\"to\":\"p1\",\"data\":[1,{\"a\":1},{\"b\":1,\"b\":2}]}",
            "{\"type\":\"message\",\"to\":\"p1\",\"data\":[[{\"a\":[{\"c\":1,\"c\":1}]}]]}",
            "{\"type\":\"bye\",\"to\":\"p1\",\"future\":{\"a\":1,\"a\":2}}",
            "{\"type\":\"candidate\",\"to\":\"p1\",\"candidate\":\"c\",\"future\":[{\"a\":1,\"a\":2}]}",
            "{\"type\":\"offer\",\"to\":\"p1\",\"sdp\":\"s\",\"streams\":{\"m\":\"a\",\"m\":\"b\"}}",
            // a nested object first, a repeated top-level name after it
            "{\"type\":\"message\",\"data\":{\"a\":1},\"to\":\"p1\",\"to\":\"p2\"}"})
    void isABadMessageOnEveryPath(String json) {
        assertThatThrownBy(() -> codec.decode(json)).as(json).isInstanceOf(SignalingException.class)
                .hasMessageContaining("Duplicate")
                .satisfies(e -> assertThat(((SignalingException) e).code()).isEqualTo(ErrorCode.BAD_MESSAGE));
        assertThat(codec.decodeWithRelayedReader(json.getBytes(StandardCharsets.UTF_8))).as(json).isNull();
    }

    /** Repeated and also wrong in another way that data binding sees first: a bad message all the same. */
    @ParameterizedTest
    @ValueSource(strings = {
            "{\"type\":\"message\",\"to\":null,\"to\":null,\"data\":1}",
            "{\"type\":\"offer\",\"to\":\"p1\",\"sdp\":\"s\",\"streams\":1,\"streams\":2}"})
    void isABadMessageWhenAlsoWrongOtherwise(String json) {
        assertThatThrownBy(() -> codec.decode(json)).as(json).isInstanceOf(SignalingException.class)
                .satisfies(e -> assertThat(((SignalingException) e).code()).isEqualTo(ErrorCode.BAD_MESSAGE));
        assertThat(codec.decodeWithRelayedReader(json.getBytes(StandardCharsets.UTF_8))).as(json).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"type\":\"candidate\",\"to\":\"p1\",\"candidate\":\"c\",\"sdpMid\":\"0\",\"sdpMLineIndex\":0,\"usernameFragment\":\"u\",\"from\":\"p0\"}",
            "{\"type\":\"bye\",\"to\":\"p1\",\"a\":1,\"b\":1,\"c\":1,\"d\":1,\"e\":1,\"f\":1,\"g\":1,\"h\":1}",
            "{\"type\":\"bye\",\"to\":\"p1\",\"a\":1,\"b\":1,\"c\":1,\"d\":1,\"e\":1,\"f\":1,\"g\":1,\"h\":1,\"i\":{\"i\":1}}",
            "{\"type\":\"bye\",\"to\":\"p1\",\"To\":\"p2\",\"tó\":\"p3\",\"t\\u006f0\":1}",
            "{\"type\":\"message\",\"to\":\"p1\",\"data\":[{\"a\":1},{\"a\":2}],\"x\":{\"data\":{\"a\":3}}}",
            "{\"type\":\"message\",\"to\":\"p1\",\"data\":{\"a\":{\"a\":{\"a\":1}},\"b\":[{\"a\":1}]}}",
            "{\"type\":\"message\",\"to\":\"p1\",\"data\":\"s\",\"x\":[1,2,1]}"})
    void distinctNamesAreAcceptedAndReadAsDataBindingReadsThem(String json) throws Exception {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        SignalingMessage relayed = codec.decodeWithRelayedReader(bytes);
        assertThat(relayed).as(json).isNotNull().isEqualTo(codec.decodeWithDataBinding(bytes));
        assertThat(codec.decode(json)).as(json).isEqualTo(relayed);
    }
}
