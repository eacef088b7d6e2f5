package org.peerstack.sfu.recorder;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.peerstack.media.MediaStreamConstraints;
import org.peerstack.media.MediaTrackConstraints;
import org.peerstack.recorder.MediaRecorder;
import org.peerstack.recorder.MediaRecorderOptions;
import org.peerstack.sfu.SfuPublisher;

/**
 * CPU cost of passthrough recordings against transcoding MediaRecorders, in one run on one live stream:
 * a real libwebrtc publisher (fake camera 640x360@30 + microphone, VP8) into the SFU. Per round, three
 * windows of {@link #WINDOW_MILLIS}: nothing recorded (baseline: publisher + SFU), {@link #PASSTHROUGH}
 * passthrough recordings of the publisher (WebM, through SfuRecorder), {@link #TRANSCODING} MediaRecorders
 * (VP8+Opus WebM, encoding the raw camera frames) on the camera stream itself. The cost of
 * one recording is (process CPU time in its window - baseline window) / count / window. Not a test: run
 * with -Dtest=PassthroughBenchmark under the benchmark lock.
 */
class PassthroughBenchmark {

    private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);
    private static final long WINDOW_MILLIS = Long.getLong("bench.window", 10_000);
    private static final int PASSTHROUGH = Integer.getInteger("bench.passthrough", 40);
    private static final int TRANSCODING = Integer.getInteger("bench.transcoding", 2);

    @Test
    void passthroughAgainstTranscoding() throws Exception {
        Path dir = Files.createTempDirectory("passthrough-bench");
        double[] base = new double[ROUNDS];
        double[] pass = new double[ROUNDS];
        double[] trans = new double[ROUNDS];
        try (RealPublisher peers = new RealPublisher("bench")) {
            MediaTrackConstraints video = MediaTrackConstraints.newBuilder().width(640).height(360).frameRate(30).build();
            SfuPublisher pub = peers.publish("VP8", MediaStreamConstraints.newBuilder().audio(true).video(video).build());
            Thread.sleep(3_000); // bandwidth ramp
            for (int round = 0; round < ROUNDS; round++) {
                base[round] = cpuCoresDuring(() -> Thread.sleep(WINDOW_MILLIS));
                List<SfuRecording> recs = new ArrayList<>();
                for (int i = 0; i < PASSTHROUGH; i++) {
                    recs.add(SfuRecorder.record(peers.room, pub.id(), dir.resolve("p" + i + ".webm"), SfuRecordingOptions.defaults())
                            .get(10, TimeUnit.SECONDS));
                }
                Thread.sleep(1_000); // first keyframe, header
                pass[round] = cpuCoresDuring(() -> Thread.sleep(WINDOW_MILLIS));
                long frames = 0;
                long bytes = 0;
                for (SfuRecording r : recs) {
                    r.close();
                    frames += r.stats().framesWritten();
                    bytes += r.stats().bytesWritten();
                }
                System.out.printf("PassthroughBenchmark round %d: %d recordings wrote %d frames, %d bytes; one file: %s%n", round,
                        PASSTHROUGH, frames, bytes, Probe.streams(dir.resolve("p0.webm")));
                java.util.concurrent.atomic.AtomicLong transcodedBytes = new java.util.concurrent.atomic.AtomicLong();
                List<MediaRecorder> transcoders = new ArrayList<>();
                for (int i = 0; i < TRANSCODING; i++) {
                    MediaRecorder m = new MediaRecorder(peers.stream,
                            MediaRecorderOptions.newBuilder().mimeType("video/webm;codecs=vp8,opus").build());
                    m.addEventListener(MediaRecorder.DATA_AVAILABLE, e -> transcodedBytes.addAndGet(e.data().size()));
                    m.start(1000);
                    transcoders.add(m);
                }
                Thread.sleep(1_000);
                trans[round] = cpuCoresDuring(() -> Thread.sleep(WINDOW_MILLIS));
                for (MediaRecorder m : transcoders) {
                    m.stop();
                    m.close();
                }
                for (int i = 0; i < PASSTHROUGH; i++) {
                    Files.deleteIfExists(dir.resolve("p" + i + ".webm"));
                }
                Thread.sleep(500); // the last chunks
                System.out.printf("PassthroughBenchmark round %d: %d MediaRecorders gave %d bytes%n", round, TRANSCODING, transcodedBytes.get());
                System.out.printf("PassthroughBenchmark round %d: baseline %.3f cores, +%d passthrough %.3f, +%d transcoding %.3f%n",
                        round, base[round], PASSTHROUGH, pass[round], TRANSCODING, trans[round]);
            }
        }
        double[] perPass = new double[ROUNDS];
        double[] perTrans = new double[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            perPass[i] = (pass[i] - base[i]) / PASSTHROUGH;
            perTrans[i] = (trans[i] - base[i]) / TRANSCODING;
        }
        double p = median(perPass);
        double t = median(perTrans);
        System.out.printf("PassthroughBenchmark: median cores per passthrough recording %.4f (%.0f per core), per transcoding "
                + "MediaRecorder %.4f (%.1f per core); ratio %.1fx; rounds passthrough %s transcoding %s%n",
                p, 1 / p, t, 1 / t, t / p, Arrays.toString(perPass), Arrays.toString(perTrans));
    }

    interface Window {
        void run() throws Exception;
    }

    /** Average number of cores the whole process used while {@code w} ran. */
    private static double cpuCoresDuring(Window w) throws Exception {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        w.run();
        return (double) (os.getProcessCpuTime() - cpu0) / (System.nanoTime() - t0);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
