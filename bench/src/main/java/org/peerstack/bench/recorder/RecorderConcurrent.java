package org.peerstack.bench.recorder;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.peerstack.internal.recorder.RecorderEngine;

/**
 * N recorders (default 4) at once, WebM VP8+Opus 640x480@30, each fed as fast as it takes input:
 * each one's speed must stay at or above real time. Also one recorder alone as the in-run baseline.
 * Args: [recorders, default 4] [seconds of media, default 20] [encoder threads, default recorder.encoder-threads].
 */
public final class RecorderConcurrent {

    private static org.peerstack.config.RecorderConfig config;

    private RecorderConcurrent() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 20;
        int threads = args.length > 2 ? Integer.parseInt(args[2])
                : BenchMedia.config().encoderThreads();
        config = BenchMedia.withThreads(threads);
        BenchMedia media = new BenchMedia(640, 480);
        System.out.printf("RecorderConcurrent: %d x WebM VP8+Opus 640x480@30, %.0f s of media each, encoder threads %d"
                + " (0 = per core), %d cores, load %s%n", n, seconds, threads, Runtime.getRuntime().availableProcessors(),
                BenchMedia.load());
        double alone = run(media, 1, seconds)[0];
        System.out.printf("1 recorder alone: %.2fx realtime%n", alone);
        long cpu0 = cpuNanos();
        long wall0 = System.nanoTime();
        double[] each = run(media, n, seconds);
        double cpuS = (cpuNanos() - cpu0) / 1e9;
        double wallS = (System.nanoTime() - wall0) / 1e9;
        double min = Double.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            System.out.printf("recorder %d of %d: %.2fx realtime%n", i + 1, n, each[i]);
            min = Math.min(min, each[i]);
        }
        System.out.printf("slowest of %d concurrent: %.2fx realtime (%s), alone %.2fx, load %s%n", n, min,
                min >= 1 ? "keeps up" : "FALLS BEHIND", alone, BenchMedia.load());
        double perCpu = n * seconds / cpuS;
        System.out.printf("process CPU %.1f s in %.1f s wall (%.2f cores of %d): %.2f media-s per CPU-s; "
                + "with all %d cores, each of %d recorders would run at %.2fx realtime%n", cpuS, wallS, cpuS / wallS,
                Runtime.getRuntime().availableProcessors(), perCpu, Runtime.getRuntime().availableProcessors(), n,
                perCpu * Runtime.getRuntime().availableProcessors() / n);
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double[] run(BenchMedia media, int n, double seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<CompletableFuture<Double>> runs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                runs.add(CompletableFuture.supplyAsync(() -> {
                    BenchMedia.CountingListener out = new BenchMedia.CountingListener();
                    long t0 = System.nanoTime();
                    try (RecorderEngine engine = BenchMedia.engine("video/webm;codecs=vp8,opus", out, config)) {
                        engine.start(1000);
                        media.feed(engine, seconds, 0);
                        engine.stop().get(10, TimeUnit.MINUTES);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    if (out.error != null) {
                        throw out.error;
                    }
                    return seconds / ((System.nanoTime() - t0) / 1e9);
                }, pool));
            }
            double[] out = new double[n];
            for (int i = 0; i < n; i++) {
                out[i] = runs.get(i).get(30, TimeUnit.MINUTES);
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
