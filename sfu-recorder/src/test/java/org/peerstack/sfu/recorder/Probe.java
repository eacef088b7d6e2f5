package org.peerstack.sfu.recorder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Checks a file with the real FFmpeg tools: ffprobe for its streams, a full decode for its errors. */
final class Probe {

    /** One stream as ffprobe sees it, with the number of packets it read. */
    record Stream(String type, String codec, int width, int height, long packets, double firstPtsSeconds, double lastPtsSeconds) {
    }

    private Probe() {
    }

    /** The streams of {@code file} (ffprobe, counting packets). */
    static List<Stream> streams(Path file) throws Exception {
        String out = run(List.of("ffprobe", "-v", "error", "-count_packets", "-show_entries",
                "stream=index,codec_type,codec_name,width,height,nb_read_packets", "-of", "csv=p=0:nk=0", file.toString()));
        List<Stream> streams = new ArrayList<>();
        for (String line : out.strip().split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            java.util.Map<String, String> kv = new java.util.HashMap<>();
            for (String part : line.split(",")) {
                int eq = part.indexOf('=');
                if (eq > 0) {
                    kv.put(part.substring(0, eq), part.substring(eq + 1));
                }
            }
            int index = Integer.parseInt(kv.get("index"));
            streams.add(new Stream(kv.get("codec_type"), kv.get("codec_name"), parse(kv.get("width")), parse(kv.get("height")),
                    parse(kv.get("nb_read_packets")), pts(file, index)[0], pts(file, index)[1]));
        }
        return streams;
    }

    /** {first, last} packet pts of a stream (seconds). */
    private static double[] pts(Path file, int index) throws Exception {
        String out = run(List.of("ffprobe", "-v", "error", "-select_streams", String.valueOf(index), "-show_entries",
                "packet=pts_time", "-of", "csv=p=0", file.toString()));
        double last = 0;
        double first = Double.MAX_VALUE;
        for (String line : out.strip().split("\n")) {
            try {
                double v = Double.parseDouble(line.strip().replace(",", ""));
                last = Math.max(last, v);
                first = Math.min(first, v);
            } catch (NumberFormatException e) {
                // N/A
            }
        }
        return new double[] {first == Double.MAX_VALUE ? 0 : first, last};
    }

    /** Largest time between two consecutive packets of a stream (seconds). */
    static double maxGapSeconds(Path file, int index) throws Exception {
        String out = run(List.of("ffprobe", "-v", "error", "-select_streams", String.valueOf(index), "-show_entries",
                "packet=pts_time", "-of", "csv=p=0", file.toString()));
        double gap = 0;
        double prev = Double.NaN;
        for (String line : out.strip().split("\n")) {
            try {
                double v = Double.parseDouble(line.strip().replace(",", ""));
                if (!Double.isNaN(prev)) {
                    gap = Math.max(gap, v - prev);
                }
                prev = v;
            } catch (NumberFormatException e) {
                // N/A
            }
        }
        return gap;
    }

    private static int parse(String s) {
        try {
            return s == null ? 0 : Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Decodes every stream of {@code file} with {@code -xerror} (every frame, at its own time); returns FFmpeg's error output ("" when clean). */
    static String decodeErrors(Path file) throws Exception {
        Process p = new ProcessBuilder("ffmpeg", "-nostdin", "-v", "error", "-xerror", "-i", file.toString(),
                // frames are written at their own times (a live source is not exactly 30 fps): keep them
                // as they are, else the null output's 1/30 s time base merges close frames and complains
                "-fps_mode", "passthrough", "-enc_time_base", "1:1000", "-f", "null", "-")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return "ffmpeg timed out";
        }
        return p.exitValue() == 0 ? out.strip() : ("exit " + p.exitValue() + ": " + out).strip();
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("ffprobe timed out");
        }
        if (p.exitValue() != 0) {
            throw new AssertionError(command + " failed with " + p.exitValue());
        }
        return out;
    }
}
