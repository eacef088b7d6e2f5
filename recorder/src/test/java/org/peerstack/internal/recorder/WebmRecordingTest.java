package org.peerstack.internal.recorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.peerstack.internal.recorder.Recordings.START_NS;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.peerstack.config.RecorderConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** WebM VP8 + Opus, the default format, end to end and checked by two independent demuxers. */
class WebmRecordingTest {

    private static final double TONE_HZ = 1000;
    private final ChunkRecorder events = new ChunkRecorder();
    @TempDir
    Path dir;

    @AfterEach
    void noLeftoverEvents() {
        events.assertExhausted();
    }

    @Test
    void timesliceChunksStartAtClustersAndConcatenateToOneValidFile() throws Exception {
        List<Chunk> chunks;
        RecorderStats stats;
        try (RecorderEngine engine = Recordings.engine("", true, true, events)) {
            engine.start(500);
            assertThat(events.next(ChunkRecorder.Start.class).mimeType()).isEqualTo("video/webm;codecs=vp8,opus");
            SyntheticMedia.feed(engine, 3.0, 640, 480, 48_000, 2, TONE_HZ, START_NS);
            engine.stop();
            chunks = events.chunksUntilStop();
            stats = engine.stopped().join();
        }
        assertThat(chunks).hasSizeBetween(6, 8);
        assertThat(chunks.get(0).timecodeMs()).isZero();
        assertThat(chunks).extracting(Chunk::mimeType).containsOnly("video/webm;codecs=vp8,opus");
        for (int i = 1; i < chunks.size(); i++) {
            assertThat(chunks.get(i).timecodeMs()).isGreaterThanOrEqualTo(chunks.get(i - 1).timecodeMs());
        }
        for (int i = 1; i < chunks.size() - 1; i++) {
            assertThat(chunks.get(i).timecodeMs()).as("chunk %d timecode", i).isCloseTo(500L * i, within(50L));
        }
        assertThat(chunks).filteredOn(Chunk::last).containsExactly(chunks.get(chunks.size() - 1));
        assertThat(chunks.get(chunks.size() - 1).size()).as("final chunk").isPositive();
        Recordings.assertContainerBoundaries(Container.WEBM, chunks);

        Path file = Recordings.save(dir, "all.webm", chunks);
        Ffprobe.Result probe = Ffprobe.probe(file);
        assertThat(probe.formatName()).contains("webm");
        assertThat(probe.streams()).extracting(Ffprobe.Stream::codecName).containsExactly("vp8", "opus");
        assertThat(probe.stream("video").frames()).isEqualTo(90).isEqualTo((int) stats.videoFramesEncoded());
        assertThat(probe.stream("video").width()).isEqualTo(640);
        assertThat(probe.stream("audio").sampleRate()).isEqualTo(48_000);
        Recordings.assertCleanDecode(file);

        MediaProbe.Report report = MediaProbe.analyze(file);
        MediaProbe.StreamReport video = report.video();
        assertThat(video.frames).isEqualTo(90);
        assertThat(video.decodeErrors).isZero();
        assertThat(video.endMs).as("video duration").isCloseTo(3000L, within(34L));
        assertThat(video.maxFrameGapMs()).isLessThanOrEqualTo(34);
        MediaProbe.StreamReport audio = report.audio();
        assertThat(audio.decodeErrors).isZero();
        assertThat(audio.endMs).as("audio duration").isCloseTo(3000L, within(21L));
        assertThat(audio.toneHz(0.2, 2.8)).as("decoded tone").isCloseTo(TONE_HZ, within(5.0));
    }

    @Test
    void theFirstChunkPlaysAlone() throws Exception {
        List<Chunk> chunks;
        try (RecorderEngine engine = Recordings.engine("", true, true, events)) {
            engine.start(500);
            events.next(ChunkRecorder.Start.class);
            SyntheticMedia.feed(engine, 1.5, 320, 240, 48_000, 2, TONE_HZ, START_NS);
            engine.stop();
            chunks = events.chunksUntilStop();
        }
        Path first = Recordings.save(dir, "first.webm", chunks.subList(0, 1));
        MediaProbe.Report report = MediaProbe.analyze(first);
        assertThat(report.video().frames).isBetween(14, 17);
        assertThat(report.video().decodeErrors).isZero();
        assertThat(report.audio().decodeErrors).isZero();
        Recordings.assertCleanDecode(first);
    }

    @Test
    void withoutATimesliceTheWholeRecordingIsOneChunkAtStop() throws Exception {
        List<Chunk> chunks;
        try (RecorderEngine engine = Recordings.engine("video/webm;codecs=vp8,opus", true, true, events)) {
            engine.start(0);
            events.next(ChunkRecorder.Start.class);
            SyntheticMedia.feed(engine, 1.0, 320, 240, 48_000, 2, TONE_HZ, START_NS);
            engine.stop();
            chunks = events.chunksUntilStop();
        }
        assertThat(chunks).hasSize(1);
        assertThat(chunks.get(0).last()).isTrue();
        assertThat(chunks.get(0).timecodeMs()).isZero();
        Path file = Recordings.save(dir, "one.webm", chunks);
        assertThat(Ffprobe.probe(file).stream("video").frames()).isEqualTo(30);
        Recordings.assertCleanDecode(file);
    }

    @Test
    void requestDataCutsAtAClusterAndTheNextChunkContinues() throws Exception {
        List<Chunk> chunks;
        try (RecorderEngine engine = Recordings.engine("", true, true, events)) {
            engine.start(0);
            events.next(ChunkRecorder.Start.class);
            SyntheticMedia.feed(engine, 1.0, 320, 240, 48_000, 2, TONE_HZ, START_NS);
            engine.requestData();
            Chunk first = events.next(Chunk.class);
            assertThat(first.last()).isFalse();
            assertThat(first.timecodeMs()).isZero();
            SyntheticMedia.feed(engine, 1.0, 320, 240, 48_000, 2, TONE_HZ, START_NS + 1_000_000_000L);
            engine.stop();
            chunks = new java.util.ArrayList<>(List.of(first));
            chunks.addAll(events.chunksUntilStop());
        }
        assertThat(chunks).hasSize(2);
        assertThat(chunks.get(1).timecodeMs()).isCloseTo(1000L, within(40L));
        Recordings.assertContainerBoundaries(Container.WEBM, chunks);
        Path file = Recordings.save(dir, "two.webm", chunks);
        MediaProbe.Report report = MediaProbe.analyze(file);
        assertThat(report.video().frames).isEqualTo(60);
        assertThat(report.video().maxFrameGapMs()).isLessThanOrEqualTo(34);
        assertThat(report.audio().endMs).isCloseTo(2000L, within(21L));
        assertThat(report.audio().toneHz(0.2, 1.8)).isCloseTo(TONE_HZ, within(5.0));
        Recordings.assertCleanDecode(file);
    }

    @Test
    void requestDataWithNothingNewGivesAnEmptyChunk() throws Exception {
        try (RecorderEngine engine = Recordings.engine("audio/webm", false, true, events)) {
            engine.start(0);
            events.next(ChunkRecorder.Start.class);
            SyntheticMedia.feed(engine, 0.5, 0, 0, 48_000, 1, TONE_HZ, START_NS);
            engine.requestData();
            assertThat(events.next(Chunk.class).size()).isPositive();
            engine.requestData();
            assertThat(events.next(Chunk.class).size()).isZero();
            engine.stop();
            assertThat(events.chunksUntilStop()).hasSize(1);
        }
    }

    @Test
    void aFixedLibvpxSpeedRecordsVp8AndVp9Cleanly() throws Exception {
        // -16: VP8's fastest fixed speed; VP9 gets it clamped to -8.
        RecorderConfig fixed = RecorderConfig.defaults().toBuilder().vpxCpuUsed(-16).build();
        for (String type : List.of("video/webm;codecs=vp8", "video/webm;codecs=vp9")) {
            List<Chunk> chunks;
            try (RecorderEngine engine = Recordings.engine(type, true, false, events, fixed)) {
                engine.start(0);
                events.next(ChunkRecorder.Start.class);
                SyntheticMedia.feed(engine, 1.0, 320, 240, 48_000, 2, TONE_HZ, START_NS);
                engine.stop();
                chunks = events.chunksUntilStop();
            }
            Path file = Recordings.save(dir, type.endsWith("vp8") ? "fixed8.webm" : "fixed9.webm", chunks);
            MediaProbe.Report report = MediaProbe.analyze(file);
            assertThat(report.video().frames).as(type).isBetween(29, 31);
            assertThat(report.video().decodeErrors).as(type).isZero();
            Recordings.assertCleanDecode(file);
        }
    }
}
