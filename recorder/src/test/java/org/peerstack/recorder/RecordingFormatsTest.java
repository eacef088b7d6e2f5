package org.peerstack.recorder;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.peerstack.event.Event;
import org.peerstack.internal.recorder.Ffprobe;
import org.peerstack.internal.recorder.MediaProbe;
import org.peerstack.internal.recorder.Recordings;
import org.peerstack.media.MediaDevices;
import org.peerstack.media.MediaStream;
import org.peerstack.media.MediaStreamTrack;
import org.peerstack.media.MediaTrackConstraints;
import org.peerstack.testing.EventRecorder;

/**
 * Every supported format, from live fake devices, checked by a real demuxer: ffprobe (stream count,
 * codecs), FFmpeg's decoders from Java (no decode errors, lengths) and the chunk boundaries.
 */
class RecordingFormatsTest {

    private static final long RECORD_MS = 1200;

    private static MediaDevices devices;

    @TempDir
    Path dir;

    @BeforeAll
    static void devices() {
        devices = Recorded.devices();
    }

    @AfterAll
    static void close() {
        devices.close();
    }

    @ParameterizedTest(name = "{0} from audio={1} video={2}")
    @CsvSource(delimiter = '|', value = {
        "''                              | true  | true  | video/webm;codecs=vp8,opus      | matroska,webm     | vp8  | opus",
        "video/webm;codecs=vp9,opus      | true  | true  | video/webm;codecs=vp9,opus      | matroska,webm     | vp9  | opus",
        "audio/webm;codecs=opus          | true  | true  | audio/webm;codecs=opus          | matroska,webm     | ''   | opus",
        "video/mp4;codecs=avc1,mp4a.40.2 | true  | true  | video/mp4;codecs=avc1,mp4a.40.2 | mov,mp4,m4a,3gp,3g2,mj2 | h264 | aac",
        "audio/ogg;codecs=opus           | true  | false | audio/ogg;codecs=opus           | ogg               | ''   | opus",
        "''                              | false | true  | video/webm;codecs=vp8           | matroska,webm     | vp8  | ''",
        "''                              | true  | false | audio/webm;codecs=opus          | matroska,webm     | ''   | opus",
        "video/mp4                       | false | true  | video/mp4;codecs=avc1           | mov,mp4,m4a,3gp,3g2,mj2 | h264 | ''",
        "video/x-matroska;codecs=vp8,opus   | true  | true  | video/x-matroska;codecs=vp8,opus  | matroska,webm | vp8  | opus",
        "video/x-matroska;codecs=vp9,pcm    | true  | true  | video/x-matroska;codecs=vp9,pcm   | matroska,webm | vp9  | pcm_s16le",
        "video/x-matroska;codecs=avc1,opus  | true  | true  | video/x-matroska;codecs=avc1,opus | matroska,webm | h264 | opus",
        "video/x-matroska;codecs=h264,pcm   | true  | true  | video/x-matroska;codecs=avc1,pcm  | matroska,webm | h264 | pcm_s16le",
        "video/x-matroska                   | true  | true  | video/x-matroska;codecs=vp8,opus  | matroska,webm | vp8  | opus",
        "audio/x-matroska;codecs=pcm        | true  | false | audio/x-matroska;codecs=pcm       | matroska,webm | ''   | pcm_s16le",
        "audio/x-matroska;codecs=opus       | true  | false | audio/x-matroska;codecs=opus      | matroska,webm | ''   | opus",
        "video/x-matroska;codecs=av1,opus   | true  | true  | video/x-matroska;codecs=av1,opus  | matroska,webm | av1  | opus",
        "video/webm;codecs=av1,opus         | true  | true  | video/webm;codecs=av1,opus        | matroska,webm | av1  | opus",
        "video/webm;codecs=av1              | false | true  | video/webm;codecs=av1             | matroska,webm | av1  | ''",
        "video/mp4;codecs=vp9,opus          | true  | true  | video/mp4;codecs=vp9,opus         | mov,mp4,m4a,3gp,3g2,mj2 | vp9  | opus",
        "video/mp4;codecs=avc1,opus         | true  | true  | video/mp4;codecs=avc1,opus        | mov,mp4,m4a,3gp,3g2,mj2 | h264 | opus",
        "audio/mp4;codecs=opus              | true  | false | audio/mp4;codecs=opus             | mov,mp4,m4a,3gp,3g2,mj2 | ''   | opus",
        "video/mp4;codecs=vp09.00.10.08     | false | true  | video/mp4;codecs=vp9              | mov,mp4,m4a,3gp,3g2,mj2 | vp9  | ''",
        "video/mp4;codecs=av01.0.04M.08,opus | true | true  | video/mp4;codecs=av1,opus         | mov,mp4,m4a,3gp,3g2,mj2 | av1  | opus",
    })
    void recordsAPlayableFile(String requested, boolean audio, boolean video, String expectedType, String format,
                              String videoCodec, String audioCodec) throws Exception {
        MediaStream stream = Recorded.capture(devices, audio, video);
        try (MediaRecorder recorder = new MediaRecorder(stream,
                MediaRecorderOptions.newBuilder().mimeType(requested).build(), Recorded.RECORDER)) {
            EventRecorder events = Recorded.listen(recorder);
            recorder.start(400);
            Thread.sleep(RECORD_MS);
            recorder.stop();
            List<Event> all = Recorded.untilStop(events);
            assertThat(recorder.mimeType()).isEqualTo(expectedType);
            events.assertExhausted();
            assertThat(Recorded.names(all)).doesNotContain("error").startsWith("start").endsWith("dataavailable", "stop");
            List<BlobEvent> chunks = Recorded.data(all);
            assertThat(chunks).allSatisfy(c -> assertThat(c.data().type()).isEqualTo(expectedType));
            Recorded.assertContainerBoundaries(expectedType, chunks);
            Path file = Recorded.save(dir, "rec", chunks);

            Ffprobe.Result probe = Ffprobe.probe(file);
            assertThat(probe.formatName()).isEqualTo(format);
            int streams = (videoCodec.isEmpty() ? 0 : 1) + (audioCodec.isEmpty() ? 0 : 1);
            assertThat(probe.streams()).hasSize(streams);
            MediaProbe.Report report = MediaProbe.analyze(file);
            if (!videoCodec.isEmpty()) {
                assertThat(probe.stream("video").codecName()).isEqualTo(videoCodec);
                assertThat(probe.stream("video").width()).isEqualTo(320);
                assertThat(report.video().decodeErrors).isZero();
                assertThat(report.video().endMs).as("video length (ms)").isBetween(RECORD_MS - 400, RECORD_MS + 600);
            }
            if (!audioCodec.isEmpty()) {
                assertThat(probe.stream("audio").codecName()).isEqualTo(audioCodec);
                assertThat(report.audio().decodeErrors).isZero();
                assertThat(report.audio().endMs).as("audio length (ms)").isBetween(RECORD_MS - 400, RECORD_MS + 600);
            }
            if (!videoCodec.isEmpty() && !audioCodec.isEmpty()) {
                assertThat(Math.abs(report.video().endMs - report.audio().endMs)).as("audio/video length difference (ms)")
                        .isLessThan(250);
            }
            Recordings.assertCleanDecode(file);
        } finally {
            stream.getTracks().forEach(MediaStreamTrack::stop);
        }
    }

    @Test
    void aResolutionChangeMidStreamKeepsOneDecodableVideoStream() throws Exception {
        MediaStream stream = Recorded.capture(devices, false, true);
        MediaStreamTrack camera = stream.getVideoTracks().get(0);
        try (MediaRecorder recorder = new MediaRecorder(stream, MediaRecorderOptions.defaults(), Recorded.RECORDER)) {
            EventRecorder events = Recorded.listen(recorder);
            recorder.start();
            Thread.sleep(600);
            camera.applyConstraints(MediaTrackConstraints.newBuilder().width(160).height(120).build())
                    .get(10, TimeUnit.SECONDS);
            Thread.sleep(600);
            recorder.stop();
            List<Event> all = Recorded.untilStop(events);
            events.assertExhausted();
            assertThat(Recorded.names(all)).containsExactly("start", "dataavailable", "stop");
            Path file = Recorded.save(dir, "resized.webm", Recorded.data(all));
            MediaProbe.StreamReport video = MediaProbe.analyze(file).video();
            assertThat(video.width).as("the encoder keeps the first frame's size").isEqualTo(320);
            assertThat(video.decodeErrors).isZero();
            assertThat(video.maxFrameGapMs()).isLessThan(500);
            Recordings.assertCleanDecode(file);
        } finally {
            stream.getTracks().forEach(MediaStreamTrack::stop);
        }
    }
}
