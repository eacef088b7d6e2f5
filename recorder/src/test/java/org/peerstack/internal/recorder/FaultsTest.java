package org.peerstack.internal.recorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peerstack.internal.recorder.Recordings.START_NS;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerstack.config.RecorderConfig;
import org.peerstack.exc.ChunkDeliveryException;
import org.peerstack.exc.EncodingException;
import org.peerstack.exc.RecorderQueueFullException;
import org.peerstack.exc.PeerstackException;

/** Write failures, queue overflow and closing mid-recording: reported, stopped, nothing delivered lost. */
class FaultsTest {

    private final ChunkRecorder events = new ChunkRecorder();
    @TempDir
    Path dir;

    @AfterEach
    void noLeftoverEvents() {
        events.assertExhausted();
    }

    @Test
    void aThrowingConsumerStopsTheRecordingAndTheChunksBeforeStayValid() throws Exception {
        events.throwAfterChunks = 2;
        events.throwOnData = new IllegalStateException("consumer broke");
        try (RecorderEngine engine = Recordings.engine("", true, true, events)) {
            engine.start(300);
            events.next(ChunkRecorder.Start.class);
            SyntheticMedia.feed(engine, 2.0, 320, 240, 48_000, 2, 440, START_NS);
            List<Chunk> delivered = List.of(events.next(Chunk.class), events.next(Chunk.class));
            PeerstackException error = events.next(ChunkRecorder.Error.class).error();
            assertThat(error).isInstanceOf(ChunkDeliveryException.class).hasRootCauseMessage("consumer broke");
            events.next(ChunkRecorder.Stop.class);
            assertThat(engine.state()).isEqualTo(RecorderEngine.State.STOPPED);
            assertThat(engine.pushAudio(SyntheticMedia.sine(48_000, 1, 480, 0, 440), 48_000, 1, 480, START_NS))
                    .as("push after the stop").isFalse();
            engine.stop();
            engine.close();
            assertThat(engine.state()).as("stop and close after a failure change nothing").isEqualTo(
                    RecorderEngine.State.STOPPED);
            Path file = Recordings.save(dir, "prefix.webm", delivered);
            MediaProbe.Report report = MediaProbe.analyze(file);
            assertThat(report.video().frames).isBetween(15, 25);
            assertThat(report.video().decodeErrors).isZero();
            Recordings.assertCleanDecode(file);
        }
    }

    @Test
    void aFullDiskIsReportedAndStopsTheRecording() throws Exception {
        try (OutputStream full = new FileOutputStream("/dev/full")) {
            assertWriteFailureStops(full, "No space left on device");
        }
    }

    @Test
    void aClosedOutputStreamIsReportedAndStopsTheRecording() throws Exception {
        OutputStream closed = new FileOutputStream(dir.resolve("closed.webm").toFile());
        closed.close();
        assertWriteFailureStops(closed, "Stream Closed");
    }

    private void assertWriteFailureStops(OutputStream out, String cause) {
        RecorderListener writing = new ForwardingListener(events) {
            @Override
            public void onData(Chunk chunk) {
                try {
                    out.write(chunk.data());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                super.onData(chunk);
            }
        };
        try (RecorderEngine engine = Recordings.engine("audio/webm", false, true, writing)) {
            engine.start(200);
            events.next(ChunkRecorder.Start.class);
            SyntheticMedia.feed(engine, 1.0, 0, 0, 48_000, 2, 440, START_NS);
            PeerstackException error = events.next(ChunkRecorder.Error.class).error();
            assertThat(error).isInstanceOf(ChunkDeliveryException.class).hasRootCauseMessage(cause);
            events.next(ChunkRecorder.Stop.class);
        }
    }

    @Test
    void queueOverflowIsAReportedErrorAndWhatWasQueuedIsStillWritten() throws Exception {
        RecorderConfig tight = RecorderConfig.defaults().toBuilder().maxQueueBytes(1 << 20).maxQueueItems(8).build();
        RecordingType type = RecordingTypes.ofNativeEncoders().select("video/webm", true, false);
        RecorderSettings settings = RecorderSettings.of(type, tight, OptionalLong.empty(), OptionalLong.empty(),
                OptionalLong.empty());
        List<Chunk> chunks = new ArrayList<>();
        int accepted = 0;
        int refused = 0;
        try (RecorderEngine engine = new RecorderEngine(settings, events)) {
            engine.start(0);
            events.next(ChunkRecorder.Start.class);
            for (int i = 0; i < 200 && refused == 0; i++) {
                if (SyntheticMedia.pushFrame(engine, 1280, 720, i, START_NS + i * 33_333_333L)) {
                    accepted++;
                } else {
                    refused++;
                }
            }
            assertThat(refused).as("a push was refused").isEqualTo(1);
            assertThat(events.next(ChunkRecorder.Error.class).error()).isInstanceOf(RecorderQueueFullException.class)
                    .hasMessageContaining("recorder.max-queue-bytes");
            while (true) {
                Object e = events.next();
                if (e instanceof Chunk c) {
                    chunks.add(c);
                } else {
                    assertThat(e).isInstanceOf(ChunkRecorder.Stop.class);
                    break;
                }
            }
        }
        assertThat(chunks).hasSize(1);
        assertThat(chunks.get(0).last()).isTrue();
        MediaProbe.StreamReport video = MediaProbe.analyze(Recordings.save(dir, "overflow.webm", chunks)).video();
        assertThat(video.frames).as("every accepted frame is in the file").isEqualTo(accepted);
        assertThat(video.decodeErrors).isZero();
    }

    @Test
    void closingMidRecordingDeliversTheFinalChunkAndIsIdempotent() throws Exception {
        RecorderEngine engine = Recordings.engine("video/mp4", true, true, events);
        engine.start(0);
        events.next(ChunkRecorder.Start.class);
        SyntheticMedia.feed(engine, 1.0, 320, 240, 48_000, 2, 440, START_NS);
        engine.close();
        assertThat(engine.state()).isEqualTo(RecorderEngine.State.STOPPED);
        engine.close();
        List<Chunk> chunks = events.chunksUntilStop();
        assertThat(chunks).hasSize(1);
        assertThat(engine.pushVideo(null, 0, null, 0, null, 0, 1, 1, 0)).isFalse();
        Path file = Recordings.save(dir, "closed.mp4", chunks);
        assertThat(Ffprobe.probe(file).stream("video").frames()).isEqualTo(30);
        Recordings.assertCleanDecode(file);
    }

    @Test
    void anEncoderThatCannotOpenIsAnEncodingErrorAndTheRecordingStops() throws Exception {
        // OpenH264 refuses frames beyond level 5.2 (36864 macroblocks); 4096x4096 has 65536.
        int size = 4096;
        ByteBuffer y = ByteBuffer.allocateDirect(size * size);
        ByteBuffer uv = ByteBuffer.allocateDirect(size * size / 4);
        try (RecorderEngine engine = Recordings.engine("video/mp4;codecs=avc1", true, false, events)) {
            engine.start(0);
            events.next(ChunkRecorder.Start.class);
            assertThat(engine.pushVideo(y, size, uv, size / 2, uv, size / 2, size, size, START_NS)).isTrue();
            PeerstackException error = events.next(ChunkRecorder.Error.class).error();
            assertThat(error).isInstanceOf(EncodingException.class).hasMessageContaining("libopenh264");
            assertThat(error.errorName()).isEqualTo("EncodingError");
            assertThat(events.next(Chunk.class).last()).as("the final chunk still follows the error").isTrue();
            events.next(ChunkRecorder.Stop.class);
            assertThat(engine.state()).isEqualTo(RecorderEngine.State.STOPPED);
        }
    }

    @Test
    void anEngineClosedBeforeStartNeverStartsAThread() {
        RecorderEngine engine = Recordings.engine("", true, true, events);
        engine.close();
        assertThat(engine.state()).isEqualTo(RecorderEngine.State.STOPPED);
        assertThat(engine.stopped()).isCompleted();
    }

    /** Forwards to the event recorder (a subclass adds a real output). */
    private static class ForwardingListener implements RecorderListener {
        private final RecorderListener to;

        ForwardingListener(RecorderListener to) {
            this.to = to;
        }

        @Override
        public void onStart(String mimeType) {
            to.onStart(mimeType);
        }

        @Override
        public void onData(Chunk chunk) {
            to.onData(chunk);
        }

        @Override
        public void onError(PeerstackException error) {
            to.onError(error);
        }

        @Override
        public void onStop(RecorderStats stats) {
            to.onStop(stats);
        }
    }
}
