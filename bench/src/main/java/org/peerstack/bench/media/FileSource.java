package org.peerstack.bench.media;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.peerstack.bench.Samples;
import org.peerstack.bench.rtc.ProcessStats;
import org.peerstack.config.PeerstackConfig;
import org.peerstack.media.MediaDevices;
import org.peerstack.media.MediaStream;
import org.peerstack.media.MediaStreamConstraints;
import org.peerstack.media.MediaStreamTrack;

/**
 * CPU of playing a 1280x720@30 H.264 + AAC MP4 as a video and an audio track (issue 18 goal: at most
 * 1.1x the CPU of {@code ffmpeg -re -i FILE -f null -}), as a fraction of one core over the file's
 * duration. Rounds alternate: peerstack (MediaDevices with the file as camera and microphone, a sink on
 * each track that reads one pixel and counts samples, played to {@code ended}; the process's CPU time)
 * then the baseline (the ffmpeg program decoding both streams at real time, its CPU from the shell's
 * {@code times}). Prints each round, the medians and the median of the per-round ratios.
 *
 * <p>Usage: {@code bench/run FileSource [rounds=5] [seconds=20] [file]} — without a file one is made with
 * the ffmpeg program (testsrc2 pattern, libx264 veryfast, AAC 128k, 48 kHz stereo).
 */
public final class FileSource {

    private FileSource() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        Path file = args.length > 2 ? Path.of(args[2]) : make(seconds);
        System.out.printf("file source CPU: %s, %d rounds, %d cores, %s %s%n", file, rounds,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"));
        play(file); // warm-up: loads FFmpeg and libwebrtc natives, JIT
        List<Double> ours = new ArrayList<>();
        List<Double> ffmpeg = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            double p = play(file);
            double f = ffmpeg(file);
            ours.add(p);
            ffmpeg.add(f);
            ratios.add(p / f);
            System.out.printf("round %d: peerstack %.3f cores, ffmpeg -re %.3f cores, ratio %.2f%n", i + 1, p, f,
                    p / f);
        }
        Samples o = samples(ours);
        Samples f = samples(ffmpeg);
        Samples r = samples(ratios);
        System.out.printf("median: peerstack %.3f cores (min %.3f, max %.3f), ffmpeg -re %.3f cores (min %.3f,"
                + " max %.3f), ratio %.2f (min %.2f, max %.2f)%n", o.median(), o.min(), o.max(), f.median(), f.min(),
                f.max(), r.median(), r.min(), r.max());
        System.out.printf("load average at the end: %s%n", Files.readString(Path.of("/proc/loadavg")).trim());
    }

    private static Samples samples(List<Double> values) {
        return new Samples(values.stream().mapToDouble(Double::doubleValue).toArray(), "cores");
    }

    /** Plays the file to its end as two tracks; returns the process's CPU time over the wall time. */
    static double play(Path file) throws Exception {
        PeerstackConfig base = PeerstackConfig.load();
        PeerstackConfig config = base.withMedia(base.media().withFakeDevices(false)
                .withFiles(file.toString(), file.toString(), false));
        try (MediaDevices devices = MediaDevices.create(config, Map.of())) {
            AtomicLong frames = new AtomicLong();
            AtomicLong samples = new AtomicLong();
            AtomicLong checksum = new AtomicLong();
            CountDownLatch ended = new CountDownLatch(2);
            long cpu = ProcessStats.cpuNanos();
            long start = System.nanoTime();
            MediaStream stream = devices.getUserMedia(MediaStreamConstraints.of(true, true)).get(30, TimeUnit.SECONDS);
            MediaStreamTrack video = stream.getVideoTracks().get(0);
            MediaStreamTrack audio = stream.getAudioTracks().get(0);
            video.addEventListener(MediaStreamTrack.ENDED, e -> ended.countDown());
            audio.addEventListener(MediaStreamTrack.ENDED, e -> ended.countDown());
            video.addVideoSink(frame -> {
                frames.incrementAndGet();
                checksum.addAndGet(frame.dataY().get(frame.strideY() * (frame.height() / 2) + frame.width() / 2));
            });
            audio.addAudioSink(chunk -> samples.addAndGet(chunk.frameCount()));
            if (!ended.await(10, TimeUnit.MINUTES)) {
                throw new IllegalStateException("playback did not end");
            }
            long wall = System.nanoTime() - start;
            double cores = (ProcessStats.cpuNanos() - cpu) / (double) wall;
            if (frames.get() == 0 || samples.get() == 0) {
                throw new IllegalStateException("nothing played: " + frames + " frames, " + samples + " samples");
            }
            System.out.printf("  peerstack: %d frames, %d audio samples in %.2f s%n", frames.get(), samples.get(),
                    wall / 1e9);
            return cores;
        }
    }

    private static final Pattern TIMES = Pattern.compile("(\\d+)m([\\d.]+)s (\\d+)m([\\d.]+)s\\s*$");

    /** Runs {@code ffmpeg -re -i FILE -f null -}; returns its CPU time (user + system) over the wall time. */
    static double ffmpeg(Path file) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process p = new ProcessBuilder("sh", "-c", "ffmpeg -nostdin -loglevel error -re -i \"$0\" -f null - && times",
                file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("ffmpeg failed: " + out);
        }
        long wall = System.nanoTime() - start;
        Matcher m = TIMES.matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("no 'times' output from the shell: " + out);
        }
        double cpu = Integer.parseInt(m.group(1)) * 60 + Double.parseDouble(m.group(2))
                + Integer.parseInt(m.group(3)) * 60 + Double.parseDouble(m.group(4));
        return cpu * 1e9 / wall;
    }

    private static Path make(int seconds) throws IOException, InterruptedException {
        Path file = Path.of(System.getProperty("java.io.tmpdir"), "peerstack-filesource-720p-" + seconds + "s.mp4");
        if (Files.isRegularFile(file)) {
            return file;
        }
        Process p = new ProcessBuilder("ffmpeg", "-nostdin", "-y", "-loglevel", "error",
                "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=30", "-f", "lavfi", "-i",
                "sine=frequency=440:sample_rate=48000", "-t", String.valueOf(seconds), "-ac", "2",
                "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "128k",
                file.toString()).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("ffmpeg could not make " + file);
        }
        return file;
    }
}
