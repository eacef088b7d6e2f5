package org.peerstack.bench.media;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.peerstack.config.PeerstackConfig;
import org.peerstack.media.ConstrainULong;
import org.peerstack.media.MediaCanvas;
import org.peerstack.media.MediaDevices;
import org.peerstack.media.MediaStreamConstraints;
import org.peerstack.media.MediaStreamTrack;
import org.peerstack.media.MediaTrackConstraints;
import org.peerstack.media.VideoFrame;

/**
 * CPU per source for the fake camera and canvas capture at 1280x720@30 (issue 3 budgets: fake camera
 * &lt;= 5 % of one core, canvas &lt;= 15 %). Each run attaches a counting sink, lets the source run for
 * the window and measures the CPU time of the source's threads ({@code peerstack-media-*} for the
 * camera, {@code peerstack-canvas} for the canvas) with ThreadMXBean. Baseline in the same process: a
 * plain thread that only allocates and releases an empty 1280x720 I420 frame 30 times a second (the
 * floor every native-memory source pays). Prints the median of the runs and the ratio to the baseline,
 * and the RSS growth over each window (a missing frame release would grow it by ~40 MiB/s).
 *
 * <p>Usage: {@code bench/run media.MediaCaptureCpu [runs=3] [seconds=20]}
 */
public final class MediaCaptureCpu {

    static final int WIDTH = 1280;
    static final int HEIGHT = 720;
    static final double FPS = 30;

    private MediaCaptureCpu() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        System.out.printf("media capture CPU, %dx%d@%.0f, %d runs x %d s, %d cores, %s %s%n", WIDTH, HEIGHT, FPS, runs,
                seconds, Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"));
        List<Double> baseline = new ArrayList<>();
        List<Double> camera = new ArrayList<>();
        List<Double> canvas = new ArrayList<>();
        List<Long> cameraFrames = new ArrayList<>();
        List<Long> canvasFrames = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            baseline.add(baseline(seconds));
            long[] frames = new long[1];
            camera.add(fakeCamera(seconds, frames));
            cameraFrames.add(frames[0]);
            double cameraRss = lastRssGrowthMiB;
            canvas.add(canvas(seconds, frames));
            canvasFrames.add(frames[0]);
            System.out.printf("run %d: baseline %.2f %%, fake camera %.2f %% (%d frames, RSS %+.1f MiB),"
                            + " canvas %.2f %% (%d frames, RSS %+.1f MiB)%n", i + 1, baseline.get(i), camera.get(i),
                    cameraFrames.get(i), cameraRss, canvas.get(i), canvasFrames.get(i), lastRssGrowthMiB);
        }
        double b = median(baseline);
        double cam = median(camera);
        double can = median(canvas);
        System.out.printf("median: baseline %.2f %% of one core; fake camera %.2f %% (%.1fx baseline, budget 5 %%: %s);"
                        + " canvas capture %.2f %% (%.1fx baseline, budget 15 %%: %s)%n",
                b, cam, cam / b, cam <= 5 ? "met" : "MISSED", can, can / b, can <= 15 ? "met" : "MISSED");
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static double percentOfCore(long cpuNs, long wallNs) {
        return 100.0 * cpuNs / wallNs;
    }

    static double baseline(int seconds) throws Exception {
        ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-baseline");
            t.setDaemon(true);
            return t;
        });
        try {
            thread.scheduleAtFixedRate(() -> VideoFrame.allocate(WIDTH, HEIGHT, System.nanoTime()).release(), 0,
                    Math.round(1e9 / FPS), TimeUnit.NANOSECONDS);
            return measure("bench-baseline", seconds);
        } finally {
            thread.shutdownNow();
        }
    }

    static double fakeCamera(int seconds, long[] frames) throws Exception {
        PeerstackConfig defaults = PeerstackConfig.load();
        try (MediaDevices devices = MediaDevices.create(defaults.withMedia(defaults.media().withFakeDevices(true)))) {
            MediaStreamTrack track = devices.getUserMedia(MediaStreamConstraints.newBuilder()
                    .video(MediaTrackConstraints.newBuilder().width(ConstrainULong.exact(WIDTH))
                            .height(ConstrainULong.exact(HEIGHT)).frameRate(FPS).build()).build())
                    .get(30, TimeUnit.SECONDS).getVideoTracks().get(0);
            AtomicLong count = new AtomicLong();
            track.addVideoSink(frame -> count.incrementAndGet());
            Thread.sleep(1000);
            long before = count.get();
            double cpu = measure("peerstack-media-", seconds);
            frames[0] = count.get() - before;
            track.stop();
            return cpu;
        }
    }

    static double canvas(int seconds, long[] frames) throws Exception {
        MediaCanvas canvas = new MediaCanvas(WIDTH, HEIGHT);
        canvas.draw(g -> {
            g.setColor(Color.DARK_GRAY);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            g.setColor(Color.ORANGE);
            g.fillOval(200, 100, 600, 400);
            g.drawString("peerstack canvas benchmark", 40, 40);
        });
        MediaStreamTrack track = canvas.captureStream(FPS).getVideoTracks().get(0);
        AtomicLong count = new AtomicLong();
        track.addVideoSink(frame -> count.incrementAndGet());
        Thread.sleep(1000);
        long before = count.get();
        double cpu = measure("peerstack-canvas", seconds);
        frames[0] = count.get() - before;
        track.stop();
        return cpu;
    }

    /** RSS growth of the last measured window (MiB); a frame leak at 720p30 would show ~40 MiB/s. */
    static double lastRssGrowthMiB;

    private static double measure(String prefix, int seconds) throws InterruptedException {
        long rssBefore = rssKiB();
        Map<Long, Long> before = ThreadCpu.snapshot(prefix);
        long start = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        Map<Long, Long> after = ThreadCpu.snapshot(prefix);
        lastRssGrowthMiB = (rssKiB() - rssBefore) / 1024.0;
        return percentOfCore(ThreadCpu.delta(before, after), System.nanoTime() - start);
    }

    /** Resident set size from /proc/self/status (KiB), or 0 where unavailable. */
    static long rssKiB() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (java.io.IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }
}
