package org.peerstack.internal.recorder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Checks a recording with Debian's {@code ffprobe}/{@code ffmpeg} command line (package {@code ffmpeg};
 * an independent FFmpeg build from the one that wrote the file).
 */
public final class Ffprobe {

    private static final ObjectMapper JSON = new ObjectMapper();

    public record Stream(String codecType, String codecName, int frames, int width, int height, int sampleRate) {
    }

    public record Result(String formatName, double durationS, List<Stream> streams) {
        public Stream stream(String type) {
            return streams.stream().filter(s -> s.codecType.equals(type)).findFirst().orElseThrow();
        }
    }

    private Ffprobe() {
    }

    /** Streams with frames counted by a full read, and the duration. */
    public static Result probe(Path file) throws IOException, InterruptedException {
        String out = run(List.of("ffprobe", "-v", "error", "-count_frames", "-show_entries",
                "stream=codec_type,codec_name,nb_read_frames,width,height,sample_rate:format=format_name,duration",
                "-of", "json", file.toString()), true);
        JsonNode root = JSON.readTree(out);
        List<Stream> streams = new ArrayList<>();
        for (JsonNode s : root.path("streams")) {
            streams.add(new Stream(s.path("codec_type").asText(), s.path("codec_name").asText(),
                    s.path("nb_read_frames").asInt(-1), s.path("width").asInt(0), s.path("height").asInt(0),
                    s.path("sample_rate").asInt(0)));
        }
        JsonNode format = root.path("format");
        return new Result(format.path("format_name").asText(), format.path("duration").asDouble(-1), streams);
    }

    /**
     * Decodes every stream with {@code -xerror}; returns the error output ("" when clean). The null
     * output keeps the file's own time base ({@code -enc_time_base -1}): with the default (1/frame rate)
     * live input with irregular frame spacing (frames 14 ms apart at a nominal 30 fps) collides in the
     * checker's own encoder and is reported as "non monotonically increasing dts".
     */
    public static String decodeErrors(Path file) throws IOException, InterruptedException {
        return run(List.of("ffmpeg", "-nostdin", "-v", "error", "-xerror", "-i", file.toString(),
                "-enc_time_base", "-1", "-f", "null", "-"),
                false);
    }

    private static String run(List<String> command, boolean wantStdout) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(!wantStdout).start();
        } catch (IOException e) {
            throw new IOException(command.get(0) + " is needed by the recorder tests: apt-get install -y ffmpeg", e);
        }
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = wantStdout ? p.getErrorStream().readAllBytes() : new byte[0];
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(command.get(0) + " did not finish");
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            return wantStdout ? fail(command, text + new String(err, StandardCharsets.UTF_8))
                    : "exit " + p.exitValue() + ": " + text;
        }
        return text;
    }

    private static String fail(List<String> command, String output) throws IOException {
        throw new IOException(String.join(" ", command) + " failed: " + output);
    }
}
