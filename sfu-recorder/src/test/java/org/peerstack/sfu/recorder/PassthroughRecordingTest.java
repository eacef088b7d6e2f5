package org.peerstack.sfu.recorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerstack.sfu.SfuPublisher;

/**
 * A real libwebrtc publisher (fake camera 640x480@30 + microphone) → real SFU → passthrough recording;
 * every file is checked with ffprobe (codecs, size, packets, duration) and decoded in full by ffmpeg
 * with {@code -xerror}.
 */
class PassthroughRecordingTest {

    private static final long RECORD_MILLIS = 4_000;

    @TempDir
    Path dir;

    @Test
    void vp8AndOpusIntoWebm() throws Exception {
        Path file = dir.resolve("vp8.webm");
        SfuRecording.Stats stats = record("VP8", file, SfuRecordingOptions.defaults());
        List<Probe.Stream> streams = Probe.streams(file);
        System.out.println("PassthroughRecordingTest VP8: " + streams + " " + stats + " " + Files.size(file) + " bytes");
        assertThat(streams).extracting(Probe.Stream::codec).containsExactlyInAnyOrder("vp8", "opus");
        Probe.Stream video = streams.stream().filter(s -> s.type().equals("video")).findFirst().orElseThrow();
        Probe.Stream audio = streams.stream().filter(s -> s.type().equals("audio")).findFirst().orElseThrow();
        assertThat(video.width()).isEqualTo(640);
        assertThat(video.height()).isEqualTo(480);
        assertThat(video.packets()).as("video frames in %d ms", RECORD_MILLIS).isGreaterThan(RECORD_MILLIS * 20 / 1000);
        assertThat(audio.packets()).as("20 ms Opus frames").isGreaterThan(RECORD_MILLIS * 40 / 1000);
        assertThat(video.firstPtsSeconds()).isLessThan(0.1);
        assertThat(video.lastPtsSeconds()).as("video duration").isGreaterThan(RECORD_MILLIS / 1000.0 - 2.5);
        assertThat(audio.lastPtsSeconds()).as("audio and video end together").isCloseTo(video.lastPtsSeconds(), within(0.5));
        assertThat(Probe.decodeErrors(file)).as("ffmpeg -xerror decode").isEmpty();
        assertThat(stats.framesWritten()).isEqualTo(video.packets() + audio.packets());
    }

    @Test
    void vp9AndOpusIntoWebm() throws Exception {
        Path file = dir.resolve("vp9.webm");
        SfuRecording.Stats stats = record("VP9", file, SfuRecordingOptions.defaults());
        List<Probe.Stream> streams = Probe.streams(file);
        System.out.println("PassthroughRecordingTest VP9: " + streams + " " + stats + " " + Files.size(file) + " bytes");
        assertThat(streams).extracting(Probe.Stream::codec).containsExactlyInAnyOrder("vp9", "opus");
        Probe.Stream video = streams.stream().filter(s -> s.type().equals("video")).findFirst().orElseThrow();
        assertThat(video.width()).isEqualTo(640);
        assertThat(video.height()).isEqualTo(480);
        assertThat(video.packets()).isGreaterThan(RECORD_MILLIS * 20 / 1000);
        assertThat(Probe.decodeErrors(file)).as("ffmpeg -xerror decode").isEmpty();
    }

    @Test
    void h264AndOpusIntoFragmentedMp4() throws Exception {
        Path file = dir.resolve("h264.mp4");
        SfuRecording.Stats stats = record("H264", file, SfuRecordingOptions.defaults());
        List<Probe.Stream> streams = Probe.streams(file);
        System.out.println("PassthroughRecordingTest H264: " + streams + " " + stats + " " + Files.size(file) + " bytes");
        assertThat(streams).extracting(Probe.Stream::codec).containsExactlyInAnyOrder("h264", "opus");
        Probe.Stream video = streams.stream().filter(s -> s.type().equals("video")).findFirst().orElseThrow();
        assertThat(video.width()).isEqualTo(640);
        assertThat(video.height()).isEqualTo(480);
        assertThat(video.packets()).isGreaterThan(RECORD_MILLIS * 20 / 1000);
        assertThat(Probe.decodeErrors(file)).as("ffmpeg -xerror decode").isEmpty();
    }

    @Test
    void h264IntoMatroska() throws Exception {
        Path file = dir.resolve("h264.mkv");
        record("H264", file, SfuRecordingOptions.newBuilder().format(SfuRecordingFormat.MATROSKA).build());
        List<Probe.Stream> streams = Probe.streams(file);
        System.out.println("PassthroughRecordingTest H264 mkv: " + streams);
        assertThat(streams).extracting(Probe.Stream::codec).containsExactlyInAnyOrder("h264", "opus");
        assertThat(Probe.decodeErrors(file)).as("ffmpeg -xerror decode").isEmpty();
    }

    @Test
    void publisherLeavingEndsTheRecording() throws Exception {
        Path file = dir.resolve("left.webm");
        try (RealPublisher peers = new RealPublisher("left")) {
            SfuPublisher pub = peers.publish("VP8");
            SfuRecording rec = SfuRecorder.record(peers.room, pub.id(), file, SfuRecordingOptions.defaults()).get(10, TimeUnit.SECONDS);
            java.util.concurrent.CompletableFuture<SfuRecordingEvent> stop = new java.util.concurrent.CompletableFuture<>();
            rec.addEventListener(SfuRecording.STOP, stop::complete);
            Thread.sleep(2_500);
            pub.close();
            SfuRecordingEvent e = stop.get(15, TimeUnit.SECONDS);
            assertThat(e.error()).isEmpty();
            rec.stopped().get(5, TimeUnit.SECONDS);
            List<Probe.Stream> streams = Probe.streams(file);
            assertThat(streams).extracting(Probe.Stream::codec).containsExactlyInAnyOrder("vp8", "opus");
            assertThat(streams.get(0).packets()).isGreaterThan(20);
            assertThat(Probe.decodeErrors(file)).as("ffmpeg -xerror decode").isEmpty();
        }
    }

    private static SfuRecording.Stats record(String codec, Path file, SfuRecordingOptions options) throws Exception {
        try (RealPublisher peers = new RealPublisher("rec-" + codec)) {
            SfuPublisher pub = peers.publish(codec);
            SfuRecording rec = SfuRecorder.record(peers.room, pub.id(), file, options).get(10, TimeUnit.SECONDS);
            assertThat(rec.tracks()).extracting(t -> t.codec().toUpperCase()).contains(codec);
            long t0 = System.nanoTime();
            Thread.sleep(RECORD_MILLIS);
            rec.close();
            System.out.println("PassthroughRecordingTest: recorded for " + (System.nanoTime() - t0) / 1_000_000 + " ms");
            rec.stopped().get(10, TimeUnit.SECONDS);
            Path keep = Path.of("target", "recordings");
            Files.createDirectories(keep);
            Files.copy(file, keep.resolve(file.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return rec.stats();
        }
    }
}
