package org.peerstack.recorder;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerstack.event.Event;
import org.peerstack.exc.InvalidModificationException;
import org.peerstack.internal.recorder.MediaProbe;
import org.peerstack.internal.recorder.Recordings;
import org.peerstack.media.MediaDevices;
import org.peerstack.media.MediaKind;
import org.peerstack.media.MediaStream;
import org.peerstack.media.MediaStreamTrack;
import org.peerstack.testing.EventRecorder;
import org.peerstack.testing.ManualSource;

/** What a recording does when its tracks end, change, are disabled or muted. */
class TrackChangesTest {

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

    private static MediaRecorder recorder(MediaStream stream) {
        return new MediaRecorder(stream, MediaRecorderOptions.defaults(), Recorded.RECORDER);
    }

    @Test
    void stoppingEveryTrackOfTheStreamEndsTheRecordingCleanly() throws Exception {
        MediaStream stream = Recorded.capture(devices, true, true);
        try (MediaRecorder recorder = recorder(stream)) {
            EventRecorder events = Recorded.listen(recorder);
            recorder.start();
            Thread.sleep(700);
            stream.getTracks().forEach(MediaStreamTrack::stop);
            List<Event> all = Recorded.untilStop(events);
            assertThat(Recorded.names(all)).containsExactly("start", "dataavailable", "stop");
            assertThat(recorder.state()).isEqualTo(RecordingState.INACTIVE);
            events.assertExhausted();
            Recordings.assertCleanDecode(Recorded.save(dir, "closed.webm", Recorded.data(all)));
        }
    }

    @Test
    void tracksEndingByThemselvesGiveDataThenStop() throws Exception {
        ManualSource source = ManualSource.started(MediaKind.VIDEO);
        MediaStream stream = new MediaStream(List.of(source.createTrack()));
        try (MediaRecorder recorder = recorder(stream)) {
            EventRecorder events = Recorded.listen(recorder);
            recorder.start();
            for (int i = 0; i < 10; i++) {
                source.pushFrame();
                Thread.sleep(33);
            }
            source.fireEnd();
            List<Event> all = Recorded.untilStop(events);
            assertThat(Recorded.names(all)).containsExactly("start", "dataavailable", "stop");
            events.assertExhausted();
            MediaProbe.StreamReport video = MediaProbe.analyze(Recorded.save(dir, "ended.webm", Recorded.data(all))).video();
            assertThat(video.frames).isEqualTo(10);
            assertThat(video.decodeErrors).isZero();
        }
    }

    @Test
    void addingATrackWhileRecordingIsAnInvalidModificationError() throws Exception {
        MediaStream stream = Recorded.capture(devices, false, true);
        MediaStream mic = Recorded.capture(devices, true, false);
        try (MediaRecorder recorder = recorder(stream)) {
            EventRecorder events = Recorded.listen(recorder);
            recorder.start();
            Thread.sleep(500);
            stream.addTrack(mic.getAudioTracks().get(0));
            List<Event> all = Recorded.untilStop(events);
            assertThat(Recorded.names(all)).containsExactly("start", "error", "dataavailable", "stop");
            MediaRecorderErrorEvent error = (MediaRecorderErrorEvent) all.get(1);
            assertThat(error.error()).isInstanceOf(InvalidModificationException.class);
            assertThat(error.error().errorName()).isEqualTo("InvalidModificationError");
            assertThat(recorder.state()).isEqualTo(RecordingState.INACTIVE);
            events.assertExhausted();
            Recordings.assertCleanDecode(Recorded.save(dir, "added.webm", Recorded.data(all)));
        } finally {
            stream.getTracks().forEach(MediaStreamTrack::stop);
        }
    }

    @Test
    void removingATrackWhileRecordingIsAnInvalidModificationError() throws Exception {
        MediaStream stream = Recorded.capture(devices, true, true);
        try (MediaRecorder recorder = recorder(stream)) {
            EventRecorder events = Recorded.listen(recorder);
            recorder.start(200);
            Thread.sleep(500);
            stream.removeTrack(stream.getAudioTracks().get(0));
            List<Event> all = Recorded.untilStop(events);
            List<String> names = Recorded.names(all);
            assertThat(names.get(0)).isEqualTo("start");
            assertThat(names.subList(names.size() - 3, names.size())).containsExactly("error", "dataavailable", "stop");
            assertThat(((MediaRecorderErrorEvent) all.get(names.indexOf("error"))).error())
                    .isInstanceOf(InvalidModificationException.class);
            events.assertExhausted();
        } finally {
            stream.getTracks().forEach(MediaStreamTrack::stop);
        }
    }

    @Test
    void disabledTracksRecordSilenceAndPicturesWithoutError() throws Exception {
        MediaStream stream = Recorded.capture(devices, true, true);
        stream.getTracks().forEach(t -> t.setEnabled(false));
        try (MediaRecorder recorder = recorder(stream)) {
            EventRecorder events = Recorded.listen(recorder);
            recorder.start();
            Thread.sleep(1000);
            recorder.stop();
            List<Event> all = Recorded.untilStop(events);
            assertThat(Recorded.names(all)).containsExactly("start", "dataavailable", "stop");
            events.assertExhausted();
            MediaProbe.Report report = MediaProbe.analyze(Recorded.save(dir, "disabled.webm", Recorded.data(all)));
            assertThat(report.video().frames).isGreaterThan(10);
            assertThat(report.audio().sampleCount).isGreaterThan(24_000);
            float loudest = 0;
            for (int i = 0; i < report.audio().sampleCount; i++) {
                loudest = Math.max(loudest, Math.abs(report.audio().samples[i]));
            }
            assertThat(loudest).as("peak of the disabled microphone's audio").isLessThan(0.01f);
        } finally {
            stream.getTracks().forEach(MediaStreamTrack::stop);
        }
    }

    @Test
    void mutedTracksAreFilledWithBlackAndSilenceSoTheTimelineHasNoHole() throws Exception {
        ManualSource camera = ManualSource.started(MediaKind.VIDEO);
        ManualSource mic = ManualSource.started(MediaKind.AUDIO);
        MediaStream stream = new MediaStream(List.of(camera.createTrack(), mic.createTrack()));
        ScheduledExecutorService feeder = Executors.newSingleThreadScheduledExecutor();
        try (MediaRecorder recorder = recorder(stream)) {
            EventRecorder events = Recorded.listen(recorder);
            recorder.start();
            feeder.scheduleAtFixedRate(() -> {
                camera.pushFrame();
                mic.pushAudio();
                mic.pushAudio();
                mic.pushAudio();
            }, 0, 30, TimeUnit.MILLISECONDS);
            Thread.sleep(600);
            feeder.shutdownNow();
            feeder.awaitTermination(10, TimeUnit.SECONDS);
            camera.fireMute();
            mic.fireMute();
            Thread.sleep(1000);
            recorder.stop();
            List<Event> all = Recorded.untilStop(events);
            assertThat(Recorded.names(all)).containsExactly("start", "dataavailable", "stop");
            events.assertExhausted();
            MediaProbe.Report report = MediaProbe.analyze(Recorded.save(dir, "muted.webm", Recorded.data(all)));
            assertThat(report.video().maxFrameGapMs()).as("largest step between frames (ms)").isLessThan(400);
            assertThat(report.video().endMs).as("video length (ms)").isGreaterThan(1400);
            assertThat(report.audio().endMs).as("audio length (ms)").isGreaterThan(1400);
            assertThat(report.video().decodeErrors + report.audio().decodeErrors).isZero();
        } finally {
            feeder.shutdownNow();
        }
    }

    @Test
    void onlyTheFirstTrackOfEachKindIsRecorded() throws Exception {
        MediaStream first = Recorded.capture(devices, true, true);
        MediaStream second = Recorded.capture(devices, true, true);
        MediaStream both = new MediaStream(first.getTracks());
        second.getTracks().forEach(both::addTrack);
        try (MediaRecorder recorder = recorder(both)) {
            EventRecorder events = Recorded.listen(recorder);
            recorder.start();
            Thread.sleep(800);
            recorder.stop();
            List<Event> all = Recorded.untilStop(events);
            assertThat(Recorded.names(all)).containsExactly("start", "dataavailable", "stop");
            events.assertExhausted();
            MediaProbe.Report report = MediaProbe.analyze(Recorded.save(dir, "first.webm", Recorded.data(all)));
            assertThat(report.streams()).hasSize(2);
            assertThat(report.audio().endMs).as("audio length (ms): one microphone, not two appended")
                    .isLessThan(report.video().endMs + 300);
        } finally {
            first.getTracks().forEach(MediaStreamTrack::stop);
            second.getTracks().forEach(MediaStreamTrack::stop);
        }
    }

    /** A camera whose frames all carry timestamp 0: a broken clock a third-party source might have. */
    private static final class ZeroClockCamera extends org.peerstack.media.MediaTrackSource {

        ZeroClockCamera() {
            super(MediaKind.VIDEO, "zero-clock camera");
        }

        @Override
        public org.peerstack.media.MediaTrackCapabilities capabilities() {
            return org.peerstack.media.MediaTrackCapabilities.newBuilder().width(32, 32).height(32, 32).build();
        }

        @Override
        protected org.peerstack.media.MediaTrackSettings defaultSettings() {
            return org.peerstack.media.MediaTrackSettings.newBuilder().width(32).height(32).frameRate(30).build();
        }

        @Override
        protected void onStart(org.peerstack.media.MediaTrackSettings settings) {
        }

        @Override
        protected void onStop() {
        }

        void push() {
            org.peerstack.media.VideoFrame frame = org.peerstack.media.VideoFrame.allocate(32, 32, 0);
            try {
                deliverVideo(frame);
            } finally {
                frame.release();
            }
        }
    }

    @Test
    void aSourceWhoseTimestampsDoNotAdvanceIsRecordedOnArrivalTime() throws Exception {
        ZeroClockCamera camera = new ZeroClockCamera();
        camera.start(org.peerstack.media.MediaTrackConstraints.empty());
        MediaStream stream = new MediaStream(List.of(camera.createTrack()));
        try (MediaRecorder recorder = recorder(stream)) {
            EventRecorder events = Recorded.listen(recorder);
            recorder.start();
            for (int i = 0; i < 15; i++) {
                camera.push();
                Thread.sleep(33);
            }
            recorder.stop();
            List<Event> all = Recorded.untilStop(events);
            assertThat(Recorded.names(all)).containsExactly("start", "dataavailable", "stop");
            events.assertExhausted();
            MediaProbe.StreamReport video = MediaProbe.analyze(Recorded.save(dir, "zero.webm", Recorded.data(all))).video();
            assertThat(video.frames).as("frames kept").isEqualTo(15);
            assertThat(video.decodeErrors).isZero();
        } finally {
            stream.getTracks().forEach(MediaStreamTrack::stop);
        }
    }
}
