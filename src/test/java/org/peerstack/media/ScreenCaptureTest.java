package org.peerstack.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.peerstack.internal.media.NativeProbe;

/**
 * Screen capture for real under a private Xvfb (Debian package {@code xvfb}), which the test starts
 * and stops itself. Skipped (not passed) when Xvfb is not installed.
 */
class ScreenCaptureTest {

    /** Generous bound for the child JVM on a loaded machine. */
    private static final long CHILD_TIMEOUT_S = 120;

    @Test
    void getDisplayMediaCapturesFramesOfTheScreenSize() throws Exception {
        Path xvfb = Path.of("/usr/bin/Xvfb");
        Assumptions.assumeTrue(Files.isExecutable(xvfb), "Xvfb is not installed (apt-get install -y xvfb)");
        int display = freeDisplay();
        Process server = new ProcessBuilder(xvfb.toString(), ":" + display, "-screen", "0", "640x480x24",
                "-nolisten", "tcp").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!NativeProbe.displayReachable(Map.of("DISPLAY", ":" + display))) {
                assertThat(server.isAlive()).as("Xvfb is running").isTrue();
                assertThat(System.nanoTime()).as("Xvfb accepts connections within 30 s").isLessThan(deadline);
                Thread.onSpinWait();
                Thread.sleep(50);
            }
            ProcessBuilder child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), ScreenCaptureMain.class.getName())
                    .redirectErrorStream(true);
            child.environment().put("DISPLAY", ":" + display);
            Process p = child.start();
            boolean finished = p.waitFor(CHILD_TIMEOUT_S, TimeUnit.SECONDS);
            if (!finished) {
                p.destroyForcibly();
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(finished).as("child finished; output:\n" + out).isTrue();
            assertThat(p.exitValue()).as("child exit code; output:\n" + out).isZero();
            List<String> frames = out.lines().filter(l -> l.startsWith("FRAME ")).toList();
            assertThat(frames).as(out).containsExactly("FRAME 640x480", "FRAME 640x480", "FRAME 640x480");
        } finally {
            server.destroy();
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    private static int freeDisplay() throws IOException {
        for (int n = 91; n < 200; n++) {
            if (!Files.exists(Path.of("/tmp/.X11-unix/X" + n)) && !Files.exists(Path.of("/tmp/.X" + n + "-lock"))) {
                return n;
            }
        }
        throw new IOException("no free X display number");
    }
}
