package org.peerstack.bench.recorder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.Loader;
import org.peerstack.config.RecorderConfig;
import org.peerstack.internal.recorder.RecorderEngine;

/**
 * WebM VP8 + Opus at 640x480@30, fed as fast as possible, against the {@code ffmpeg} command line
 * encoding the same raw frames and samples with the same encoder settings, in the same run.
 *
 * <p>Two command lines are measured, interleaved with the engine in every round: the {@code ffmpeg}
 * program bundled in the bytedeco jar (FFmpeg 8.0.1 with the same libvpx 1.15.2 and libopus build the
 * engine links, so the comparison isolates the engine's own cost), and Debian's {@code ffmpeg} (FFmpeg
 * 5.1 with the system libvpx 1.12), skipped when it is not installed.
 *
 * <p>Args: [seconds of media, default 10] [rounds, default 5] [encoder threads, default
 * recorder.encoder-threads] [input: {@code camera-like} (default) or {@code fake-camera}, see {@link BenchMedia}].
 */
public final class RecorderSpeed {

    private RecorderSpeed() {
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 10;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        String input = args.length > 3 ? args[3] : "camera-like";
        BenchMedia media = switch (input) {
            case "camera-like" -> new BenchMedia(640, 480);
            case "fake-camera" -> BenchMedia.fakeCamera(640, 480);
            default -> throw new IllegalArgumentException("input is camera-like or fake-camera, not " + input);
        };
        Path dir = Files.createTempDirectory("recorder-speed");
        Path yuv = dir.resolve("in.yuv");
        Path pcm = dir.resolve("in.pcm");
        media.writeRaw(yuv, pcm, seconds);
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : BenchMedia.config().encoderThreads();
        RecorderConfig c = BenchMedia.withThreads(threads);
        List<Cli> clis = new ArrayList<>();
        clis.add(new Cli("bundled ffmpeg 8.0.1 (libvpx 1.15.2, the engine's build)",
                Loader.load(org.bytedeco.ffmpeg.ffmpeg.class)));
        Optional<String> debian = onPath("ffmpeg");
        debian.ifPresent(path -> clis.add(new Cli("Debian ffmpeg (system libvpx)", path)));
        System.out.printf("RecorderSpeed: WebM VP8+Opus 640x480@30, %s input, %.0f s of media, %d rounds, encoder threads %d"
                + " (0 = per core), load %s%n", input, seconds, rounds, threads, BenchMedia.load());
        for (Cli cli : clis) {
            System.out.println("baseline " + cli.name + ": " + String.join(" ", cli.command(yuv, pcm, dir, c, threads)));
        }
        warmUp(media);
        double[] engineX = new double[rounds];
        double[] engineCpuX = new double[rounds];
        double[][] cliX = new double[clis.size()][rounds];
        double[][] cliCpuX = new double[clis.size()][rounds];
        for (int r = 0; r < rounds; r++) {
            long idleMs;
            long cpu0 = processCpuNanos();
            long t0 = System.nanoTime();
            BenchMedia.CountingListener out = new BenchMedia.CountingListener();
            try (RecorderEngine engine = BenchMedia.engine("video/webm;codecs=vp8,opus", out, c)) {
                engine.start(1000);
                media.feed(engine, seconds, 0);
                idleMs = engine.stop().get(10, TimeUnit.MINUTES).workerIdleMs();
            }
            if (out.error != null) {
                throw out.error;
            }
            double engineS = (System.nanoTime() - t0) / 1e9;
            double engineCpuS = (processCpuNanos() - cpu0) / 1e9;
            engineX[r] = seconds / engineS;
            engineCpuX[r] = seconds / engineCpuS;
            StringBuilder line = new StringBuilder(String.format("round %d: engine %.2fx realtime (%.2f s wall, %.2f s CPU,"
                    + " worker idle %d ms, %d bytes)", r + 1, engineX[r], engineS, engineCpuS, idleMs, out.bytes));
            for (int i = 0; i < clis.size(); i++) {
                Cli cli = clis.get(i);
                long t1 = System.nanoTime();
                double cliCpuS = run(cli.command(yuv, pcm, dir, c, threads));
                double cliS = (System.nanoTime() - t1) / 1e9;
                cliX[i][r] = seconds / cliS;
                cliCpuX[i][r] = seconds / cliCpuS;
                line.append(String.format("; %s %.2fx (%.2f s wall, %.2f s CPU, %d bytes)", i == 0 ? "bundled CLI" : "Debian CLI",
                        cliX[i][r], cliS, cliCpuS, Files.size(dir.resolve("cli.webm"))));
            }
            System.out.println(line.append(", load ").append(BenchMedia.load()));
        }
        double e = BenchMedia.median(engineX);
        double ec = BenchMedia.median(engineCpuX);
        System.out.printf("median engine: %.2fx realtime, %.2f media-s per CPU-s%n", e, ec);
        for (int i = 0; i < clis.size(); i++) {
            double b = BenchMedia.median(cliX[i]);
            double bc = BenchMedia.median(cliCpuX[i]);
            System.out.printf("median %s: %.2fx realtime, %.2f media-s per CPU-s; engine/CLI wall %.2f (per-round median %.2f),"
                    + " per CPU-s %.2f%n", clis.get(i).name, b, bc, e / b, BenchMedia.median(ratios(engineX, cliX[i])), ec / bc);
        }
        Files.walk(dir).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }

    /** One ffmpeg command line to compare against. */
    private record Cli(String name, String executable) {
        List<String> command(Path yuv, Path pcm, Path dir, RecorderConfig c, int threads) {
            return List.of(executable, "-nostdin", "-v", "error", "-y",
                    "-f", "rawvideo", "-pix_fmt", "yuv420p", "-s", "640x480", "-r", "30", "-i", yuv.toString(),
                    "-f", "s16le", "-ar", "48000", "-ac", "2", "-i", pcm.toString(),
                    "-c:v", "libvpx", "-deadline", "realtime", "-cpu-used", Integer.toString(c.vpxCpuUsed()),
                    "-lag-in-frames", "0", "-b:v", Long.toString(c.videoBitsPerSecond()),
                    "-g", Integer.toString(c.keyframeIntervalFrames()), "-threads", Integer.toString(threads),
                    "-c:a", "libopus", "-b:a", Long.toString(c.audioBitsPerSecond()),
                    "-f", "webm", dir.resolve("cli.webm").toString());
        }
    }

    private static double[] ratios(double[] a, double[] b) {
        double[] r = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = a[i] / b[i];
        }
        return r;
    }

    private static Optional<String> onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path p = Path.of(dir, program);
            if (Files.isExecutable(p)) {
                return Optional.of(p.toString());
            }
        }
        return Optional.empty();
    }

    private static void warmUp(BenchMedia media) throws Exception {
        try (RecorderEngine engine = BenchMedia.engine("video/webm;codecs=vp8,opus", new BenchMedia.CountingListener())) {
            engine.start(0);
            media.feed(engine, 1, 0);
            engine.stop().get(1, TimeUnit.MINUTES);
        }
    }

    /** Runs the command under bash and returns the CPU seconds (user + system) it used, from {@code times}. */
    private static double run(List<String> command) throws IOException, InterruptedException {
        List<String> quoted = new ArrayList<>();
        command.forEach(c -> quoted.add("'" + c + "'"));
        Process p = new ProcessBuilder("bash", "-c", String.join(" ", quoted) + " && times")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException("ffmpeg failed: " + out);
        }
        String[] lines = out.trim().split("\n");
        String[] children = lines[lines.length - 1].trim().split("\\s+");
        return seconds(children[0]) + seconds(children[1]);
    }

    /** Parses bash's {@code 0m1.234s}. */
    private static double seconds(String bashTime) {
        int m = bashTime.indexOf('m');
        return Integer.parseInt(bashTime.substring(0, m)) * 60
                + Double.parseDouble(bashTime.substring(m + 1, bashTime.length() - 1));
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
