package org.peerstack.signaling.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.peerstack.signaling.SignalingClient;
import org.peerstack.signaling.SignalingMessage.Joined;
import org.peerstack.signaling.SignalingMessage.Offer;
import org.peerstack.signaling.SignalingMessage.PeerJoined;

/**
 * Malformed input over a real connection: each is answered with the documented error, the
 * connection keeps working where the protocol says so, and other rooms are not disturbed.
 */
class MalformedInputTest {

    private static SignalingServer server;

    @BeforeAll
    static void startServer() {
        server = TestServers.start(Map.of("limits.max-message-bytes", "4096"));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "not json at all                                              | bad-message",
            "[1,2,3]                                                      | bad-message",
            "42                                                           | bad-message",
            "{\"room\":\"r\"}                                             | bad-message",
            "{\"type\":\"teleport\"}                                      | unknown-type",
            "{\"type\":17}                                                | unknown-type",
            "{\"type\":null}                                              | bad-message",
            "{\"type\":[\"ping\"]}                                        | bad-message",
            "{\"type\":{\"name\":\"ping\"}}                                | bad-message",
            "{\"type\":\"join\"}                                          | bad-message",
            "{\"type\":\"join\",\"room\":5}                               | bad-message",
            "{\"type\":\"join\",\"room\":[\"r\"]}                         | bad-message",
            "{\"type\":\"join\",\"room\":\"\"}                            | bad-message",
            "{\"type\":\"offer\",\"to\":\"x\"}                            | bad-message",
            "{\"type\":\"candidate\",\"to\":\"x\",\"candidate\":\"c\",\"sdpMLineIndex\":99999999999999999999} | bad-message",
            "{\"type\":\"candidate\",\"to\":\"x\",\"candidate\":\"c\",\"sdpMLineIndex\":1.5} | bad-message",
            "{\"type\":\"candidate\",\"to\":\"x\",\"candidate\":\"c\",\"sdpMLineIndex\":\"1\"} | bad-message",
            "{\"type\":\"message\",\"data\":1234567890123456789012345678901234567890} | bad-message",
            "{\"type\":\"ping\"} trailing                                 | bad-message",
            "{\"type\":\"ping\"                                           | bad-message",
            "{\"type\":\"joined\",\"room\":\"r\",\"id\":\"x\",\"members\":[]} | bad-message",
    })
    void malformedMessageIsAnsweredWithItsErrorAndTheConnectionKeepsWorking(String input, String code) throws Exception {
        try (RawSocket socket = RawSocket.connect(server.uri())) {
            socket.sendText(input);
            socket.nextError(code);
            socket.assertAlive();
        }
    }

    @Test
    void toNullIsABadMessageAndReachesNobody() throws Exception {
        try (RawSocket sender = RawSocket.connect(server.uri());
             RawSocket other = RawSocket.connect(server.uri())) {
            sender.sendText("{\"type\":\"join\",\"room\":\"to-null\"}");
            assertThat(sender.next().path("type").asText()).isEqualTo("joined");
            other.sendText("{\"type\":\"join\",\"room\":\"to-null\"}");
            assertThat(other.next().path("type").asText()).isEqualTo("joined");
            assertThat(sender.next().path("type").asText()).isEqualTo("peer-joined");
            sender.sendText("{\"type\":\"message\",\"to\":null,\"data\":\"for one peer only\"}");
            sender.sendText("{\"data\":\"for one peer only\",\"to\":null,\"type\":\"message\"}");
            assertThat(sender.nextError("bad-message").path("message").asText()).contains("'to' is null");
            sender.nextError("bad-message");
            sender.sendText("{\"type\":\"message\",\"data\":\"for everyone\"}");
            JsonNode received = other.next();
            assertThat(received.path("data").asText()).as("the first message the other member gets").isEqualTo("for everyone");
        }
    }

    @Test
    void numbersKeepTheirSpellingWhenTheServerWritesTheMessageAgain() throws Exception {
        try (RawSocket sender = RawSocket.connect(server.uri());
             RawSocket receiver = RawSocket.connect(server.uri())) {
            sender.sendText("{\"type\":\"join\",\"room\":\"numbers\"}");
            assertThat(sender.next().path("type").asText()).isEqualTo("joined");
            receiver.sendText("{\"type\":\"join\",\"room\":\"numbers\"}");
            assertThat(receiver.next().path("type").asText()).isEqualTo("joined");
            assertThat(sender.next().path("type").asText()).isEqualTo("peer-joined");
            String data = "[1e999999999,0.10,2E-3,-1.5e+7]";
            // a \\u escape (and a "from" of its own) make the server encode the message again
            String[] forms = {"{\"type\":\"message\",\"data\":{\"n\":" + data + ",\"s\":\"\\u0041\"}}",
                    "{\"type\":\"message\",\"from\":\"me\",\"data\":{\"n\":" + data + "}}",
                    "{\"data\":{\"n\":" + data + "},\"type\":\"message\",\"from\":\"me\"}",
                    "{\"type\":\"message\",\"data\":{\"n\":" + data + "}}"};
            for (String form : forms) {
                sender.sendText(form);
                String raw = receiver.nextText();
                assertThat(raw).as(form).contains("\"n\":" + data).doesNotContain("\"from\":\"me\"");
            }
        }
    }

    @Test
    void deepNestingIsRefusedBeforeItCostsStack() throws Exception {
        try (RawSocket socket = RawSocket.connect(server.uri())) {
            String nested = "[".repeat(1000) + "]".repeat(1000);
            socket.sendText("{\"type\":\"message\",\"data\":" + nested + "}");
            assertThat(socket.nextError("bad-message").path("message").asText()).contains("nesting");
            socket.assertAlive();
        }
    }

    @Test
    void textThatIsNotUtf8IsAnsweredThenClosedWith1007() throws Exception {
        // an overlong '/', a UTF-16 surrogate, a code point above U+10FFFF, a sequence cut short
        byte[][] broken = {{(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xE2, (byte) 0x82}};
        for (byte[] bad : broken) {
            java.io.ByteArrayOutputStream payload = new java.io.ByteArrayOutputStream();
            payload.writeBytes("{\"type\":\"join\",\"room\":\"".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            payload.writeBytes(bad);
            payload.writeBytes("\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            try (HandWrittenFrames socket = HandWrittenFrames.open(server.uri())) {
                // garbage right behind it, read together: no answer may follow the close frame (RFC 6455 5.5.1)
                socket.sendTexts(payload.toByteArray(), "not json".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                java.util.List<HandWrittenFrames.Frame> frames = socket.readUntilClose();
                assertThat(frames).hasSize(2);
                JsonNode error = RawSocket.JSON.readTree(frames.get(0).text());
                assertThat(error.path("code").asText()).isEqualTo("bad-message");
                assertThat(error.path("message").asText()).contains("UTF-8");
                assertThat(frames.get(1).opcode()).isEqualTo(0x8);
                assertThat(frames.get(1).closeCode()).isEqualTo(1007);
                assertThat(socket.serverClosed()).isTrue();
            }
        }
        // multi-byte UTF-8 (two and four bytes) is accepted
        try (HandWrittenFrames socket = HandWrittenFrames.open(server.uri())) {
            socket.sendText("{\"type\":\"ping\",\"é\":\"😀\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            HandWrittenFrames.Frame pong = socket.next();
            assertThat(RawSocket.JSON.readTree(pong.text()).path("type").asText()).isEqualTo("pong");
        }
    }

    @Test
    void binaryFrameIsAnsweredWithUnsupportedFrame() throws Exception {
        try (RawSocket socket = RawSocket.connect(server.uri())) {
            socket.sendBinary(new byte[] {1, 2, 3});
            socket.nextError("unsupported-frame");
            socket.assertAlive();
        }
    }

    @Test
    void oversizedMessageIsAnsweredAndClosedWith1009WhileOtherRoomsKeepWorking() throws Exception {
        try (SignalingClient alice = TestServers.client(server.uri());
             SignalingClient bob = TestServers.client(server.uri());
             RawSocket attacker = RawSocket.connect(server.uri())) {
            ClientRecorder aliceEvents = new ClientRecorder("alice", alice, false);
            alice.connect().get(20, TimeUnit.SECONDS);
            bob.connect().get(20, TimeUnit.SECONDS);
            String aliceId = alice.join("calm", null, null).get(20, TimeUnit.SECONDS).id();
            bob.join("calm", null, null).get(20, TimeUnit.SECONDS);
            aliceEvents.next(Joined.class);
            aliceEvents.next(PeerJoined.class);

            attacker.sendText("{\"type\":\"join\",\"room\":\"" + "x".repeat(5000) + "\"}");
            JsonNode error = attacker.nextError("message-too-large");
            assertThat(error.path("message").asText()).contains("4096");
            assertThat(attacker.awaitClose()).isEqualTo(1009);

            bob.send(new Offer(aliceId, null, "still relayed"));
            assertThat(aliceEvents.next(Offer.class).sdp()).isEqualTo("still relayed");
            aliceEvents.assertExhausted();
        }
    }

    @Test
    void floodFromOneConnectionIsRateLimitedWhileAnotherRoomIsServed() throws Exception {
        try (SignalingServer limited = TestServers.start(Map.of("limits.max-messages-per-second", "20",
                "limits.message-burst", "0"));
             SignalingClient alice = TestServers.client(limited.uri());
             SignalingClient bob = TestServers.client(limited.uri());
             RawSocket flooder = RawSocket.connect(limited.uri())) {
            ClientRecorder aliceEvents = new ClientRecorder("alice", alice, false);
            alice.connect().get(20, TimeUnit.SECONDS);
            bob.connect().get(20, TimeUnit.SECONDS);
            String aliceId = alice.join("calm", null, null).get(20, TimeUnit.SECONDS).id();
            bob.join("calm", null, null).get(20, TimeUnit.SECONDS);
            aliceEvents.next(Joined.class);
            aliceEvents.next(PeerJoined.class);

            for (int i = 0; i < 500; i++) {
                flooder.sendText("{\"type\":\"ping\"}");
            }
            int pongs = 0;
            boolean limitedSeen = false;
            while (!limitedSeen) {
                JsonNode next = flooder.next();
                if (next.path("type").asText().equals("pong")) {
                    pongs++;
                } else {
                    assertThat(next.path("code").asText()).isEqualTo("rate-limited");
                    limitedSeen = true;
                }
            }
            assertThat(pongs).isLessThan(500);
            bob.send(new Offer(aliceId, null, "during the flood"));
            assertThat(aliceEvents.next(Offer.class).sdp()).isEqualTo("during the flood");
            aliceEvents.assertExhausted();
        }
    }
}
