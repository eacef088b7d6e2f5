package org.peerstack.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Checks a recording with FFmpeg's ffprobe, when installed ({@code apt-get install ffmpeg}):
 * the streams and codecs, the media duration (first to last packet) and a full decode of every frame
 * ({@code ffprobe -count_frames}; a decoding problem is printed as an error).
 *
 * @param streams  one {@code codec_name,codec_type[,width,height],frames} entry per stream
 * @param duration seconds from the first to the last packet
 * @param decodes  whether every frame decoded without error
 * @param errors   what ffprobe printed on failure ("" when it decoded cleanly)
 */
public record MediaCheck(List<String> streams, double duration, boolean decodes, String errors) {

    /** Longest a single ffprobe run may take (seconds). */
    public static final long TOOL_TIMEOUT_S = 120;

    /** Whether an ffprobe program is at hand ({@link #ffprobe()}). */
    public static boolean available() {
        return FFPROBE.isPresent();
    }

    private static final java.util.Optional<String> FFPROBE = locate();

    /**
     * The ffprobe program used: Debian's ({@code ffmpeg} package) when it is on the PATH, else the one
     * shipped inside the bytedeco FFmpeg jar the recorder already uses (unpacked into the JavaCPP cache on
     * first use, about a second), so the check works without system packages.
     */
    public static java.util.Optional<String> ffprobe() {
        return FFPROBE;
    }

    private static java.util.Optional<String> locate() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "ffprobe"))) {
                return java.util.Optional.of("ffprobe");
            }
        }
        try {
            return java.util.Optional.ofNullable(org.bytedeco.javacpp.Loader.load(org.bytedeco.ffmpeg.ffprobe.class));
        } catch (RuntimeException | LinkageError e) {
            return java.util.Optional.empty();
        }
    }

    /** Runs the checks on {@code file}. */
    public static MediaCheck of(Path file) throws IOException, InterruptedException {
        String f = file.toAbsolutePath().toString();
        // -count_frames decodes every frame; decoding problems are printed at level "error".
        List<String> lines = run(FFPROBE.orElse("ffprobe"), "-v", "error", "-count_frames", "-show_entries",
                "stream=codec_name,codec_type,width,height,nb_read_frames", "-of", "csv=p=0", f).lines()
                .filter(l -> !l.isBlank()).toList();
        List<String> streams = new ArrayList<>();
        StringBuilder errors = new StringBuilder();
        for (String line : lines) {
            String[] fields = line.split(",");
            boolean stream = fields.length >= 3 && (line.contains(",video,") || line.contains(",audio,"));
            String frames = fields[fields.length - 1];
            if (stream && frames.matches("[0-9]+") && Long.parseLong(frames) > 0) {
                streams.add(line);
            } else {
                errors.append(stream ? "no decodable frames: " : "").append(line).append('\n');
            }
        }
        double last = run(FFPROBE.orElse("ffprobe"), "-v", "error", "-show_entries", "packet=pts_time", "-of", "csv=p=0", f).lines()
                .mapToDouble(MediaCheck::time).filter(t -> t >= 0).max().orElse(0);
        double first = run(FFPROBE.orElse("ffprobe"), "-v", "error", "-read_intervals", "%+#8", "-show_entries", "packet=pts_time",
                "-of", "csv=p=0", f).lines()
                .mapToDouble(MediaCheck::time).filter(t -> t >= 0).min().orElse(0);
        return new MediaCheck(streams, last - first, errors.length() == 0 && !streams.isEmpty(), errors.toString().trim());
    }

    /** The first CSV field of an ffprobe line as seconds, or -1 when it holds none. */
    private static double time(String line) {
        String field = line.split(",", 2)[0].trim();
        try {
            return field.isEmpty() ? -1 : Double.parseDouble(field);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Whether a stream of {@code type} ({@code video}/{@code audio}) with {@code codec} is present. */
    public boolean has(String type, String codec) {
        return streams.stream().anyMatch(s -> s.startsWith(codec + "," + type + ","));
    }

    private static String run(String... command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(command));
        Process process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(TOOL_TIMEOUT_S, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(command[0] + " did not finish within " + TOOL_TIMEOUT_S + " s");
        }
        String text = new String(output, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IOException(command[0] + " failed (exit " + process.exitValue() + "): " + text.trim());
        }
        return text;
    }

    @Override
    public String toString() {
        return String.format("%s, %.2f s, %s", String.join(" + ", streams), duration,
                decodes ? "decodes cleanly" : "DECODE ERRORS: " + errors);
    }
}
