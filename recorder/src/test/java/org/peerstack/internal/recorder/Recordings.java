package org.peerstack.internal.recorder;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import org.peerstack.config.RecorderConfig;

/** Shared steps of the engine tests: make an engine, save and check chunk boundaries. */
public final class Recordings {

    /** 1 s at 30 fps from t = 0, as {@link SyntheticMedia#feed} pushes them: 30 frames. */
    static final long START_NS = 1_000_000_000L;
    /** Enough to never overflow while a test feeds faster than real time. */
    static final long PRODUCER_WAIT_MS = 60_000;

    private Recordings() {
    }

    static RecorderEngine engine(String mimeType, boolean video, boolean audio, RecorderListener listener) {
        return engine(mimeType, video, audio, listener, RecorderConfig.defaults());
    }

    static RecorderEngine engine(String mimeType, boolean video, boolean audio, RecorderListener listener,
                                 RecorderConfig config) {
        RecordingType type = RecordingTypes.ofNativeEncoders().select(mimeType, video, audio);
        RecorderSettings settings = RecorderSettings.of(type, config, OptionalLong.empty(), OptionalLong.empty(),
                OptionalLong.empty()).withProducerWaitMs(PRODUCER_WAIT_MS);
        return new RecorderEngine(settings, listener);
    }

    static Path save(Path dir, String name, List<Chunk> chunks) throws IOException {
        return ChunkRecorder.write(dir, name, ChunkRecorder.concat(chunks));
    }

    static boolean startsWith(byte[] data, int... prefix) {
        if (data.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((data[i] & 0xff) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** The type of the first MP4 box. */
    static String firstBox(byte[] data) {
        return data.length < 8 ? "" : new String(Arrays.copyOfRange(data, 4, 8), StandardCharsets.US_ASCII);
    }

    /** Every non-empty chunk after the first begins on a container boundary; the first with the header. */
    public static void assertContainerBoundaries(Container container, List<Chunk> chunks) {
        for (int i = 0; i < chunks.size(); i++) {
            byte[] d = chunks.get(i).data();
            if (d.length == 0) {
                continue;
            }
            String where = "chunk " + i + " of " + chunks.size();
            switch (container) {
                case WEBM, MATROSKA -> assertThat(i == 0 ? startsWith(d, 0x1A, 0x45, 0xDF, 0xA3) : startsWith(d, 0x1F, 0x43, 0xB6, 0x75))
                        .as(where + (i == 0 ? " starts with the EBML header" : " starts with a Cluster")).isTrue();
                case MP4 -> assertThat(firstBox(d)).as(where).isEqualTo(i == 0 ? "ftyp" : "moof");
                case OGG -> assertThat(startsWith(d, 'O', 'g', 'g', 'S')).as(where + " starts with an Ogg page").isTrue();
                default -> throw new IllegalArgumentException(container.toString());
            }
        }
    }

    public static void assertCleanDecode(Path file) throws IOException, InterruptedException {
        assertThat(Ffprobe.decodeErrors(file)).as("ffmpeg -xerror decode of " + file.getFileName()).isEmpty();
    }

    static long size(Path file) throws IOException {
        return Files.size(file);
    }
}
