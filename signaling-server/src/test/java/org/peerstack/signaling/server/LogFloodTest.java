package org.peerstack.signaling.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * 5,000 faulty clients (closing in the middle of a fragmented message, sending a broken frame,
 * half an HTTP request, or nothing until the handshake timeout) write a bounded log without stack
 * traces, and the metrics count each by its real reason.
 */
class LogFloodTest {

    private static final int EACH = 1250;

    @Test
    void fiveThousandFaultyClientsWriteABoundedLogAndAreCountedByReason() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level rootLevel = root.getLevel();
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        root.addAppender(log);
        root.setLevel(Level.INFO); // what a production server logs
        Map<String, String> keys = new HashMap<>();
        // long enough that a loaded machine processes every client's own close before it
        keys.put("limits.handshake-timeout-ms", "1500");
        // all from 127.0.0.1, 625 at a time: the per-address limits are ConnectionLimitsTest's business
        keys.put("connections.max-per-address", "10000");
        keys.put("connections.max-handshakes-per-address", "10000");
        try (NettyLeaks leaks = new NettyLeaks()) {
            long start = System.nanoTime();
            try (SignalingServer server = TestServers.start(keys)) {
                ExecutorService pool = Executors.newFixedThreadPool(4);
                try {
                    List<Future<?>> done = new ArrayList<>();
                    for (int i = 0; i < EACH; i++) {
                        done.add(pool.submit(() -> closeInTheMiddleOfAFragmentedMessage(server)));
                        done.add(pool.submit(() -> sendAFrameWithAReservedOpcode(server)));
                        done.add(pool.submit(() -> closeInTheMiddleOfTheHttpRequest(server)));
                    }
                    for (Future<?> f : done) {
                        f.get(60, TimeUnit.SECONDS);
                    }
                    // silent connections, 625 at a time: each waits for the handshake timeout
                    for (int batch = 0; batch < EACH / 625; batch++) {
                        waitForTheHandshakeTimeout(server, 625);
                    }
                } finally {
                    pool.shutdownNow();
                }
                try (RawSocket control = RawSocket.connect(server.uri())) {
                    control.assertAlive();
                }
                TestServers.await("every faulty connection closed", () -> server.websocketCount() == 0);
                assertThat(TestServers.metric(server, "signaling_refused_total{reason=\"handshake-timeout\"}"))
                        .isEqualTo(EACH);
                assertThat(TestServers.metric(server, "signaling_refused_total{reason=\"bad-request\"}")).isZero();
                assertThat(TestServers.metric(server, "signaling_client_faults_total{reason=\"bad-frame\"}"))
                        .isEqualTo(EACH);
            }
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
            leaks.assertNoLeaks();
            root.setLevel(rootLevel);
            root.detachAppender(log);

            List<ILoggingEvent> events = new ArrayList<>(log.list);
            long bytes = 0;
            for (ILoggingEvent event : events) {
                assertThat(event.getThrowableProxy()).as("a stack trace: %s", event.getFormattedMessage()).isNull();
                bytes += event.getFormattedMessage().length() + String.valueOf(event.getKeyValuePairs()).length();
                if (event.getThrowableProxy() != null) {
                    bytes += ThrowableProxyUtil.asString(event.getThrowableProxy()).length();
                }
            }
            long windows = seconds / ClientFaults.WINDOW_SECONDS + 1;
            assertThat(events.size()).as("log lines in %d s", seconds)
                    .isLessThanOrEqualTo((int) (windows * ClientFaults.MAX_LINES_PER_WINDOW + 10));
            assertThat(bytes).as("log bytes").isLessThan(windows * 20_000);
            assertThat(events).anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("more suppressed"));
        } finally {
            root.setLevel(rootLevel);
            root.detachAppender(log);
        }
    }

    private static Void closeInTheMiddleOfAFragmentedMessage(SignalingServer server) throws IOException {
        try (HandWrittenFrames client = HandWrittenFrames.open(server.uri())) {
            // a text frame without FIN: the first fragment of a message that never ends
            client.sendRaw(new byte[] {0x01, (byte) 0x85, 1, 2, 3, 4, 'h' ^ 1, 'e' ^ 2, 'l' ^ 3, 'l' ^ 4, 'o' ^ 1});
        }
        return null;
    }

    private static Void sendAFrameWithAReservedOpcode(SignalingServer server) throws IOException {
        try (HandWrittenFrames client = HandWrittenFrames.open(server.uri())) {
            client.sendRaw(new byte[] {(byte) 0x83, (byte) 0x80, 1, 2, 3, 4});
            client.readUntilClose();
        }
        return null;
    }

    private static Void closeInTheMiddleOfTheHttpRequest(SignalingServer server) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write("GET /signaling HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgr".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
        return null;
    }

    private static void waitForTheHandshakeTimeout(SignalingServer server, int count) throws IOException {
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                Socket socket = new Socket("127.0.0.1", server.port());
                socket.setSoTimeout(20_000);
                sockets.add(socket);
            }
            for (Socket socket : sockets) {
                if (socket.getInputStream().read() != -1) {
                    throw new IOException("the server sent something to a silent connection");
                }
            }
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }
}
