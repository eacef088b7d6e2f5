package org.peerstack.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Test media made by the {@code ffmpeg} program (Debian's, on the PATH). */
public final class MediaFiles {

    /** Longest a single ffmpeg run may take. */
    private static final long TIMEOUT_S = 120;

    private MediaFiles() {
    }

    /** Runs {@code ffmpeg -y -loglevel error ARGS... dir/name} and returns the file. */
    public static Path make(Path dir, String name, String... args) throws IOException, InterruptedException {
        Path out = dir.resolve(name);
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-y", "-loglevel", "error"));
        command.addAll(List.of(args));
        command.add(out.toString());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = p.getInputStream().readAllBytes();
        boolean done = p.waitFor(TIMEOUT_S, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
        }
        assertThat(done && p.exitValue() == 0).as("ffmpeg %s: %s", command,
                new String(output, StandardCharsets.UTF_8)).isTrue();
        return out;
    }

    /** Frequency of {@code samples} (one channel) from its zero crossings. */
    public static double frequency(short[] samples, int sampleRate) {
        int crossings = 0;
        for (int i = 1; i < samples.length; i++) {
            if ((samples[i - 1] < 0) != (samples[i] < 0)) {
                crossings++;
            }
        }
        return crossings / 2.0 * sampleRate / samples.length;
    }

    /** Root mean square of {@code samples}, 0..32768. */
    public static double rms(short[] samples) {
        double sum = 0;
        for (short s : samples) {
            sum += (double) s * s;
        }
        return Math.sqrt(sum / Math.max(1, samples.length));
    }
}
