package org.peerstack.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.StreamReadConstraints;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.peerstack.signaling.SignalingMessage.Candidate;

/**
 * {@link FlatRelayedScanner} reads only what it is sure of, and then exactly what data binding reads;
 * everything else it leaves to the parser (null).
 */
class FlatRelayedScannerTest {

    private static final StreamReadConstraints LIMITS = SignalingCodec.defaultConstraints(SignalingCodec.DEFAULT_MAX_STRING_LENGTH);
    private final SignalingCodec codec = SignalingCodec.defaults();

    private static SignalingMessage scan(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        Object answer = FlatRelayedScanner.read(LIMITS, bytes, 0, bytes.length);
        return answer instanceof SignalingMessage message ? message : null;
    }

    @Test
    void readsTheBenchmarksCandidateInPlace() {
        String json = "{\"type\":\"candidate\",\"to\":\"p12\",\"candidate\":\"candidate:842163049 1 udp 1677729535 192.0.2.10"
                + " 61482 typ srflx raddr 0.0.0.0 rport 0\",\"sdpMid\":\"0\",\"sdpMLineIndex\":0,\"usernameFragment\":\"t123\"}  \n";
        assertThat(scan(json)).isEqualTo(new Candidate("p12", null,
                "candidate:842163049 1 udp 1677729535 192.0.2.10 61482 typ srflx raddr 0.0.0.0 rport 0", "0", 0, "t123"));
        assertThat(scan(" { \"sdpMLineIndex\" : 123456789 , \"candidate\":\"\",\"to\":\"p\",\"type\":\"candidate\",\"sdpMid\":null,"
                + "\"x\":-0.5e3}")).isNull();
        assertThat(scan("{\"sdpMLineIndex\":123456789,\"candidate\":\"\",\"to\":\"p\",\"type\":\"candidate\",\"sdpMid\":null,"
                + "\"x\":true,\"y\":false,\"z\":null,\"w\":7,\"v\":\"s\"}"))
                .isEqualTo(new Candidate("p", null, "", null, 123456789, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"type\":\"bye\",\"to\":\"p\\u0031\"}", // an escape
            "{\"type\":\"bye\",\"to\":\"p\u00e9\"}", // not ASCII
            "{\"type\":\"bye\",\"to\":\"p\u0001\"}", // a control character
            "{\"type\":\"bye\",\"to\":\"p\",\"x\":{}}", // nested
            "{\"type\":\"bye\",\"to\":\"p\",\"x\":[]}",
            "{\"type\":\"candidate\",\"to\":\"p\",\"candidate\":\"c\",\"sdpMLineIndex\":1234567890}", // 10 digits
            "{\"type\":\"candidate\",\"to\":\"p\",\"candidate\":\"c\",\"sdpMLineIndex\":01}",
            "{\"type\":\"candidate\",\"to\":\"p\",\"candidate\":\"c\",\"sdpMLineIndex\":-1}",
            "{\"type\":\"candidate\",\"to\":\"p\",\"candidate\":\"c\",\"sdpMLineIndex\":1.0}",
            "{\"type\":\"candidate\",\"to\":\"p\",\"candidate\":\"c\",\"sdpMLineIndex\":\"1\"}",
            "{\"type\":\"candidate\",\"to\":\"p\",\"candidate\":5}",
            "{\"type\":\"candidate\",\"to\":\"p\",\"candidate\":true}",
            "{\"type\":\"offer\",\"to\":\"p\",\"sdp\":\"s\",\"candidate\":\"c\"}", // a member of another type
            "{\"type\":\"offer\",\"to\":\"p\",\"sdp\":\"s\",\"streams\":null}",
            "{\"type\":\"message\",\"to\":\"p\",\"data\":1}",
            "{\"type\":\"join\",\"room\":\"r\"}",
            "{\"type\":null,\"to\":\"p\"}",
            "{\"type\":\"bye\"}", // required member missing
            "{\"type\":\"bye\",\"to\":null}",
            "{\"type\":\"bye\",\"to\":\"p\",\"to\":\"q\"}", // repeated
            "{\"type\":\"bye\",\"to\":\"p\",\"x\":1,\"x\":1}",
            "{\"type\":\"bye\",\"to\":\"p\",\"a\":1,\"b\":1,\"c\":1,\"d\":1,\"e\":1,\"f\":1,\"g\":1,\"h\":1,\"i\":1}",
            "{\"type\":\"bye\",\"to\":\"p\"}x", // trailing data
            "{\"type\":\"bye\",\"to\":\"p\"}{}",
            "{\"type\":\"bye\",\"to\":\"p\",}",
            "{\"type\":\"bye\",\"to\":\"p\"",
            "{\"type\":\"bye\" \"to\":\"p\"}",
            "{\"type\":\"bye\",\"to\":\"p\",\"x\":nul}",
            "{\"type\":\"bye\",\"to\":\"p\",\"x\":truex}",
            "{}",
            "[]"})
    void leavesEverythingElseToTheParser(String json) {
        assertThat(scan(json)).as(json).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"type\":\"message\",\"to\":\"p\",\"data\":{\"a\":1,\"a\":2}}",
            "{\"type\":\"bye\",\"to\":\"p\",\"x\":[{\"a\":1}]}",
            "{\"type\":\"offer\",\"to\":\"p\",\"sdp\":\"s\",\"streams\":{\"m\":\"a\"}}"})
    void sendsNestedValuesStraightToTheCheckingParser(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        assertThat(FlatRelayedScanner.read(LIMITS, bytes, 0, bytes.length)).as(json).isSameAs(FlatRelayedScanner.NESTED);
    }

    @Test
    void answersExactlyWhatDataBindingAnswersOnMutatedMessages() throws Exception {
        String[] seeds = {
                "{\"type\":\"candidate\",\"to\":\"p1\",\"candidate\":\"candidate:1 1 udp 2 10.0.0.1 5 typ host\","
                        + "\"sdpMid\":\"0\",\"sdpMLineIndex\":0,\"usernameFragment\":\"u\"}",
                "{\"sdp\":\"v=0 o=- 1 2 IN IP4 0.0.0.0\",\"to\":\"p1\",\"type\":\"answer\",\"from\":\"p0\"}",
                "{\"type\":\"offer\",\"to\":\"p1\",\"sdp\":\"s\",\"x\":12,\"y\":null}",
                " {\"type\":\"bye\",\"to\":\"p1\",\"future\":true} \n"};
        String alphabet = "{}[]\",:0123456789.-+eE truefalsnul\\typeofrsdpcanidtMLIx\u00e9\t";
        JsonMutator mutator = new JsonMutator(new SplittableRandom(20261206), alphabet);
        int scanned = 0;
        int inputs = 0;
        for (String seed : seeds) {
            for (int run = 0; run < 5000; run++) {
                String text = mutator.mutate(seed, run);
                byte[] json = text.getBytes(StandardCharsets.UTF_8);
                inputs++;
                Object answer = FlatRelayedScanner.read(LIMITS, json, 0, json.length);
                if (answer instanceof SignalingMessage plain) {
                    scanned++;
                    assertThat(codec.decodeWithDataBinding(json)).as(text).isEqualTo(plain);
                }
            }
        }
        assertThat(scanned).as("of %d inputs", inputs).isGreaterThan(inputs / 10);
    }
}
