package org.peerstack.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A private PulseAudio daemon for one test (Debian's {@code pulseaudio}): its socket, runtime and state
 * live in a temporary directory, so nothing outside the test can reach it and it cannot disturb another
 * sound server. It has a null sink and a source ({@code peerstack_tone}, 48 kHz mono) fed from a fifo by
 * a thread that writes a sine tone in real time.
 */
public final class PulseServer implements AutoCloseable {

    /** Name of the source the tone plays into. */
    public static final String TONE_SOURCE = "peerstack_tone";
    /** Sample rate of the tone source (Hz). */
    public static final int RATE = 48_000;
    private static final long START_TIMEOUT_MS = 10_000;

    private final Path dir;
    private final Process daemon;
    private final Thread feeder;
    private volatile boolean closed;

    private PulseServer(Path dir, Process daemon, double toneHz, int amplitude) {
        this.dir = dir;
        this.daemon = daemon;
        this.feeder = new Thread(() -> feed(toneHz, amplitude), "pulse-tone-feeder");
        this.feeder.setDaemon(true);
        this.feeder.start();
    }

    /** True if the {@code pulseaudio} program is installed. */
    public static boolean installed() {
        return Files.isExecutable(Path.of("/usr/bin/pulseaudio")) && Files.isExecutable(Path.of("/usr/bin/pactl"));
    }

    /** Starts a daemon in {@code dir} whose tone source plays {@code toneHz} at peak {@code amplitude}. */
    public static PulseServer start(Path dir, double toneHz, int amplitude) throws IOException, InterruptedException {
        Files.createDirectories(dir.resolve("pulse"));
        Files.createDirectories(dir.resolve("state"));
        Path script = dir.resolve("default.pa");
        Files.writeString(script, String.join("\n",
                "load-module module-native-protocol-unix socket=" + dir.resolve("pulse/native") + " auth-anonymous=1",
                "load-module module-null-sink sink_name=peerstack_null",
                "load-module module-pipe-source source_name=" + TONE_SOURCE + " file=" + dir.resolve("tone.fifo")
                        + " format=s16le rate=" + RATE + " channels=1",
                "set-default-source " + TONE_SOURCE, ""));
        ProcessBuilder pb = new ProcessBuilder("pulseaudio", "-n", "-F", script.toString(), "--daemonize=no",
                "--exit-idle-time=-1", "--use-pid-file=no", "--disable-shm=yes", "--log-target=stderr",
                "--log-level=error").redirectErrorStream(true).redirectOutput(dir.resolve("daemon.log").toFile());
        pb.environment().putAll(environment(dir));
        pb.environment().remove("PULSE_SERVER");
        Process daemon = pb.start();
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
        while (!reachable(dir.resolve("pulse/native")) || !Files.exists(dir.resolve("tone.fifo"))) {
            if (!daemon.isAlive() || System.currentTimeMillis() > deadline) {
                daemon.destroyForcibly();
                throw new IOException("pulseaudio did not start: " + Files.readString(dir.resolve("daemon.log")));
            }
            Thread.sleep(50);
        }
        return new PulseServer(dir, daemon, toneHz, amplitude);
    }

    private static Map<String, String> environment(Path dir) {
        return Map.of("HOME", dir.toString(), "XDG_RUNTIME_DIR", dir.toString(),
                "PULSE_RUNTIME_PATH", dir.resolve("pulse").toString(), "PULSE_STATE_PATH", dir.resolve("state").toString());
    }

    private static boolean reachable(Path socket) {
        try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            return c.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            return false;
        }
    }

    /** The value of {@code PULSE_SERVER} that reaches this daemon. */
    public String server() {
        return "unix:" + dir.resolve("pulse/native");
    }

    /** Runs {@code pactl ARGS} against this daemon and returns its output. */
    public String pactl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("pactl", "-s", server()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(command + " failed: " + out);
        }
        return out;
    }

    /** Writes the tone into the source's fifo in 10 ms chunks, paced by the clock. */
    private void feed(double toneHz, int amplitude) {
        int chunk = RATE / 100;
        ByteBuffer b = ByteBuffer.allocate(chunk * 2).order(ByteOrder.LITTLE_ENDIAN);
        long n = 0;
        long start = System.nanoTime();
        try (OutputStream out = Files.newOutputStream(dir.resolve("tone.fifo"))) {
            while (!closed) {
                b.clear();
                for (int i = 0; i < chunk; i++, n++) {
                    b.putShort((short) Math.round(amplitude * Math.sin(2 * Math.PI * toneHz * n / RATE)));
                }
                out.write(b.array());
                out.flush();
                long due = start + n * 1_000_000_000L / RATE;
                LockSupport.parkNanos(due - System.nanoTime());
            }
        } catch (IOException e) {
            // the daemon went away: close() or a crash the test will see
        }
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        daemon.destroy();
        if (!daemon.waitFor(5, TimeUnit.SECONDS)) {
            daemon.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        feeder.join(5_000);
    }
}
