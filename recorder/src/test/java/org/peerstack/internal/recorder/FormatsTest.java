package org.peerstack.internal.recorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.peerstack.internal.recorder.Recordings.START_NS;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every supported format, audio-only, video-only and audio+video, recorded with a timeslice and checked
 * by ffprobe, a clean ffmpeg decode and a full decode through FFmpeg's own demuxer.
 */
class FormatsTest {

    private static final double TONE_HZ = 700;
    private static final double SECONDS = 2.0;
    private final ChunkRecorder events = new ChunkRecorder();
    @TempDir
    Path dir;

    @AfterEach
    void noLeftoverEvents() {
        events.assertExhausted();
    }

    static Stream<Arguments> formats() {
        return Stream.of(
                Arguments.of("video/webm;codecs=vp9,opus", true, true, "video/webm;codecs=vp9,opus", List.of("vp9", "opus")),
                Arguments.of("video/webm;codecs=vp8", true, false, "video/webm;codecs=vp8", List.of("vp8")),
                Arguments.of("audio/webm", false, true, "audio/webm;codecs=opus", List.of("opus")),
                Arguments.of("video/mp4", true, true, "video/mp4;codecs=avc1,mp4a.40.2", List.of("h264", "aac")),
                Arguments.of("video/mp4;codecs=avc1", true, false, "video/mp4;codecs=avc1", List.of("h264")),
                Arguments.of("audio/mp4", false, true, "audio/mp4;codecs=mp4a.40.2", List.of("aac")),
                Arguments.of("audio/ogg;codecs=opus", false, true, "audio/ogg;codecs=opus", List.of("opus")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formats")
    void recordsAValidChunkedFile(String requested, boolean video, boolean audio, String reported,
                                  List<String> codecs) throws Exception {
        List<Chunk> chunks;
        RecorderStats stats;
        RecordingType type;
        try (RecorderEngine engine = Recordings.engine(requested, video, audio, events)) {
            type = engine.settings().type();
            engine.start(400);
            assertThat(events.next(ChunkRecorder.Start.class).mimeType()).isEqualTo(reported);
            SyntheticMedia.feed(engine, SECONDS, video ? 320 : 0, 240, 48_000, audio ? 2 : 0, TONE_HZ, START_NS);
            engine.stop();
            chunks = events.chunksUntilStop();
            stats = engine.stopped().join();
        }
        assertThat(chunks.size()).as("chunks at a 400 ms timeslice over 2 s").isBetween(5, 7);
        assertThat(chunks.get(0).timecodeMs()).isZero();
        assertThat(chunks.get(chunks.size() - 1).last()).isTrue();
        assertThat(chunks.get(chunks.size() - 1).size()).isPositive();
        Recordings.assertContainerBoundaries(type.container(), chunks);

        Path file = Recordings.save(dir, "rec." + type.container().subtype(), chunks);
        Ffprobe.Result probe = Ffprobe.probe(file);
        assertThat(probe.streams()).extracting(Ffprobe.Stream::codecName).containsExactlyElementsOf(codecs);
        Recordings.assertCleanDecode(file);
        MediaProbe.Report report = MediaProbe.analyze(file);
        if (video) {
            assertThat(probe.stream("video").frames()).isEqualTo(60).isEqualTo((int) stats.videoFramesEncoded());
            assertThat(report.video().frames).isEqualTo(60);
            assertThat(report.video().decodeErrors).isZero();
            assertThat(report.video().endMs).as("video duration").isCloseTo(2000L, within(34L));
            assertThat(report.video().maxFrameGapMs()).isLessThanOrEqualTo(34);
        }
        if (audio) {
            MediaProbe.StreamReport a = report.audio();
            assertThat(a.sampleRate).isEqualTo(48_000);
            assertThat(a.channels).isEqualTo(2);
            assertThat(a.decodeErrors).isZero();
            assertThat(a.endMs).as("audio duration").isCloseTo(2000L, within(30L));
            assertThat(a.toneHz(0.2, 1.8)).as("decoded tone").isCloseTo(TONE_HZ, within(4.0));
        }
    }
}
