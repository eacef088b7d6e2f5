package org.peerstack.signaling.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A receiver that stops reading while a sender floods it: the server drops the backlog, the receiver
 * (reading again, slowly) gets what the socket held, then the error {@code slow-consumer} and the close
 * 1008; every message that did not reach it is counted in {@code signaling_messages_dropped_total}.
 */
class SlowConsumerTest {

    private static final String DROPPED = "signaling_messages_dropped_total{reason=\"slow-consumer\"}";
    private static final int OFFERS = 1500;

    private static double errors(SignalingServer server) {
        try {
            return TestServers.metric(server, "signaling_errors_total{code=\"slow-consumer\"}");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aSlowReceiverGetsTheErrorAndTheCloseAfterItsBacklogIsDroppedAndEveryDropIsCounted() throws Exception {
        try (NettyLeaks leaks = new NettyLeaks()) {
            try (SignalingServer server = TestServers.start(Map.of("limits.max-outbound-buffer-bytes", "65536",
                    "limits.max-message-bytes", "16384", "limits.max-messages-per-second", "100000",
                    "limits.message-burst", "100000"));
                 HandWrittenFrames receiver = HandWrittenFrames.open(server.uri(), null, 4096);
                 RawSocket sender = RawSocket.connect(server.uri())) {
                receiver.sendText("{\"type\":\"join\",\"room\":\"slow\"}".getBytes(StandardCharsets.UTF_8));
                JsonNode joined = RawSocket.JSON.readTree(receiver.next().text());
                String receiverId = joined.path("id").asText();
                sender.sendText("{\"type\":\"join\",\"room\":\"slow\"}");
                assertThat(sender.next().path("type").asText()).isEqualTo("joined");

                // the receiver reads nothing until the server has given up on it, then reads again, slowly
                java.util.concurrent.CompletableFuture<List<HandWrittenFrames.Frame>> reading =
                        java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                            try {
                                TestServers.await("the slow-consumer error", () -> errors(server) == 1);
                                List<HandWrittenFrames.Frame> all = new java.util.ArrayList<>();
                                for (HandWrittenFrames.Frame f = receiver.next(); f != null; f = receiver.next()) {
                                    all.add(f);
                                    if (f.opcode() == 0x8) {
                                        break;
                                    }
                                    if (all.size() % 20 == 0) {
                                        Thread.sleep(1);
                                    }
                                }
                                return all;
                            } catch (Exception e) {
                                throw new java.util.concurrent.CompletionException(e);
                            }
                        });
                // 1500 x 10 kB = 15 MB, beyond socket buffers and the 64 kB queue
                String offer = "{\"type\":\"offer\",\"to\":\"" + receiverId + "\",\"sdp\":\"" + "x".repeat(10_000) + "\"}";
                for (int i = 0; i < OFFERS; i++) {
                    sender.sendText(offer);
                }
                // every offer has been handled (in order) before the pong; those after the receiver's close
                // are answered with unknown-peer
                sender.sendText("{\"type\":\"ping\"}");
                int unknownPeer = 0;
                for (JsonNode reply = sender.next(); !reply.path("type").asText().equals("pong"); reply = sender.next()) {
                    if (reply.path("type").asText().equals("peer-left")) {
                        assertThat(reply.path("id").asText()).isEqualTo(receiverId);
                        continue;
                    }
                    assertThat(reply.path("code").asText()).as(reply.toString()).isEqualTo("unknown-peer");
                    unknownPeer++;
                }

                List<HandWrittenFrames.Frame> frames = reading.get(60, java.util.concurrent.TimeUnit.SECONDS);
                HandWrittenFrames.Frame close = frames.get(frames.size() - 1);
                HandWrittenFrames.Frame error = frames.get(frames.size() - 2);
                assertThat(close.opcode()).isEqualTo(0x8);
                assertThat(close.closeCode()).isEqualTo(1008);
                JsonNode errorMessage = RawSocket.JSON.readTree(error.text());
                assertThat(errorMessage.path("code").asText()).as(error.text()).isEqualTo("slow-consumer");
                long offersReceived = frames.stream().filter(f -> f.opcode() == 0x1 && f.text().contains("\"offer\"")).count();
                assertThat(frames.get(0).text()).contains("peer-joined");
                assertThat(offersReceived).as("offers between peer-joined and the error").isEqualTo(frames.size() - 3);
                assertThat(offersReceived).isLessThan(OFFERS);
                assertThat(receiver.serverClosed()).isTrue();

                TestServers.await("the receiver has left the room", () -> server.roomCount() == 1 && server.websocketCount() == 1);
                double dropped = TestServers.metric(server, DROPPED);
                double afterClose = TestServers.metric(server, "signaling_messages_dropped_total{reason=\"receiver-closed\"}");
                assertThat(dropped).as("the backlog and what followed").isGreaterThan(0);
                assertThat(dropped + afterClose).as("each offer relayed to it but not delivered")
                        .isEqualTo((double) (OFFERS - unknownPeer - offersReceived));
                assertThat(errors(server)).isEqualTo(1.0);
                sender.assertAlive();
            }
            leaks.assertNoLeaks();
        }
    }
}
