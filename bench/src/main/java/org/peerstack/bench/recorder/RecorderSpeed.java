package org.peerstack.bench.recorder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.peerstack.config.RecorderConfig;
import org.peerstack.internal.recorder.RecorderEngine;

/**
 * WebM VP8 + Opus at 640x480@30, fed as fast as possible, against the {@code ffmpeg} command line
 * encoding the same raw frames and samples with the same encoder settings, in the same run.
 * Args: [seconds of media, default 10] [rounds, default 5] [encoder threads, default recorder.encoder-threads].
 */
public final class RecorderSpeed {

    private RecorderSpeed() {
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 10;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        BenchMedia media = new BenchMedia(640, 480);
        Path dir = Files.createTempDirectory("recorder-speed");
        Path yuv = dir.resolve("in.yuv");
        Path pcm = dir.resolve("in.pcm");
        media.writeRaw(yuv, pcm, seconds);
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : BenchMedia.config().encoderThreads();
        RecorderConfig c = BenchMedia.withThreads(threads);
        List<String> ffmpeg = List.of("ffmpeg", "-nostdin", "-v", "error", "-y",
                "-f", "rawvideo", "-pix_fmt", "yuv420p", "-s", "640x480", "-r", "30", "-i", yuv.toString(),
                "-f", "s16le", "-ar", "48000", "-ac", "2", "-i", pcm.toString(),
                "-c:v", "libvpx", "-deadline", "realtime", "-cpu-used", Integer.toString(c.vpxCpuUsed()),
                "-lag-in-frames", "0", "-b:v", Long.toString(c.videoBitsPerSecond()),
                "-g", Integer.toString(c.keyframeIntervalFrames()), "-threads", Integer.toString(threads),
                "-c:a", "libopus", "-b:a", Long.toString(c.audioBitsPerSecond()),
                "-f", "webm", dir.resolve("cli.webm").toString());
        System.out.printf("RecorderSpeed: WebM VP8+Opus 640x480@30, %.0f s of media, %d rounds, encoder threads %d"
                + " (0 = per core), load %s%n", seconds, rounds, threads, BenchMedia.load());
        System.out.println("baseline: " + String.join(" ", ffmpeg));
        warmUp(media);
        double[] engineX = new double[rounds];
        double[] cliX = new double[rounds];
        double[] engineCpuX = new double[rounds];
        double[] cliCpuX = new double[rounds];
        long engineBytes = 0;
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
            engineBytes = out.bytes;
            long t1 = System.nanoTime();
            double cliCpuS = run(ffmpeg);
            double cliS = (System.nanoTime() - t1) / 1e9;
            engineX[r] = seconds / engineS;
            cliX[r] = seconds / cliS;
            engineCpuX[r] = seconds / engineCpuS;
            cliCpuX[r] = seconds / cliCpuS;
            System.out.printf("round %d: engine %.2fx realtime (%.2f s wall, %.2f s CPU, worker idle %d ms, %d bytes), "
                    + "ffmpeg CLI %.2fx (%.2f s wall, %.2f s CPU, %d bytes), load %s%n", r + 1, engineX[r], engineS,
                    engineCpuS, idleMs, engineBytes, cliX[r], cliS, cliCpuS, Files.size(dir.resolve("cli.webm")), BenchMedia.load());
        }
        double e = BenchMedia.median(engineX);
        double b = BenchMedia.median(cliX);
        double ec = BenchMedia.median(engineCpuX);
        double bc = BenchMedia.median(cliCpuX);
        System.out.printf("median wall: engine %.2fx realtime, ffmpeg CLI %.2fx realtime, ratio engine/CLI %.2f%n", e, b, e / b);
        System.out.printf("median per CPU-second: engine %.2f media-s, ffmpeg CLI %.2f media-s, ratio engine/CLI %.2f%n",
                ec, bc, ec / bc);
        Files.walk(dir).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
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
