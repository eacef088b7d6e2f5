package org.peerstack.internal.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The guards that keep libpulse and X11 calls from hanging or crashing the JVM. */
class NativeProbeTest {

    @TempDir
    Path dir;

    @Test
    void aListeningUnixSocketCountsAsAPulseServer() throws Exception {
        Path socket = dir.resolve("native");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            assertThat(NativeProbe.pulseServerReachable(Map.of("PULSE_SERVER", "unix:" + socket))).isTrue();
            assertThat(NativeProbe.pulseServerReachable(Map.of("XDG_RUNTIME_DIR", dir.toString()))).isFalse();
        }
    }

    @Test
    void aRuntimeDirWithAPulseSocketIsProbed() throws Exception {
        Path pulse = dir.resolve("pulse");
        java.nio.file.Files.createDirectories(pulse);
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(pulse.resolve("native")));
            assertThat(NativeProbe.pulseServerReachable(Map.of("XDG_RUNTIME_DIR", dir.toString()))).isTrue();
        }
    }

    @Test
    void aStaleSocketFileIsNotAServer() throws Exception {
        Path socket = dir.resolve("stale");
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        server.close();
        assertThat(NativeProbe.pulseServerReachable(Map.of("PULSE_SERVER", socket.toString()))).isFalse();
    }

    @Test
    void noEnvironmentMeansNoServerAndNoDisplay() {
        assertThat(NativeProbe.pulseServerReachable(Map.of())).isFalse();
        assertThat(NativeProbe.displayReachable(Map.of())).isFalse();
        assertThat(NativeProbe.displayReachable(Map.of("DISPLAY", "garbage"))).isFalse();
    }

    @Test
    void aLoopbackTcpDisplayIsProbed() throws Exception {
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int display = server.getLocalPort() - NativeProbe.X11_TCP_BASE;
            org.junit.jupiter.api.Assumptions.assumeTrue(display >= 0, "ephemeral port below 6000");
            assertThat(NativeProbe.displayReachable(Map.of("DISPLAY", "127.0.0.1:" + display + ".0"))).isTrue();
        }
    }

    @Test
    void aRemoteDisplayOrSoundServerIsNeverContacted() {
        assertThat(NativeProbe.displayReachable(Map.of("DISPLAY", "192.0.2.1:0"))).isFalse();
        assertThat(NativeProbe.pulseServerReachable(Map.of("PULSE_SERVER", "tcp:192.0.2.1:4713"))).isFalse();
        assertThat(NativeProbe.displayReachable(Map.of("DISPLAY", "x11.example.invalid:0"))).isFalse();
    }

    @Test
    void aCallThatNeverReturnsIsAbandonedAfterTheTimeout() {
        CountDownLatch never = new CountDownLatch(1);
        assertThat(NativeProbe.withTimeout("a hanging call", () -> {
            never.await();
            return "unreachable";
        }, Duration.ofMillis(200))).isEmpty();
        never.countDown();
    }

    @Test
    void aCallThatReturnsGivesItsResult() {
        assertThat(NativeProbe.withTimeout("a quick call", () -> 42, Duration.ofSeconds(30))).contains(42);
    }
}
