package org.peerstack.signaling.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Per-address limits (IPv4 from several 127.0.0.0/8 source addresses, IPv6 on ::1, and the address a
 * trusted proxy forwards), the cap on connections that have not joined, and the join timeout, against
 * a real server: a refused connection is closed at once, and nobody else is disturbed.
 */
class ConnectionLimitsTest {

    static InetAddress local(int last) throws IOException {
        return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) last});
    }

    private static SignalingServer start(String... keyValues) {
        Map<String, String> keys = new HashMap<>();
        keys.put("limits.handshake-timeout-ms", "20000");
        for (int i = 0; i < keyValues.length; i += 2) {
            keys.put(keyValues[i], keyValues[i + 1]);
        }
        return TestServers.start(keys);
    }

    private static HandWrittenFrames member(URI uri, InetAddress from, String room) throws IOException {
        HandWrittenFrames client = HandWrittenFrames.open(uri, from, 0);
        client.sendText(("{\"type\":\"join\",\"room\":\"" + room + "\"}").getBytes(StandardCharsets.UTF_8));
        assertThat(client.next().text()).contains("\"joined\"");
        return client;
    }

    private static void assertAlive(HandWrittenFrames client) throws IOException {
        client.sendText("{\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_8));
        HandWrittenFrames.Frame frame;
        do {
            frame = client.next();
        } while (frame != null && !frame.text().contains("pong") && frame.opcode() == 0x1);
        assertThat(frame).isNotNull();
        assertThat(frame.text()).contains("pong");
    }

    /** A connection from {@code from} that the server closes at once: no HTTP answer, long before any timeout. */
    private static void assertClosedAtOnce(URI uri, InetAddress from, String extraHeaders) {
        long start = System.nanoTime();
        assertThatThrownBy(() -> HandWrittenFrames.open(uri, from, 0, extraHeaders).close())
                .isInstanceOf(IOException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("HTTP/1.1"));
        assertThat((System.nanoTime() - start) / 1_000_000).as("ms until closed").isLessThan(5_000);
    }

    private static void closeAll(List<? extends AutoCloseable> all) throws Exception {
        for (AutoCloseable c : all) {
            c.close();
        }
    }

    @Test
    void oneAddressHoldsAtMostMaxPerAddressConnectionsAndOtherAddressesAreUnaffected() throws Exception {
        try (SignalingServer server = start("connections.max-per-address", "5")) {
            List<HandWrittenFrames> held = new ArrayList<>();
            try {
                for (int i = 0; i < 5; i++) {
                    held.add(member(server.uri(), local(2), "room-" + i));
                }
                assertClosedAtOnce(server.uri(), local(2), "");
                try (HandWrittenFrames other = member(server.uri(), local(3), "room-0")) {
                    assertAlive(other);
                }
                assertThat(TestServers.metric(server, "signaling_refused_total{reason=\"address-connections\"}")).isEqualTo(1);
                for (HandWrittenFrames client : held) {
                    assertAlive(client);
                }
                held.remove(0).close();
                TestServers.await("a slot of 127.0.0.2 is free again", () -> {
                    try (HandWrittenFrames again = HandWrittenFrames.open(server.uri(), local(2), 0)) {
                        return true;
                    } catch (IOException e) {
                        return false;
                    }
                });
            } finally {
                closeAll(held);
            }
        }
    }

    @Test
    void halfFinishedUpgradesAreLimitedPerAddress() throws Exception {
        try (SignalingServer server = start("connections.max-handshakes-per-address", "3")) {
            List<Socket> partial = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    Socket socket = new Socket();
                    socket.bind(new InetSocketAddress(local(4), 0));
                    socket.connect(new InetSocketAddress("127.0.0.1", server.port()));
                    OutputStream out = socket.getOutputStream();
                    out.write("GET /signaling HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    partial.add(socket);
                }
                TestServers.await("3 connections from 127.0.0.4 admitted (and the scrape's own)",
                        () -> metricOrZero(server, "signaling_connections") >= 4);
                assertClosedAtOnce(server.uri(), local(4), "");
                try (HandWrittenFrames other = member(server.uri(), local(5), "r")) {
                    assertAlive(other);
                }
                assertThat(TestServers.metric(server, "signaling_refused_total{reason=\"address-handshakes\"}")).isEqualTo(1);
                partial.remove(0).close();
                TestServers.await("a handshake slot of 127.0.0.4 is free again", () -> {
                    try (HandWrittenFrames again = HandWrittenFrames.open(server.uri(), local(4), 0)) {
                        return true;
                    } catch (IOException e) {
                        return false;
                    }
                });
            } finally {
                closeAll(partial);
            }
        }
    }

    @Test
    void ipv6ClientsAreKeyedByTheirAddressToo() throws Exception {
        try (SignalingServer server = start("server.host", "::1", "connections.max-per-address", "3")) {
            assertThat(server.uri().getHost()).isEqualTo("[::1]");
            InetAddress loopback6 = InetAddress.getByName("::1");
            List<HandWrittenFrames> held = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    held.add(member(server.uri(), loopback6, "v6"));
                }
                assertClosedAtOnce(server.uri(), loopback6, "");
                for (HandWrittenFrames client : held) {
                    assertAlive(client);
                }
                held.remove(0).close(); // /metrics is asked from ::1 too
                int[] refusedScrapes = {0};
                double[] refused = {-1};
                // One scrape both waits for the free slot and reads the count: a second scrape right after
                // could race the server's processing of the first scrape's own close and be refused.
                TestServers.await("a slot of ::1 is free again", () -> {
                    try {
                        refused[0] = TestServers.metric(server, "signaling_refused_total{reason=\"address-connections\"}");
                        return true;
                    } catch (Exception e) {
                        refusedScrapes[0]++; // the close of the first connection was not processed yet
                        return false;
                    }
                });
                assertThat(refused[0]).isEqualTo(1 + refusedScrapes[0]);
            } finally {
                closeAll(held);
            }
        }
    }

    @Test
    void connectionsThatNeverJoinCannotTakeTheSlotsOfMembers() throws Exception {
        // The 40 opens below must all happen within one join timeout (else early idle connections are closed
        // and free their slots): at load average 20 they took over 1.5 s, so the timeout is 6 s here.
        try (SignalingServer server = start("limits.max-connections", "30", "connections.max-unjoined", "10",
                "connections.join-timeout-ms", "6000", "connections.admin-reserve", "2")) {
            List<HandWrittenFrames> members = new ArrayList<>();
            List<HandWrittenFrames> idle = new ArrayList<>();
            try {
                for (int i = 0; i < 10; i++) {
                    members.add(member(server.uri(), local(10 + i), "members"));
                }
                // 40 clients from 40 addresses open WebSockets and never join: 10 fit, 30 are refused (2 with
                // HTTP 503 on the admin reserve, the rest closed at once)
                int refused = 0;
                for (int i = 0; i < 40; i++) {
                    try {
                        idle.add(HandWrittenFrames.open(server.uri(), local(100 + i), 0));
                    } catch (IOException e) {
                        refused++;
                    }
                }
                assertThat(idle).hasSize(10);
                assertThat(refused).isEqualTo(30);
                // Every scrape is beyond the unjoined cap and needs an admin-reserve slot; the two refused
                // WebSockets that were answered 503 hold both until the server has processed their close, and a
                // scrape before that is closed at once (and counted as refused like any other connection).
                int[] refusedScrapes = {0};
                double refusedTotal = adminScrape(server, "signaling_refused_total{reason=\"max-unjoined\"}", refusedScrapes);
                assertThat(refusedTotal).isEqualTo(30 + refusedScrapes[0]);
                assertThat(adminScrape(server, "signaling_connections_unjoined", refusedScrapes)).isEqualTo(10);
                assertThat(adminScrape(server, "signaling_websockets", refusedScrapes)).as("10 slots left for members").isEqualTo(20);
                for (HandWrittenFrames member : members) {
                    assertAlive(member);
                }
                // the idle ones are closed at the join timeout; members stay
                for (HandWrittenFrames client : idle) {
                    List<HandWrittenFrames.Frame> frames = client.readUntilClose();
                    assertThat(frames.get(0).text()).contains("join-timeout");
                    assertThat(frames.get(frames.size() - 1).closeCode()).isEqualTo(1008);
                }
                try (HandWrittenFrames late = member(server.uri(), local(200), "members")) {
                    assertAlive(late);
                }
                for (HandWrittenFrames member : members) {
                    assertAlive(member);
                }
            } finally {
                closeAll(members);
                closeAll(idle);
            }
        }
    }

    @Test
    void aConnectionThatLeavesItsRoomMustJoinAgainWithinTheJoinTimeout() throws Exception {
        try (SignalingServer server = start("connections.join-timeout-ms", "800");
             HandWrittenFrames client = member(server.uri(), local(6), "brief")) {
            Thread.sleep(1200); // a member is never timed out
            assertAlive(client);
            client.sendText("{\"type\":\"leave\"}".getBytes(StandardCharsets.UTF_8));
            assertThat(client.next().text()).contains("\"left\"");
            List<HandWrittenFrames.Frame> frames = client.readUntilClose();
            assertThat(frames.get(0).text()).contains("join-timeout");
            assertThat(frames.get(1).closeCode()).isEqualTo(1008);
        }
    }

    @Test
    void aTrustedProxysForwardedAddressIsTheKeyAndAnUntrustedOnesHeaderIsIgnored() throws Exception {
        try (SignalingServer server = start("connections.trusted-proxies", "[\"127.0.0.1\", \"127.0.9.0/24\"]",
                "connections.max-per-address", "2")) {
            List<HandWrittenFrames> held = new ArrayList<>();
            try {
                String client = "X-Forwarded-For: 203.0.113.7\r\n";
                held.add(HandWrittenFrames.open(server.uri(), local(1), 0, client));
                held.add(HandWrittenFrames.open(server.uri(), local(1), 0, client));
                assertThatThrownBy(() -> HandWrittenFrames.open(server.uri(), local(1), 0, client))
                        .isInstanceOf(IOException.class).hasMessageContaining("HTTP/1.1 429");
                // another client behind the same proxy (and a second trusted proxy in the chain)
                held.add(HandWrittenFrames.open(server.uri(), local(1), 0, "X-Forwarded-For: 198.51.100.1, 127.0.9.5\r\n"));
                // the proxy's own requests without the header are keyed by the proxy
                held.add(HandWrittenFrames.open(server.uri(), local(1), 0, ""));
                // an untrusted address cannot choose its key with the header: it is keyed by its own address
                held.add(HandWrittenFrames.open(server.uri(), local(7), 0, "X-Forwarded-For: 192.0.2.1\r\n"));
                held.add(HandWrittenFrames.open(server.uri(), local(7), 0, "X-Forwarded-For: 192.0.2.2\r\n"));
                assertClosedAtOnce(server.uri(), local(7), "X-Forwarded-For: 192.0.2.3\r\n");
                assertThat(TestServers.metric(server, "signaling_refused_total{reason=\"address-connections\"}")).isEqualTo(2);
                for (HandWrittenFrames c : held) {
                    assertAlive(c);
                }
            } finally {
                closeAll(held);
            }
        }
    }

    private static double metricOrZero(SignalingServer server, String sample) {
        try {
            return TestServers.metric(server, sample);
        } catch (Exception e) {
            return 0;
        }
    }

    /** One sample of /metrics asked on an admin-reserve slot, asked again while the reserve is still held. */
    private static double adminScrape(SignalingServer server, String sample, int[] refusedScrapes) throws Exception {
        double[] value = {-1};
        TestServers.await("an admin-reserve slot answers /metrics", () -> {
            try {
                value[0] = TestServers.metric(server, sample);
                return true;
            } catch (Exception e) {
                refusedScrapes[0]++;
                return false;
            }
        });
        return value[0];
    }
}
