package org.peerstack.recorder;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.peerstack.config.PeerstackConfig;
import org.peerstack.config.RecorderConfig;
import org.peerstack.event.Event;
import org.peerstack.internal.recorder.Chunk;
import org.peerstack.internal.recorder.Recordings;
import org.peerstack.internal.recorder.RecordingTypes;
import org.peerstack.media.Blob;
import org.peerstack.media.MediaDevices;
import org.peerstack.media.MediaStream;
import org.peerstack.media.MediaStreamConstraints;
import org.peerstack.testing.EventRecorder;

/** Shared steps of the MediaRecorder tests: fake devices, event collection, saving and checking chunks. */
final class Recorded {

    /** Fake camera at 320x240 (keeps the suite light on a shared 2-core machine) plus the fake microphone. */
    static final PeerstackConfig CONFIG = PeerstackConfig.loader().load(Optional.empty(), Map.of(
            "peerstack.media.fake-devices", "true",
            "peerstack.media.fake-camera-width", "320",
            "peerstack.media.fake-camera-height", "240"), Map.of());
    static final RecorderConfig RECORDER = CONFIG.recorder();

    private Recorded() {
    }

    static MediaDevices devices() {
        return MediaDevices.create(CONFIG, Map.of());
    }

    static MediaStream capture(MediaDevices devices, boolean audio, boolean video) throws Exception {
        return devices.getUserMedia(MediaStreamConstraints.of(audio, video)).get(20, TimeUnit.SECONDS);
    }

    static EventRecorder listen(MediaRecorder recorder) {
        return new EventRecorder().listen(recorder, MediaRecorder.START, MediaRecorder.STOP, MediaRecorder.PAUSE,
                MediaRecorder.RESUME, MediaRecorder.DATA_AVAILABLE, MediaRecorder.ERROR);
    }

    /** Events up to and including {@code stop}. */
    static List<Event> untilStop(EventRecorder events) {
        List<Event> out = new ArrayList<>();
        while (true) {
            Event e = events.nextEvent();
            out.add(e);
            if (e.type() == MediaRecorder.STOP) {
                return out;
            }
        }
    }

    static List<String> names(List<Event> events) {
        return events.stream().map(e -> e.type().name()).toList();
    }

    static List<BlobEvent> data(List<Event> events) {
        return events.stream().filter(e -> e instanceof BlobEvent).map(e -> (BlobEvent) e).toList();
    }

    /** Writes the chunks one after the other into {@code dir/name}. */
    static Path save(Path dir, String name, List<BlobEvent> chunks) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, Blob.concat(chunks.stream().map(BlobEvent::data).toList(), "").bytes());
        return file;
    }

    /** The engine test's check: the first chunk opens the file, every later one a Cluster/moof/page. */
    static void assertContainerBoundaries(String mimeType, List<BlobEvent> chunks) {
        List<Chunk> asChunks = chunks.stream()
                .map(e -> new Chunk(e.data().bytes(), e.data().type(), (long) e.timecode(), false)).toList();
        Recordings.assertContainerBoundaries(
                RecordingTypes.ofNativeEncoders().select(mimeType, true, true).container(), asChunks);
        assertThat(chunks.get(0).timecode()).as("timecode of the first chunk").isZero();
    }
}
