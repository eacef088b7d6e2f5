package org.peerstack.internal.media;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Guards for native calls that hang or crash the JVM on a machine without the right servers:
 * <ul>
 *   <li>webrtc-java's audio device enumeration hangs forever in libpulse without a PulseAudio server:
 *       {@link #pulseServerReachable} connects to the server first ({@code PULSE_SERVER} if it names a
 *       Unix socket or a loopback address, else {@code $XDG_RUNTIME_DIR/pulse/native});</li>
 *   <li>{@code ScreenCapturer.getDesktopSources()} segfaults without an X display:
 *       {@link #displayReachable} connects to the X server named by {@code DISPLAY} (local socket
 *       {@code /tmp/.X11-unix/X<n>} or loopback TCP port 6000+n only; other hosts count as
 *       unreachable, as peerstack never connects off the machine);</li>
 *   <li>{@link #withTimeout} runs a native call on a daemon thread and gives up after a timeout (the
 *       thread is abandoned, it cannot be interrupted out of native code).</li>
 * </ul>
 */
public final class NativeProbe {

    private static final Logger LOG = LoggerFactory.getLogger(NativeProbe.class);
    /** Connect timeout of each probe (milliseconds). */
    static final int CONNECT_TIMEOUT_MS = 500;
    /** Base TCP port of X displays. */
    static final int X11_TCP_BASE = 6000;

    private NativeProbe() {
    }

    /** True if a PulseAudio server accepts a connection. */
    public static boolean pulseServerReachable(Map<String, String> env) {
        String server = env.get("PULSE_SERVER");
        if (server != null && !server.isBlank()) {
            for (String entry : server.trim().split("\\s+")) {
                String address = entry.startsWith("{") ? entry.substring(entry.indexOf('}') + 1) : entry;
                if (address.startsWith("unix:") ? unixReachable(Path.of(address.substring(5)))
                        : address.startsWith("/") ? unixReachable(Path.of(address)) : tcpLoopbackReachable(address, 4713)) {
                    return true;
                }
            }
            return false;
        }
        String runtime = env.get("XDG_RUNTIME_DIR");
        return runtime != null && unixReachable(Path.of(runtime, "pulse", "native"));
    }

    /** True if the X display named by {@code DISPLAY} accepts a connection. */
    public static boolean displayReachable(Map<String, String> env) {
        String display = env.get("DISPLAY");
        if (display == null || display.isBlank() || !display.contains(":")) {
            return false;
        }
        String host = display.substring(0, display.lastIndexOf(':'));
        String number = display.substring(display.lastIndexOf(':') + 1);
        int dot = number.indexOf('.');
        int n;
        try {
            n = Integer.parseInt(dot < 0 ? number : number.substring(0, dot));
        } catch (NumberFormatException e) {
            return false;
        }
        if (host.isEmpty() || host.equals("unix")) {
            return unixReachable(Path.of("/tmp/.X11-unix/X" + n));
        }
        return tcpLoopbackReachable(host + ":" + (X11_TCP_BASE + n), X11_TCP_BASE + n);
    }

    private static boolean unixReachable(Path socket) {
        if (!Files.exists(socket)) {
            return false;
        }
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            return channel.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean tcpLoopbackReachable(String hostPort, int defaultPort) {
        String spec = hostPort.startsWith("tcp:") ? hostPort.substring(4) : hostPort;
        int colon = spec.lastIndexOf(':');
        String host = colon < 0 ? spec : spec.substring(0, colon);
        int port = defaultPort;
        try {
            if (colon >= 0) {
                port = Integer.parseInt(spec.substring(colon + 1));
            }
            String literal = host.replace("[", "").replace("]", "");
            if (!literal.equals("localhost") && !literal.matches("[0-9.]+") && !literal.contains(":")) {
                LOG.info("not probing {}: only 'localhost' and IP literals are probed (no name lookups)", hostPort);
                return false;
            }
            InetAddress address = literal.equals("localhost") ? InetAddress.getLoopbackAddress()
                    : InetAddress.getByName(literal);
            if (!address.isLoopbackAddress()) {
                LOG.info("not probing {}: peerstack only connects to loopback addresses", hostPort);
                return false;
            }
            SocketAddress target = new InetSocketAddress(address, port);
            try (Socket socket = new Socket()) {
                socket.connect(target, CONNECT_TIMEOUT_MS);
                return true;
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Runs {@code call} on a new daemon thread and waits at most {@code timeout}.
     *
     * @return the result, or empty if it failed or timed out (logged)
     */
    public static <T> Optional<T> withTimeout(String what, Callable<T> call, Duration timeout) {
        FutureTask<T> task = new FutureTask<>(call);
        Thread thread = new Thread(task, "peerstack-native-probe");
        thread.setDaemon(true);
        thread.start();
        try {
            return Optional.ofNullable(task.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            LOG.warn("{} did not return within {} ms; giving up (the native call is left running)", what,
                    timeout.toMillis());
        } catch (ExecutionException e) {
            LOG.warn("{} failed", what, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Optional.empty();
    }
}
