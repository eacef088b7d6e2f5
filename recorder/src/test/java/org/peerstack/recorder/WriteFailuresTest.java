package org.peerstack.recorder;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerstack.event.Event;
import org.peerstack.exc.ChunkDeliveryException;
import org.peerstack.internal.recorder.Ffprobe;
import org.peerstack.internal.recorder.Recordings;
import org.peerstack.media.MediaDevices;
import org.peerstack.media.MediaStream;
import org.peerstack.media.MediaStreamTrack;
import org.peerstack.testing.EventRecorder;

/** A chunk that cannot be written ends the recording with an error; what was written stays a valid file. */
class WriteFailuresTest {

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

    @Test
    void aSinkThatThrowsGivesErrorThenStopAndKeepsEarlierChunksIntact() throws Exception {
        MediaStream stream = Recorded.capture(devices, true, true);
        AtomicInteger written = new AtomicInteger();
        try (MediaRecorder recorder = new MediaRecorder(stream, MediaRecorderOptions.defaults(), Recorded.RECORDER)) {
            recorder.setBlobSink(chunk -> {
                if (written.incrementAndGet() == 3) {
                    throw new IOException("disk full (simulated by the consumer)");
                }
            });
            EventRecorder events = Recorded.listen(recorder);
            recorder.start(200);
            List<Event> all = Recorded.untilStop(events);
            events.assertExhausted();
            assertThat(Recorded.names(all)).containsExactly("start", "dataavailable", "dataavailable", "error", "stop");
            MediaRecorderErrorEvent error = (MediaRecorderErrorEvent) all.get(3);
            assertThat(error.error()).isInstanceOf(ChunkDeliveryException.class);
            assertThat(error.error().getMessage()).contains("disk full");
            assertThat(recorder.state()).isEqualTo(RecordingState.INACTIVE);
            Path file = Recorded.save(dir, "prefix.webm", Recorded.data(all));
            assertThat(Ffprobe.probe(file).streams()).hasSize(2);
            Recordings.assertCleanDecode(file);
        } finally {
            stream.getTracks().forEach(MediaStreamTrack::stop);
        }
    }

    @Test
    void aClosedOutputStreamEndsTheRecordingAndTheFileHoldsEverythingWrittenBefore() throws Exception {
        MediaStream stream = Recorded.capture(devices, false, true);
        Path file = dir.resolve("out.webm");
        OutputStream out = Files.newOutputStream(file);
        try (MediaRecorder recorder = new MediaRecorder(stream, MediaRecorderOptions.defaults(), Recorded.RECORDER)) {
            recorder.setBlobSink(chunk -> chunk.writeTo(out));
            EventRecorder events = Recorded.listen(recorder);
            recorder.start(200);
            events.nextEvent(MediaRecorder.START);
            BlobEvent first = events.nextEvent(MediaRecorder.DATA_AVAILABLE);
            out.close();
            List<Event> rest = Recorded.untilStop(events);
            events.assertExhausted();
            List<String> names = Recorded.names(rest);
            assertThat(names.subList(names.size() - 2, names.size())).containsExactly("error", "stop");
            assertThat(names.subList(0, names.size() - 2)).allSatisfy(n -> assertThat(n).isEqualTo("dataavailable"));
            List<BlobEvent> delivered = new java.util.ArrayList<>(List.of(first));
            delivered.addAll(Recorded.data(rest));
            assertThat(Files.readAllBytes(file)).as("the file holds exactly the chunks delivered")
                    .isEqualTo(Files.readAllBytes(Recorded.save(dir, "delivered.webm", delivered)));
            assertThat(((MediaRecorderErrorEvent) rest.get(names.size() - 2)).error())
                    .isInstanceOf(ChunkDeliveryException.class);
            assertThat(Files.size(file)).isPositive();
            assertThat(Ffprobe.probe(file).stream("video").codecName()).isEqualTo("vp8");
            Recordings.assertCleanDecode(file);
        } finally {
            stream.getTracks().forEach(MediaStreamTrack::stop);
        }
    }
}
