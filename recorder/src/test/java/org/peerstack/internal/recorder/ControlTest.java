package org.peerstack.internal.recorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.peerstack.internal.recorder.Recordings.START_NS;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pause/resume, resolution and sample-rate changes, gaps and bad input. */
class ControlTest {

    private static final double TONE_HZ = 1000;
    private static final long SECOND = 1_000_000_000L;
    private final ChunkRecorder events = new ChunkRecorder();
    @TempDir
    Path dir;

    @AfterEach
    void noLeftoverEvents() {
        events.assertExhausted();
    }

    @Test
    void pausedInputIsDroppedAndTheTimelineHasNoHoleAndNoFrozenGap() throws Exception {
        List<Chunk> chunks;
        RecorderStats stats;
        try (RecorderEngine engine = Recordings.engine("", true, true, events)) {
            engine.start(500);
            events.next(ChunkRecorder.Start.class);
            SyntheticMedia.feed(engine, 2.0, 320, 240, 48_000, 2, TONE_HZ, START_NS);
            engine.pause();
            assertThat(engine.state()).isEqualTo(RecorderEngine.State.PAUSED);
            SyntheticMedia.feed(engine, 2.0, 320, 240, 48_000, 2, TONE_HZ, START_NS + 2 * SECOND);
            engine.resume();
            SyntheticMedia.feed(engine, 2.0, 320, 240, 48_000, 2, TONE_HZ, START_NS + 4 * SECOND);
            engine.stop();
            chunks = events.chunksUntilStop();
            stats = engine.stopped().join();
        }
        assertThat(stats.droppedWhilePaused()).isEqualTo(60 + 200);
        Path file = Recordings.save(dir, "paused.webm", chunks);
        MediaProbe.Report report = MediaProbe.analyze(file);
        assertThat(report.video().frames).isEqualTo(120);
        assertThat(report.video().maxFrameGapMs()).as("largest step between frames").isLessThanOrEqualTo(34);
        assertThat(report.video().endMs).isCloseTo(4000L, within(34L));
        assertThat(report.audio().endMs).isCloseTo(4000L, within(21L));
        assertThat(report.audio().toneHz(0.2, 3.8)).isCloseTo(TONE_HZ, within(5.0));
        Recordings.assertCleanDecode(file);
    }

    @Test
    void framesOfAnotherSizeAreRescaledToTheFirstSize() throws Exception {
        List<Chunk> chunks;
        RecorderStats stats;
        try (RecorderEngine engine = Recordings.engine("video/webm;codecs=vp8", true, false, events)) {
            engine.start(0);
            events.next(ChunkRecorder.Start.class);
            SyntheticMedia.feed(engine, 1.0, 320, 240, 0, 0, 0, START_NS);
            SyntheticMedia.feed(engine, 1.0, 640, 360, 0, 0, 0, START_NS + SECOND);
            SyntheticMedia.feed(engine, 1.0, 161, 99, 0, 0, 0, START_NS + 2 * SECOND);
            engine.stop();
            chunks = events.chunksUntilStop();
            stats = engine.stopped().join();
        }
        assertThat(stats.videoFramesRescaled()).isEqualTo(60);
        Path file = Recordings.save(dir, "sizes.webm", chunks);
        Ffprobe.Result probe = Ffprobe.probe(file);
        assertThat(probe.streams()).hasSize(1);
        assertThat(probe.stream("video").width()).isEqualTo(320);
        assertThat(probe.stream("video").height()).isEqualTo(240);
        assertThat(probe.stream("video").frames()).isEqualTo(90);
        Recordings.assertCleanDecode(file);
    }

    @Test
    void audioAt44100StereoIsResampledTo48kAndRateChangesKeepTheTone() throws Exception {
        List<Chunk> chunks;
        try (RecorderEngine engine = Recordings.engine("audio/webm", false, true, events)) {
            engine.start(0);
            events.next(ChunkRecorder.Start.class);
            SyntheticMedia.feed(engine, 1.0, 0, 0, 44_100, 2, TONE_HZ, START_NS);
            SyntheticMedia.feed(engine, 1.0, 0, 0, 16_000, 1, TONE_HZ, START_NS + SECOND);
            engine.stop();
            chunks = events.chunksUntilStop();
        }
        Path file = Recordings.save(dir, "resampled.webm", chunks);
        MediaProbe.StreamReport audio = MediaProbe.analyze(file).audio();
        assertThat(audio.sampleRate).isEqualTo(48_000);
        assertThat(audio.decodeErrors).isZero();
        assertThat(audio.endMs).isCloseTo(2000L, within(21L));
        assertThat(audio.toneHz(0.1, 0.9)).as("44.1 kHz stereo part").isCloseTo(TONE_HZ, within(5.0));
        assertThat(audio.toneHz(1.1, 1.9)).as("16 kHz mono part").isCloseTo(TONE_HZ, within(5.0));
        Recordings.assertCleanDecode(file);
    }

    @Test
    void gapsInTheInputKeepTheirTimeAndAudioGapsAreFilledWithSilence() throws Exception {
        List<Chunk> chunks;
        RecorderStats stats;
        try (RecorderEngine engine = Recordings.engine("", true, true, events)) {
            engine.start(0);
            events.next(ChunkRecorder.Start.class);
            SyntheticMedia.feed(engine, 1.0, 320, 240, 48_000, 2, TONE_HZ, START_NS);
            // nothing at all from 1 s to 2 s (a source that stopped sending)
            SyntheticMedia.feed(engine, 1.0, 320, 240, 48_000, 2, TONE_HZ, START_NS + 2 * SECOND);
            engine.stop();
            chunks = events.chunksUntilStop();
            stats = engine.stopped().join();
        }
        assertThat(stats.audioSilenceMs()).isCloseTo(1000L, within(15L));
        MediaProbe.Report report = MediaProbe.analyze(Recordings.save(dir, "gap.webm", chunks));
        assertThat(report.video().frames).isEqualTo(60);
        assertThat(report.video().maxFrameGapMs()).isCloseTo(1033L, within(2L));
        assertThat(report.video().endMs).isCloseTo(3000L, within(34L));
        assertThat(report.audio().endMs).isCloseTo(3000L, within(21L));
        assertThat(report.audio().toneHz(2.1, 2.9)).isCloseTo(TONE_HZ, within(5.0));
    }

    @Test
    void badFramesAndTimestampsAreCountedAndNeverBreakTheFile() throws Exception {
        List<Chunk> chunks;
        RecorderStats stats;
        try (RecorderEngine engine = Recordings.engine("video/webm;codecs=vp8", true, false, events)) {
            engine.start(0);
            events.next(ChunkRecorder.Start.class);
            ByteBuffer[] p = SyntheticMedia.frame(64, 48, 0, 0);
            ByteBuffer tiny = ByteBuffer.allocate(10);
            assertThat(engine.pushVideo(p[0], 64, p[1], 32, p[2], 32, 0, 48, START_NS)).as("zero width").isFalse();
            assertThat(engine.pushVideo(p[0], 64, p[1], 32, p[2], 32, -64, 48, START_NS)).as("negative").isFalse();
            assertThat(engine.pushVideo(tiny, 64, p[1], 32, p[2], 32, 64, 48, START_NS)).as("short Y plane").isFalse();
            assertThat(engine.pushVideo(p[0], 64, tiny, 32, p[2], 32, 64, 48, START_NS)).as("short U plane").isFalse();
            assertThat(engine.pushVideo(p[0], 32, p[1], 32, p[2], 32, 64, 48, START_NS)).as("stride < width").isFalse();
            assertThat(engine.pushVideo(null, 64, p[1], 32, p[2], 32, 64, 48, START_NS)).as("no plane").isFalse();
            assertThat(engine.pushVideo(p[0], 64, p[1], 32, p[2], 32, 100_000, 48, START_NS)).as("huge").isFalse();
            // odd size is valid I420 (chroma rounded up); the encoder uses the even size below it
            ByteBuffer[] odd = SyntheticMedia.frame(65, 49, 0, 0);
            assertThat(engine.pushVideo(odd[0], 65, odd[1], 33, odd[2], 33, 65, 49, START_NS)).isTrue();
            long t = START_NS;
            for (int i = 1; i <= 30; i++) {
                t += SECOND / 30;
                SyntheticMedia.pushFrame(engine, 64, 48, i, t);
            }
            SyntheticMedia.pushFrame(engine, 64, 48, 31, t);                 // duplicate
            SyntheticMedia.pushFrame(engine, 64, 48, 32, t - SECOND / 2);    // backwards
            SyntheticMedia.pushFrame(engine, 64, 48, 33, Long.MIN_VALUE);    // absurd, before the origin
            long jumped = t + 3_600 * SECOND;                                 // an hour ahead: a clock jump
            for (int i = 0; i < 30; i++) {
                SyntheticMedia.pushFrame(engine, 64, 48, 34 + i, jumped + i * SECOND / 30);
            }
            SyntheticMedia.pushFrame(engine, 64, 48, 99, Long.MAX_VALUE);    // beyond any clock: closed up too
            engine.stop();
            chunks = events.chunksUntilStop();
            stats = engine.stopped().join();
        }
        assertThat(stats.videoFramesInvalid()).isEqualTo(7);
        assertThat(stats.videoFramesMisTimed()).isEqualTo(3);
        assertThat(stats.videoJumpsClosed()).isEqualTo(2);
        assertThat(stats.videoFramesEncoded()).isEqualTo(62);
        Path file = Recordings.save(dir, "bad.webm", chunks);
        Ffprobe.Result probe = Ffprobe.probe(file);
        assertThat(probe.stream("video").width()).isEqualTo(64);
        assertThat(probe.stream("video").height()).isEqualTo(48);
        MediaProbe.StreamReport video = MediaProbe.analyze(file).video();
        assertThat(video.frames).isEqualTo(62);
        assertThat(video.maxFrameGapMs()).isLessThanOrEqualTo(34);
        assertThat(video.endMs).isCloseTo(62 * 1000L / 30, within(34L));
        Recordings.assertCleanDecode(file);
    }

    @Test
    void badAudioIsCountedAndDropped() throws Exception {
        try (RecorderEngine engine = Recordings.engine("audio/ogg", false, true, events)) {
            engine.start(0);
            events.next(ChunkRecorder.Start.class);
            ByteBuffer pcm = SyntheticMedia.sine(48_000, 2, 480, 0, TONE_HZ);
            assertThat(engine.pushAudio(pcm, 1_000, 2, 480, START_NS)).as("rate").isFalse();
            assertThat(engine.pushAudio(pcm, 48_000, 0, 480, START_NS)).as("channels").isFalse();
            assertThat(engine.pushAudio(pcm, 48_000, 2, 481, START_NS)).as("too short").isFalse();
            assertThat(engine.pushAudio(null, 48_000, 2, 480, START_NS)).as("null").isFalse();
            assertThat(engine.pushAudio(pcm, 48_000, 2, 480, START_NS)).isTrue();
            engine.stop();
            assertThat(events.chunksUntilStop()).hasSize(1);
            assertThat(engine.stopped().join().audioBuffersInvalid()).isEqualTo(4);
        }
    }
}
