package org.peerstack.recorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerstack.event.Event;
import org.peerstack.exc.InvalidStateException;
import org.peerstack.exc.NotSupportedException;
import org.peerstack.internal.recorder.Ffprobe;
import org.peerstack.internal.recorder.MediaProbe;
import org.peerstack.internal.recorder.Recordings;
import org.peerstack.media.MediaDevices;
import org.peerstack.media.MediaStream;
import org.peerstack.testing.EventRecorder;

/** The MediaRecorder state machine and its events (W3C MediaStream Recording, section 2), on fake devices. */
class MediaRecorderTest {

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

    private static MediaRecorder recorder(MediaStream stream, MediaRecorderOptions options) {
        return new MediaRecorder(stream, options, Recorded.RECORDER);
    }

    @Test
    void aNewRecorderIsInactiveWithTheRequestedTypeAndDefaultBitrates() throws Exception {
        MediaStream stream = Recorded.capture(devices, true, true);
        try (MediaRecorder plain = new MediaRecorder(stream);
             MediaRecorder typed = recorder(stream, MediaRecorderOptions.newBuilder().mimeType("video/WebM;codecs=VP9").build())) {
            assertThat(plain.state()).isEqualTo(RecordingState.INACTIVE);
            assertThat(plain.state().token()).isEqualTo("inactive");
            assertThat(plain.mimeType()).isEmpty();
            assertThat(plain.videoBitsPerSecond()).isEqualTo(Recorded.RECORDER.videoBitsPerSecond());
            assertThat(plain.audioBitsPerSecond()).isEqualTo(Recorded.RECORDER.audioBitsPerSecond());
            assertThat(typed.mimeType()).isEqualTo("video/WebM;codecs=VP9");
        } finally {
            stream.getTracks().forEach(t -> t.stop());
        }
    }

    @Test
    void anUnsupportedTypeIsRefusedAtConstruction() {
        MediaStream stream = new MediaStream();
        assertThatThrownBy(() -> recorder(stream, MediaRecorderOptions.newBuilder().mimeType("video/ogg").build()))
                .isInstanceOf(NotSupportedException.class);
        assertThatThrownBy(() -> recorder(stream, MediaRecorderOptions.newBuilder()
                .mimeType("video/webm;codecs=vp8,vp9").build())).isInstanceOf(NotSupportedException.class);
    }

    @Test
    void isTypeSupportedAnswersWhatTheEncodersProvide() {
        assertThat(MediaRecorder.isTypeSupported("")).isTrue();
        assertThat(MediaRecorder.isTypeSupported("video/webm")).isTrue();
        assertThat(MediaRecorder.isTypeSupported("video/webm;codecs=vp8,opus")).isTrue();
        assertThat(MediaRecorder.isTypeSupported("VIDEO/WEBM;CODECS=VP9,OPUS")).isTrue();
        assertThat(MediaRecorder.isTypeSupported("audio/webm;codecs=opus")).isTrue();
        assertThat(MediaRecorder.isTypeSupported("video/mp4;codecs=avc1,mp4a.40.2")).isTrue();
        assertThat(MediaRecorder.isTypeSupported("audio/ogg;codecs=opus")).isTrue();
        assertThat(MediaRecorder.isTypeSupported("video/webm;codecs=vp8,vp9")).as("two video codecs").isFalse();
        assertThat(MediaRecorder.isTypeSupported("audio/webm;codecs=opus,opus")).as("two audio codecs").isFalse();
        assertThat(MediaRecorder.isTypeSupported("video/webm;codecs=h264")).as("not offered in WebM").isFalse();
        assertThat(MediaRecorder.isTypeSupported("audio/wav")).isFalse();
        assertThat(MediaRecorder.isTypeSupported(null)).isFalse();
    }

    @Test
    void startStopGivesStartOneNonEmptyChunkAndStopAndNamesTheTypeUsed() throws Exception {
        MediaStream stream = Recorded.capture(devices, true, true);
        try (MediaRecorder recorder = recorder(stream, MediaRecorderOptions.defaults())) {
            java.util.concurrent.CompletableFuture<String> inStartListener = new java.util.concurrent.CompletableFuture<>();
            recorder.addEventListener(MediaRecorder.START, e -> inStartListener.complete(recorder.mimeType()));
            EventRecorder events = Recorded.listen(recorder);
            recorder.start();
            assertThat(recorder.state()).isEqualTo(RecordingState.RECORDING);
            // W3C: mimeType is set in the task that fires start; its listeners already read the new value.
            assertThat(inStartListener.get(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("video/webm;codecs=vp8,opus");
            assertThatThrownBy(recorder::start).isInstanceOf(InvalidStateException.class);
            events.nextEvent(MediaRecorder.START);
            assertThat(recorder.mimeType()).isEqualTo("video/webm;codecs=vp8,opus");
            Thread.sleep(1000);
            recorder.stop();
            assertThat(recorder.state()).isEqualTo(RecordingState.INACTIVE);
            List<Event> rest = Recorded.untilStop(events);
            assertThat(Recorded.names(rest)).containsExactly("dataavailable", "stop");
            BlobEvent data = Recorded.data(rest).get(0);
            assertThat(data.data().size()).isPositive();
            assertThat(data.data().type()).isEqualTo("video/webm;codecs=vp8,opus");
            assertThat(data.timecode()).isZero();
            events.assertExhausted();
            assertThat(events.threads()).as("delivering threads").allSatisfy(t -> assertThat(t).startsWith("peerstack-event-"));
            Path file = Recorded.save(dir, "one.webm", Recorded.data(rest));
            Ffprobe.Result probe = Ffprobe.probe(file);
            assertThat(probe.stream("video").codecName()).isEqualTo("vp8");
            assertThat(probe.stream("audio").codecName()).isEqualTo("opus");
            Recordings.assertCleanDecode(file);
        } finally {
            stream.getTracks().forEach(t -> t.stop());
        }
    }

    @Test
    void stopRightAfterStartStillGivesStartDataStopAndTheRecorderCanStartAgain() throws Exception {
        MediaStream stream = Recorded.capture(devices, true, true);
        try (MediaRecorder recorder = recorder(stream, MediaRecorderOptions.defaults())) {
            EventRecorder events = Recorded.listen(recorder);
            recorder.stop(); // inactive: nothing happens
            for (int round = 0; round < 2; round++) {
                recorder.start();
                recorder.stop();
                List<Event> all = Recorded.untilStop(events);
                assertThat(Recorded.names(all)).as("round " + round).containsExactly("start", "dataavailable", "stop");
                assertThat(Recorded.data(all).get(0).data().size()).as("round " + round).isPositive();
            }
            events.assertExhausted();
        } finally {
            stream.getTracks().forEach(t -> t.stop());
        }
    }

    @Test
    void pauseAndResumeFireInOrderAndLeaveNoHoleInTheTimeline() throws Exception {
        MediaStream stream = Recorded.capture(devices, true, true);
        try (MediaRecorder recorder = recorder(stream, MediaRecorderOptions.defaults())) {
            EventRecorder events = Recorded.listen(recorder);
            assertThatThrownBy(recorder::pause).isInstanceOf(InvalidStateException.class);
            assertThatThrownBy(recorder::resume).isInstanceOf(InvalidStateException.class);
            assertThatThrownBy(recorder::requestData).isInstanceOf(InvalidStateException.class);
            recorder.start();
            Thread.sleep(1000);
            recorder.pause();
            recorder.pause();
            assertThat(recorder.state()).isEqualTo(RecordingState.PAUSED);
            Thread.sleep(1000);
            recorder.resume();
            recorder.resume();
            assertThat(recorder.state()).isEqualTo(RecordingState.RECORDING);
            Thread.sleep(1000);
            recorder.stop();
            List<Event> all = Recorded.untilStop(events);
            assertThat(Recorded.names(all)).containsExactly("start", "pause", "resume", "dataavailable", "stop");
            events.assertExhausted();
            Path file = Recorded.save(dir, "paused.webm", Recorded.data(all));
            MediaProbe.StreamReport video = MediaProbe.analyze(file).video();
            assertThat(video.decodeErrors).isZero();
            assertThat(video.maxFrameGapMs()).as("largest step between frames (ms) in %s", video.framePtsMs).isLessThan(500); // the pause is 1000 ms; a loaded machine can delay single frames by ~200 ms
            assertThat(video.endMs).as("recorded time without the 1 s pause (ms)").isBetween(1500L, 2600L);
        } finally {
            stream.getTracks().forEach(t -> t.stop());
        }
    }

    @Test
    void timesliceAndRequestDataDeliverChunksOnContainerBoundariesThatMakeOneFile() throws Exception {
        MediaStream stream = Recorded.capture(devices, true, true);
        try (MediaRecorder recorder = recorder(stream, MediaRecorderOptions.defaults())) {
            EventRecorder events = Recorded.listen(recorder);
            recorder.start(300);
            events.nextEvent(MediaRecorder.START);
            BlobEvent first = events.nextEvent(MediaRecorder.DATA_AVAILABLE);
            BlobEvent second = events.nextEvent(MediaRecorder.DATA_AVAILABLE);
            recorder.requestData();
            List<BlobEvent> chunks = new java.util.ArrayList<>(List.of(first, second));
            Thread.sleep(400);
            recorder.stop();
            chunks.addAll(Recorded.data(Recorded.untilStop(events)));
            events.assertExhausted();
            assertThat(chunks.size()).isGreaterThanOrEqualTo(4);
            assertThat(chunks.get(chunks.size() - 1).data().size()).as("final chunk").isPositive();
            assertThat(second.timecode()).isGreaterThanOrEqualTo(first.timecode() + 250);
            Recorded.assertContainerBoundaries(recorder.mimeType(), chunks);
            Path file = Recorded.save(dir, "sliced.webm", chunks);
            assertThat(Ffprobe.probe(file).streams()).hasSize(2);
            Recordings.assertCleanDecode(file);
        } finally {
            stream.getTracks().forEach(t -> t.stop());
        }
    }

    @Test
    void aStreamWithoutLiveTracksCannotStart() throws Exception {
        MediaStream stream = Recorded.capture(devices, false, true);
        stream.getTracks().forEach(t -> t.stop());
        try (MediaRecorder empty = recorder(new MediaStream(), MediaRecorderOptions.defaults());
             MediaRecorder ended = recorder(stream, MediaRecorderOptions.defaults())) {
            EventRecorder events = Recorded.listen(empty).listen(ended, MediaRecorder.START);
            assertThatThrownBy(empty::start).isInstanceOf(NotSupportedException.class);
            assertThatThrownBy(ended::start).isInstanceOf(NotSupportedException.class);
            assertThat(ended.state()).isEqualTo(RecordingState.INACTIVE);
            events.assertExhausted();
        }
    }

    @Test
    void bitsPerSecondIsSplitBetweenTheKindsAtStart() throws Exception {
        MediaStream stream = Recorded.capture(devices, true, true);
        MediaStream audioOnly = new MediaStream(stream.getAudioTracks());
        try (MediaRecorder both = recorder(stream, MediaRecorderOptions.newBuilder().bitsPerSecond(1_000_000).build());
             MediaRecorder audio = recorder(audioOnly, MediaRecorderOptions.newBuilder().bitsPerSecond(64_000).build());
             MediaRecorder perKind = recorder(stream, MediaRecorderOptions.newBuilder()
                     .videoBitsPerSecond(800_000).audioBitsPerSecond(48_000).build())) {
            assertThat(both.videoBitsPerSecond() + both.audioBitsPerSecond()).isEqualTo(1_000_000);
            assertThat(both.audioBitsPerSecond()).isLessThan(both.videoBitsPerSecond());
            assertThat(perKind.videoBitsPerSecond()).isEqualTo(800_000);
            assertThat(perKind.audioBitsPerSecond()).isEqualTo(48_000);
            EventRecorder events = Recorded.listen(audio);
            audio.start();
            assertThat(audio.audioBitsPerSecond()).as("audio-only gets all of bitsPerSecond").isEqualTo(64_000);
            assertThat(audio.videoBitsPerSecond()).as("and there is no video budget").isZero();
            events.nextEvent(MediaRecorder.START);
            assertThat(audio.mimeType()).isEqualTo("audio/webm;codecs=opus");
            audio.stop();
            Recorded.untilStop(events);
            events.assertExhausted();
        } finally {
            stream.getTracks().forEach(t -> t.stop());
        }
    }

    @Test
    void closeStopsTheRecordingOnceAndTheRecorderCannotStartAgain() throws Exception {
        MediaStream stream = Recorded.capture(devices, false, true);
        try {
            MediaRecorder recorder = recorder(stream, MediaRecorderOptions.defaults());
            EventRecorder events = Recorded.listen(recorder);
            recorder.start();
            Thread.sleep(300);
            recorder.close();
            recorder.close();
            assertThat(recorder.state()).isEqualTo(RecordingState.INACTIVE);
            assertThat(Recorded.names(Recorded.untilStop(events))).containsExactly("start", "dataavailable", "stop");
            assertThatThrownBy(recorder::start).isInstanceOf(InvalidStateException.class);
            events.assertExhausted();
        } finally {
            stream.getTracks().forEach(t -> t.stop());
        }
    }

    @Test
    void aTypeThatCannotRecordTheTracksIsRefusedAtStartNotAtConstruction() throws Exception {
        MediaStream stream = Recorded.capture(devices, false, true);
        try (MediaRecorder recorder = recorder(stream, MediaRecorderOptions.newBuilder().mimeType("audio/ogg").build())) {
            EventRecorder events = Recorded.listen(recorder);
            assertThat(recorder.mimeType()).isEqualTo("audio/ogg");
            assertThatThrownBy(recorder::start).isInstanceOf(NotSupportedException.class);
            assertThatThrownBy(() -> recorder.start(-1)).isInstanceOf(org.peerstack.exc.TypeException.class);
            assertThat(recorder.state()).isEqualTo(RecordingState.INACTIVE);
            events.assertExhausted();
        } finally {
            stream.getTracks().forEach(t -> t.stop());
        }
    }
}
