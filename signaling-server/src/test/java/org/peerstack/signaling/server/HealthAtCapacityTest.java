package org.peerstack.signaling.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * /healthz and /metrics answer while the server is at its connection cap (the admin reserve), every
 * other request on a reserve connection gets 503, and the reserve itself is bounded.
 */
class HealthAtCapacityTest {

    /** One request on a connection of its own from {@code from}; the status line, or "closed" if closed without one. */
    private static String get(SignalingServer server, int from, String path) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(ConnectionLimitsTest.local(from), 0));
            socket.connect(new InetSocketAddress("127.0.0.1", server.port()));
            socket.setSoTimeout(10_000); // a reserve connection is closed after one answer
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return response.isEmpty() ? "closed" : response.lines().findFirst().orElse("closed");
        } catch (java.net.SocketTimeoutException e) {
            String state;
            try {
                state = "connections=" + TestServers.metric(server, "signaling_connections") + " unjoined="
                        + TestServers.metric(server, "signaling_connections_unjoined") + " websockets="
                        + TestServers.metric(server, "signaling_websockets");
            } catch (Exception f) {
                state = f.toString();
            }
            StringBuilder threads = new StringBuilder();
            Thread.getAllStackTraces().forEach((t, stack) -> {
                if (t.getName().startsWith("signaling-")) {
                    threads.append("\n").append(t.getName()).append(' ').append(t.getState());
                    for (int k = 0; k < Math.min(8, stack.length); k++) {
                        threads.append("\n    at ").append(stack[k]);
                    }
                }
            });
            throw new AssertionError("no answer to " + path + " from 127.0.0." + from + " within 10 s; " + state + threads, e);
        } catch (java.net.SocketException e) {
            return "closed";
        }
    }

    @Test
    void healthAndMetricsAnswerAtTheConnectionCapAndNothingElseDoes() throws Exception {
        try (SignalingServer server = TestServers.start(Map.of("limits.max-connections", "20",
                "connections.max-unjoined", "10", "connections.admin-reserve", "3",
                // the unjoined connections below must hold their slots for the whole test
                "connections.join-timeout-ms", "120000", "limits.idle-timeout-ms", "120000",
                "limits.handshake-timeout-ms", "120000"))) {
            List<HandWrittenFrames> members = new ArrayList<>();
            List<HandWrittenFrames> unjoined = new ArrayList<>();
            try {
                for (int i = 0; i < 10; i++) {
                    HandWrittenFrames member = HandWrittenFrames.open(server.uri(), ConnectionLimitsTest.local(20 + i), 0);
                    member.sendText("{\"type\":\"join\",\"room\":\"full\"}".getBytes(StandardCharsets.UTF_8));
                    assertThat(member.next().text()).contains("joined");
                    members.add(member);
                }
                // 10 WebSockets that do not join: each upgrade (101) proves the connection took a slot of the
                // caps, not of the admin reserve, so the server is now exactly at max-connections
                for (int i = 0; i < 10; i++) {
                    unjoined.add(HandWrittenFrames.open(server.uri(), ConnectionLimitsTest.local(40 + i), 0));
                }
                for (int i = 0; i < 25; i++) {
                    assertThat(get(server, 60 + i, "/healthz")).as("healthz #%d", i).isEqualTo("HTTP/1.1 200 OK");
                    assertThat(get(server, 60 + i, "/metrics")).as("metrics #%d", i).isEqualTo("HTTP/1.1 200 OK");
                }
                assertThat(get(server, 90, "/signaling")).isEqualTo("HTTP/1.1 503 Service Unavailable");
                assertThat(get(server, 90, "/index.html")).isEqualTo("HTTP/1.1 503 Service Unavailable");

                // the reserve is bounded: silent connections take it one by one (each checked before the next),
                // the 4th is closed at once, and so is a health check then
                List<Socket> reserve = new ArrayList<>();
                try {
                    boolean refused = false;
                    for (int i = 0; i < 10 && !refused; i++) {
                        Socket socket = new Socket();
                        socket.bind(new InetSocketAddress(ConnectionLimitsTest.local(100 + i), 0));
                        socket.connect(new InetSocketAddress("127.0.0.1", server.port()));
                        socket.setSoTimeout(500);
                        try {
                            refused = socket.getInputStream().read() == -1;
                        } catch (java.net.SocketTimeoutException held) {
                            // admitted to the reserve: nothing to read
                        } catch (java.net.SocketException reset) {
                            refused = true;
                        }
                        reserve.add(socket);
                    }
                    assertThat(refused).isTrue();
                    assertThat(reserve).as("3 held, the 4th closed").hasSize(4);
                    assertThat(get(server, 110, "/healthz")).isEqualTo("closed");
                } finally {
                    for (Socket socket : reserve) {
                        socket.close();
                    }
                }
                TestServers.await("healthz answers again", () -> {
                    try {
                        return get(server, 111, "/healthz").equals("HTTP/1.1 200 OK");
                    } catch (IOException e) {
                        return false;
                    }
                });
            } finally {
                for (HandWrittenFrames member : members) {
                    member.close();
                }
                for (HandWrittenFrames client : unjoined) {
                    client.close();
                }
            }
        }
    }
}
