package org.peerstack.internal.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerstack.testing.PulseServer;

/**
 * Native microphone capture run for real: a private PulseAudio daemon whose default source plays a
 * 1 kHz tone at a known level; a child JVM pointed at it ({@code PULSE_SERVER}) lists the devices,
 * captures with {@code getUserMedia({audio: true})}, and sees {@code devicechange} when a source is
 * added and removed with {@code pactl}; once the daemon is gone, listing answers at once (libpulse's
 * enumeration would hang for ever without a server: the probe keeps it from being called).
 */
class NativeMicrophoneTest {

    private static final double TONE_HZ = 1000;
    /** Peak of the tone: -12 dBFS, so its RMS is 8192 / sqrt(2) = 5793. */
    private static final int AMPLITUDE = 8192;
    private static final long ANSWER_TIMEOUT_S = 30;

    @TempDir
    Path dir;
    private PulseServer pulse;
    private Process child;
    private Writer commands;
    private final LinkedBlockingQueue<String> answers = new LinkedBlockingQueue<>();

    @AfterEach
    void tearDown() throws Exception {
        if (child != null) {
            try {
                commands.write("quit\n");
                commands.flush();
            } catch (IOException e) {
                // already gone
            }
            if (!child.waitFor(10, TimeUnit.SECONDS)) {
                child.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        if (pulse != null) {
            pulse.close();
        }
    }

    private void startChild() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"), NativeMicrophoneMain.class.getName());
        pb.environment().put("PULSE_SERVER", pulse.server());
        pb.redirectErrorStream(true);
        child = pb.start();
        commands = new OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    answers.add(line);
                }
            } catch (IOException e) {
                // child ended
            }
        }, "native-microphone-child-output");
        reader.setDaemon(true);
        reader.start();
    }

    private void send(String command) throws IOException {
        commands.write(command + "\n");
        commands.flush();
    }

    /** The next line of the child starting with {@code prefix}; other lines (logs) are skipped. */
    private String expect(String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ANSWER_TIMEOUT_S);
        List<String> skipped = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            String line = answers.poll(100, TimeUnit.MILLISECONDS);
            if (line != null && line.startsWith(prefix)) {
                return line;
            }
            if (line != null) {
                skipped.add(line);
            }
        }
        throw new AssertionError("no '" + prefix + "' from the child within " + ANSWER_TIMEOUT_S + " s; it said: "
                + skipped);
    }

    private List<String> list() throws Exception {
        send("list");
        int n = Integer.parseInt(expect("devices ").substring(8));
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(expect("device ").substring(7));
        }
        return out;
    }

    @Test
    void getUserMediaCapturesTheToneOfARealPulseAudioSourceAndDevicechangeFollowsSources() throws Exception {
        assumeTrue(PulseServer.installed(), "needs Debian's pulseaudio package");
        pulse = PulseServer.start(dir, TONE_HZ, AMPLITUDE);
        startChild();

        List<String> before = list();
        assertThat(before).as("audio inputs of the daemon").anyMatch(d -> d.startsWith("audioinput "));

        send("capture 2000");
        String line = expect("captured ");
        System.out.println("child: " + line + "; devices " + before);
        String[] captured = line.split(" ", 8);
        // libwebrtc's PulseAudio module records at the server's default rate (44.1 kHz in Debian's daemon.conf).
        String spec = pulse.pactl("info").lines().filter(l -> l.startsWith("Default Sample Specification:"))
                .findFirst().orElseThrow();
        int serverRate = Integer.parseInt(spec.replaceAll(".* (\\d+)Hz.*", "$1"));
        assertThat(Integer.parseInt(captured[1])).as("sample rate of the chunks").isEqualTo(serverRate);
        assertThat(Integer.parseInt(captured[6])).as("sample rate in the track's settings").isEqualTo(serverRate);
        assertThat(Double.parseDouble(captured[3])).as("frequency (Hz)").isBetween(TONE_HZ * 0.98, TONE_HZ * 1.02);
        assertThat(Double.parseDouble(captured[4])).as("RMS level").isBetween(AMPLITUDE / Math.sqrt(2) * 0.8,
                AMPLITUDE / Math.sqrt(2) * 1.2);
        // At least real time; more when the fifo held tone written before recording started (up to 64 KiB).
        assertThat(Integer.parseInt(captured[5])).as("10 ms chunks in 2 s").isGreaterThanOrEqualTo(150);

        send("listen");
        expect("listening");
        String module = pulse.pactl("load-module", "module-pipe-source", "source_name=peerstack_extra",
                "file=" + dir.resolve("extra.fifo"), "format=s16le", "rate=48000", "channels=1");
        expect("devicechange");
        List<String> added = list();
        assertThat(added).hasSize(before.size() + 1);
        pulse.pactl("unload-module", module);
        expect("devicechange");
        assertThat(list()).containsExactlyInAnyOrderElementsOf(before);

        // The trap: libpulse's enumeration hangs for ever without a server. With the daemon gone the
        // probe sees no server and the listing answers at once, without audio inputs.
        pulse.close();
        pulse = null;
        long start = System.nanoTime();
        assertThat(list()).noneMatch(d -> d.startsWith("audioinput "));
        assertThat(System.nanoTime() - start).as("listing without a server (ns)").isLessThan(5_000_000_000L);
    }
}
