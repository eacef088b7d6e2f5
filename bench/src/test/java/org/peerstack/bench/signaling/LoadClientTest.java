package org.peerstack.bench.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.peerstack.signaling.server.SignalingServer;
import org.peerstack.signaling.server.SignalingServerConfig;

/**
 * The load generator against every benchmarked server, on loopback: every message it sends arrives,
 * parses on the server, and comes back with its send time. Peer ids of different lengths (m9, m10)
 * in one room check that each pre-masked template masks its send time at its own offset; a wrong
 * offset garbles the JSON, which the minimal relay drops and peerstack answers with an error.
 */
class LoadClientTest {

    @ParameterizedTest
    @ValueSource(strings = {"echo", "echo-batched", "minimal", "relay-floor", "peerstack"})
    void everyMessageArrivesWithItsSendTime(String kind) throws Exception {
        try (Server server = Server.start(kind); LoadClient client = new LoadClient(server.port(), BaselineServers.isEcho(kind))) {
            client.connect(12, new int[] {2, 4}, 12);
            Thread.sleep(300); // peer-joined announcements of the last joins
            client.record(true, 100_000);
            long before = client.received();
            ScheduledFuture<?> sending = client.startRate(5_000, 4);
            Thread.sleep(1_000);
            sending.cancel(false);
            Thread.sleep(50); // a tick that was already running finishes
            long offered = client.offered();
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (client.received() - before < offered && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            client.stopAndDrain();
            long[] latencies = client.latencies();
            client.record(false, 0);

            assertThat(offered).isGreaterThan(1_000);
            assertThat(client.received() - before).isEqualTo(offered);
            assertThat(client.unstamped()).isZero();
            assertThat(latencies).hasSize((int) offered);
            assertThat(latencies[0]).isPositive();
            assertThat(latencies[latencies.length - 1]).isLessThan(5_000_000_000L);
            assertThat(client.openCount()).isEqualTo(12);
        }
    }

    /** A benchmarked server started in this JVM. */
    private record Server(AutoCloseable running, int port) implements AutoCloseable {
        static Server start(String kind) {
            if (kind.equals("peerstack")) {
                SignalingServer server = SignalingServer.start(SignalingServerConfig.of(Map.of(
                        "server.port", "0", "server.host", "127.0.0.1", "http.static-dir", "",
                        "server.shutdown-grace-ms", "100", "limits.max-messages-per-second", "100000",
                        "limits.message-burst", "100000")));
                return new Server(server, server.port());
            }
            BaselineServers.Running running = BaselineServers.start(kind, 1);
            return new Server(running, running.port());
        }

        @Override
        public void close() throws Exception {
            running.close();
        }
    }
}
