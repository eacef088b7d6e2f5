package org.peerstack.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The loudest sample and the mean level of a file's audio, by ffmpeg's volumedetect filter. */
final class MediaCheckAudio {

    private static final Pattern MAX = Pattern.compile("max_volume: (-?[0-9.]+|-inf) dB");
    private static final Pattern MEAN = Pattern.compile("mean_volume: (-?[0-9.]+|-inf) dB");

    private MediaCheckAudio() {
    }

    /** Peak level in dBFS ({@code -inf} for digital silence is returned as -200). */
    static double maxVolumeDb(Path file) throws IOException, InterruptedException {
        return volumedetect(file, MAX);
    }

    /** Mean (RMS) level in dBFS ({@code -inf} is returned as -200). */
    static double meanVolumeDb(Path file) throws IOException, InterruptedException {
        return volumedetect(file, MEAN);
    }

    private static double volumedetect(Path file, Pattern value) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("ffmpeg", "-nostdin", "-hide_banner", "-i", file.toString(), "-vn",
                "-af", "volumedetect", "-f", "null", "-").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(MediaCheck.TOOL_TIMEOUT_S, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("ffmpeg volumedetect did not finish");
        }
        Matcher m = value.matcher(output);
        if (!m.find()) {
            throw new AssertionError("no volumedetect result: " + output);
        }
        return m.group(1).equals("-inf") ? -200 : Double.parseDouble(m.group(1));
    }
}
