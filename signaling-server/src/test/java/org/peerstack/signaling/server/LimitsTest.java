package org.peerstack.signaling.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.http.WebSocketHandshakeException;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.peerstack.exc.SignalingException;
import org.peerstack.exc.ErrorCode;
import org.peerstack.signaling.SignalingClient;

/** Every configured limit, exceeded against a real server: a clear error, a close code where due. */
class LimitsTest {

    @Test
    void joiningAFullRoomFailsWithRoomFull() throws Exception {
        try (SignalingServer server = TestServers.start(Map.of("limits.max-members-per-room", "2"));
             SignalingClient a = TestServers.client(server.uri());
             SignalingClient b = TestServers.client(server.uri());
             SignalingClient c = TestServers.client(server.uri())) {
            for (SignalingClient client : new SignalingClient[] {a, b, c}) {
                client.connect().get(20, TimeUnit.SECONDS);
            }
            a.join("pair", null, null).get(20, TimeUnit.SECONDS);
            b.join("pair", null, null).get(20, TimeUnit.SECONDS);
            assertThatThrownBy(() -> c.join("pair", null, null).get(20, TimeUnit.SECONDS)).cause()
                    .isInstanceOf(SignalingException.class)
                    .satisfies(e -> assertThat(((SignalingException) e).code()).isEqualTo(ErrorCode.ROOM_FULL));
            assertThat(c.join("other", null, null).get(20, TimeUnit.SECONDS).members()).isEmpty();
        }
    }

    @Test
    void creatingARoomBeyondMaxRoomsFailsUntilOneIsEmptied() throws Exception {
        try (SignalingServer server = TestServers.start(Map.of("limits.max-rooms", "1"));
             SignalingClient a = TestServers.client(server.uri());
             SignalingClient b = TestServers.client(server.uri())) {
            a.connect().get(20, TimeUnit.SECONDS);
            b.connect().get(20, TimeUnit.SECONDS);
            a.join("first", null, null).get(20, TimeUnit.SECONDS);
            assertThatThrownBy(() -> b.join("second", null, null).get(20, TimeUnit.SECONDS)).cause()
                    .satisfies(e -> assertThat(((SignalingException) e).code()).isEqualTo(ErrorCode.TOO_MANY_ROOMS));
            a.leave().get(20, TimeUnit.SECONDS);
            assertThat(b.join("second", null, null).get(20, TimeUnit.SECONDS).room()).isEqualTo("second");
            assertThat(server.roomCount()).isEqualTo(1);
        }
    }

    @Test
    void connectionsBeyondMaxConnectionsGetHttp503() throws Exception {
        try (SignalingServer server = TestServers.start(Map.of("limits.max-connections", "3",
                "connections.max-unjoined", "2"));
             RawSocket first = RawSocket.connect(server.uri());
             RawSocket second = RawSocket.connect(server.uri())) {
            first.sendText("{\"type\":\"join\",\"room\":\"a\"}");
            assertThat(first.next().path("type").asText()).isEqualTo("joined");
            second.sendText("{\"type\":\"join\",\"room\":\"b\"}");
            assertThat(second.next().path("type").asText()).isEqualTo("joined");
            try (RawSocket third = RawSocket.connect(server.uri())) {
                assertThatThrownBy(() -> RawSocket.connect(server.uri()))
                        .isInstanceOf(CompletionException.class)
                        .cause().isInstanceOf(WebSocketHandshakeException.class)
                        .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode()).isEqualTo(503));
                first.assertAlive();
                second.assertAlive();
                third.assertAlive();
            }
            TestServers.await("a slot is free again", () -> {
                try (RawSocket fourth = RawSocket.connect(server.uri())) {
                    return true;
                } catch (CompletionException e) {
                    return false;
                }
            });
        }
    }

    @Test
    void silentConnectionGetsIdleTimeoutAndClose1001() throws Exception {
        try (SignalingServer server = TestServers.start(Map.of("limits.idle-timeout-ms", "300"));
             RawSocket socket = RawSocket.connect(server.uri())) {
            socket.nextError("idle-timeout");
            assertThat(socket.awaitClose()).isEqualTo(1001);
        }
    }

    @Test
    void clientKeepalivePingFramesKeepAnIdleMemberPastTheIdleTimeout() throws Exception {
        try (SignalingServer server = TestServers.start(Map.of("limits.idle-timeout-ms", "600"));
             SignalingClient client = SignalingClient.create(TestServers.options(server.uri())
                     .keepaliveInterval(java.time.Duration.ofMillis(100)).build());
             RawSocket silent = RawSocket.connect(server.uri())) {
            ClientRecorder events = new ClientRecorder("client", client, false);
            client.connect().get(20, TimeUnit.SECONDS);
            client.join("quiet", null, null).get(20, TimeUnit.SECONDS);
            events.next(org.peerstack.signaling.SignalingMessage.Joined.class);
            // the silent raw socket is closed for idleness; by then the client has been idle as long
            silent.nextError("idle-timeout");
            assertThat(silent.awaitClose()).isEqualTo(1001);
            Thread.sleep(1200);
            assertThat(client.state()).isEqualTo(SignalingClient.State.OPEN);
            assertThat(client.room()).hasValue("quiet");
            events.assertExhausted();
        }
    }

    @Test
    void aFrameDrippedByteByByteDoesNotKeepTheConnectionPastTheIdleTimeout() throws Exception {
        try (SignalingServer server = TestServers.start(Map.of("limits.idle-timeout-ms", "1500"));
             HandWrittenFrames client = HandWrittenFrames.open(server.uri())) {
            client.sendText("{\"type\":\"ping\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertThat(client.next().text()).contains("pong");
            long lastFrame = System.nanoTime();
            // a masked text frame announcing 100 bytes, then one byte of it every 200 ms (never complete)
            client.sendRaw(new byte[] {(byte) 0x81, (byte) (0x80 | 100), 1, 2, 3, 4});
            Thread dripper = new Thread(() -> {
                try {
                    for (int i = 0; i < 99 && !Thread.currentThread().isInterrupted(); i++) {
                        Thread.sleep(200);
                        client.sendRaw(new byte[] {'x' ^ 1});
                    }
                } catch (IOException | InterruptedException e) {
                    // the server has closed the connection
                }
            }, "dripper");
            dripper.start();
            try {
                HandWrittenFrames.Frame error = client.next();
                long idle = (System.nanoTime() - lastFrame) / 1_000_000;
                assertThat(error.text()).contains("idle-timeout");
                assertThat(idle).as("ms from the last whole frame to the error").isBetween(1400L, 4000L);
                HandWrittenFrames.Frame close = client.next();
                assertThat(close.opcode()).isEqualTo(0x8);
                assertThat(close.closeCode()).isEqualTo(1001);
            } finally {
                dripper.interrupt();
                dripper.join(5_000);
            }
        }
    }

    @Test
    void tcpConnectionThatNeverUpgradesIsClosedAfterTheHandshakeTimeout() throws Exception {
        try (SignalingServer server = TestServers.start(Map.of("limits.handshake-timeout-ms", "300"));
             Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(20_000);
            InputStream in = socket.getInputStream();
            assertThat(in.read()).as("end of stream: the server closed the connection").isEqualTo(-1);
        }
    }

    @Test
    void tooLongRoomAndDisplayNamesAreBadMessages() throws Exception {
        try (SignalingServer server = TestServers.start(Map.of("limits.max-room-name-length", "8",
                "limits.max-display-name-length", "4"));
             RawSocket socket = RawSocket.connect(server.uri())) {
            socket.sendText("{\"type\":\"join\",\"room\":\"123456789\"}");
            assertThat(socket.nextError("bad-message").path("ref").asText()).isEqualTo("join");
            socket.sendText("{\"type\":\"join\",\"room\":\"r\",\"name\":\"abcde\"}");
            socket.nextError("bad-message");
            socket.sendText("{\"type\":\"join\",\"room\":\"r\",\"name\":\"abcd\"}");
            assertThat(socket.next().path("type").asText()).isEqualTo("joined");
        }
    }

    @Test
    void slowReceiverIsClosedWithSlowConsumerInsteadOfGrowingTheHeap() throws Exception {
        try (SignalingServer server = TestServers.start(Map.of("limits.max-outbound-buffer-bytes", "65536",
                "limits.max-message-bytes", "16384", "limits.max-messages-per-second", "100000"));
             SignalingClient sender = TestServers.client(server.uri())) {
            // a receiver that never reads: a raw TCP socket that upgrades and then stops reading
            try (Socket receiver = new Socket("127.0.0.1", server.port())) {
                receiver.setReceiveBufferSize(4096);
                String key = java.util.Base64.getEncoder().encodeToString(new byte[16]);
                receiver.getOutputStream().write(("GET /signaling HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n"
                        + "Connection: Upgrade\r\nSec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n")
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                receiver.setSoTimeout(20_000);
                byte[] response = new byte[4096];
                int read = receiver.getInputStream().read(response);
                assertThat(new String(response, 0, Math.max(read, 0), java.nio.charset.StandardCharsets.US_ASCII))
                        .startsWith("HTTP/1.1 101");
                byte[] join = "{\"type\":\"join\",\"room\":\"slow\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
                receiver.getOutputStream().write(maskedTextFrame(join));
                TestServers.await("receiver joined", () -> server.roomCount() == 1);

                ClientRecorder events = new ClientRecorder("sender", sender, false);
                sender.connect().get(20, TimeUnit.SECONDS);
                String receiverId = sender.join("slow", null, null).get(20, TimeUnit.SECONDS).members().get(0).id();
                events.next(org.peerstack.signaling.SignalingMessage.Joined.class);
                String sdp = "x".repeat(10_000);
                // 2000 x 10 kB = 20 MB, far beyond socket buffers + the 64 kB outbound limit
                for (int i = 0; i < 2000 && server.roomCount() == 1; i++) {
                    sender.send(new org.peerstack.signaling.SignalingMessage.Offer(receiverId, null, sdp))
                            .get(20, TimeUnit.SECONDS);
                    if (events.hasPending()) {
                        break;
                    }
                }
                assertThat(events.nextOf(org.peerstack.signaling.SignalingMessage.PeerLeft.class).id())
                        .isEqualTo(receiverId);
            }
        }
    }

    static byte[] maskedTextFrame(byte[] payload) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(0x81);
        out.write(0x80 | payload.length);
        byte[] mask = {1, 2, 3, 4};
        out.writeBytes(mask);
        for (int i = 0; i < payload.length; i++) {
            out.write(payload[i] ^ mask[i % 4]);
        }
        return out.toByteArray();
    }
}
