package org.peerstack.sfu.recorder;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerstack.sfu.SfuPublisher;
import org.peerstack.sfu.SfuRtpListener;
import org.peerstack.sfu.SfuTap;
import org.peerstack.sfu.SfuTrack;
import org.peerstack.sfu.recorder.internal.RecordingSession;

/**
 * Faults between the SFU and the depacketiser, on a real libwebrtc publisher's VP8 stream: packets dropped
 * (single losses and bursts), and a source change (new SSRC, sequence numbers and timestamps) in the middle.
 * The recording must skip the broken frames, wait for a keyframe (which it asks the publisher for), and
 * give a file that decodes without a single error, with time continuous across the source change.
 */
class LossAndSourceChangeTest {

    @TempDir
    Path dir;

    @Test
    void droppedPacketsAndANewSourceGiveACleanFile() throws Exception {
        Path file = dir.resolve("lossy.webm");
        try (RealPublisher peers = new RealPublisher("loss")) {
            SfuPublisher pub = peers.publish("VP8");
            List<SfuTrack> tracks = peers.room.tracks().get(10, TimeUnit.SECONDS);
            SfuTrack video = tracks.stream().filter(t -> t.isVideo() && t.publisherId().equals(pub.id())).findFirst().orElseThrow();
            AtomicReference<SfuTap> tap = new AtomicReference<>();
            CompletableFuture<Throwable> stopped = new CompletableFuture<>();
            RecordingSession session = new RecordingSession(
                    List.of(new RecordingSession.TrackSpec("VP8", true, () -> {
                        if (tap.get() != null) {
                            tap.get().requestKeyframe();
                        }
                    })), "webm",
                    new BufferedOutputStream(Files.newOutputStream(file)), 1000, 4096, 256, 200,
                    e -> stopped.complete(e == null ? new Exception("none") : e));
            AtomicInteger count = new AtomicInteger();
            AtomicInteger dropped = new AtomicInteger();
            byte[] scratch = new byte[2048];
            tap.set(peers.room.tap(video.id(), new SfuRtpListener() {
                @Override
                public void onRtp(byte[] p, int off, int len) {
                    int n = count.incrementAndGet();
                    // every 97th packet, and a burst of 10 every 400
                    if (n % 97 == 0 || n % 400 < 10 && n > 400) {
                        dropped.incrementAndGet();
                        return;
                    }
                    if (n > 600) { // a new source: other SSRC, sequence numbers and timestamps
                        System.arraycopy(p, off, scratch, 0, len);
                        int seq = (((scratch[2] & 0xFF) << 8) | (scratch[3] & 0xFF)) + 12345;
                        scratch[2] = (byte) (seq >> 8);
                        scratch[3] = (byte) seq;
                        long ts = ((long) (scratch[4] & 0xFF) << 24 | (scratch[5] & 0xFF) << 16 | (scratch[6] & 0xFF) << 8
                                | (scratch[7] & 0xFF)) + 0x7654321L;
                        for (int i = 0; i < 4; i++) {
                            scratch[4 + i] = (byte) (ts >> (24 - 8 * i));
                            scratch[8 + i] ^= (byte) 0x5A;
                        }
                        session.offer(0, scratch, 0, len);
                        return;
                    }
                    session.offer(0, p, off, len);
                }
            }).get(10, TimeUnit.SECONDS));
            tap.get().requestKeyframe();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while ((count.get() < 1200 || session.stats().ssrcChanges() == 0) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            Thread.sleep(1500); // frames after the source change's keyframe
            tap.get().close();
            session.close();
            assertThat(stopped.get(10, TimeUnit.SECONDS)).hasMessage("none");
            RecordingSession.Stats stats = session.stats();
            List<Probe.Stream> streams = Probe.streams(file);
            System.out.println("LossAndSourceChangeTest: " + count + " packets, " + dropped + " dropped; " + stats + "; " + streams);
            assertThat(stats.packetsLost()).as("losses seen").isGreaterThanOrEqualTo(dropped.get() / 2);
            assertThat(stats.framesDropped()).as("broken frames skipped").isPositive();
            assertThat(stats.ssrcChanges()).isEqualTo(1);
            assertThat(stats.keyframeRequests()).isPositive();
            assertThat(streams).hasSize(1);
            assertThat(streams.get(0).codec()).isEqualTo("vp8");
            assertThat(streams.get(0).packets()).isEqualTo(stats.framesWritten()).isGreaterThan(60);
            assertThat(Probe.decodeErrors(file)).as("ffmpeg -xerror decode").isEmpty();
            assertThat(Probe.maxGapSeconds(file, 0)).as("largest gap between frames (time stays continuous)").isLessThan(3.0);
        }
    }
}
