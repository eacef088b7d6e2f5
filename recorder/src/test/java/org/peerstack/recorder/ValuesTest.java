package org.peerstack.recorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.peerstack.exc.TypeException;
import org.peerstack.media.Blob;

/** Blob, MediaRecorderOptions and RecordingState: the plain values of the recorder API. */
class ValuesTest {

    @Test
    void aBlobHoldsACopyAndStreamsItsBytes() throws Exception {
        byte[] source = {1, 2, 3};
        Blob blob = Blob.of(source, "audio/ogg;codecs=opus");
        source[0] = 9;
        assertThat(blob.size()).isEqualTo(3);
        assertThat(blob.type()).isEqualTo("audio/ogg;codecs=opus");
        assertThat(blob.bytes()).containsExactly(1, 2, 3);
        blob.bytes()[1] = 7;
        assertThat(blob.stream().readAllBytes()).containsExactly(1, 2, 3);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        blob.writeTo(out);
        assertThat(out.toByteArray()).containsExactly(1, 2, 3);
    }

    @Test
    void concatenatedBlobsKeepTheirOrder() {
        Blob whole = Blob.concat(List.of(Blob.of(new byte[] {1}, "x"), Blob.of(new byte[0], "x"),
                Blob.of(new byte[] {2, 3}, "x")), "video/webm");
        assertThat(whole.bytes()).containsExactly(1, 2, 3);
        assertThat(whole.type()).isEqualTo("video/webm");
    }

    @Test
    void optionsAreImmutableAndRefuseValuesOutsideUnsignedLong() {
        MediaRecorderOptions options = MediaRecorderOptions.newBuilder().mimeType("video/webm").bitsPerSecond(1000).build();
        MediaRecorderOptions changed = options.toBuilder().videoBitsPerSecond(5).build();
        assertThat(options.videoBitsPerSecond()).isEmpty();
        assertThat(changed.videoBitsPerSecond()).hasValue(5);
        assertThat(changed.bitsPerSecond()).hasValue(1000);
        assertThat(changed.mimeType()).isEqualTo("video/webm");
        assertThat(options).isEqualTo(MediaRecorderOptions.newBuilder().mimeType("video/webm").bitsPerSecond(1000).build());
        assertThat(MediaRecorderOptions.defaults().mimeType()).isEmpty();
        assertThatThrownBy(() -> MediaRecorderOptions.newBuilder().audioBitsPerSecond(-1)).isInstanceOf(TypeException.class);
        assertThatThrownBy(() -> MediaRecorderOptions.newBuilder().bitsPerSecond(1L << 32)).isInstanceOf(TypeException.class);
        assertThatThrownBy(() -> MediaRecorderOptions.newBuilder().mimeType(null)).isInstanceOf(TypeException.class);
    }

    @Test
    void recordingStatesUseTheW3cTokens() {
        assertThat(List.of(RecordingState.values()).stream().map(RecordingState::token))
                .containsExactly("inactive", "recording", "paused");
        assertThat(RecordingState.fromToken("paused")).isEqualTo(RecordingState.PAUSED);
        assertThatThrownBy(() -> RecordingState.fromToken("stopped")).isInstanceOf(TypeException.class);
    }

    /** WebIDL: a missing required member of an event's init is a TypeError, not a NullPointerException. */
    @Test
    void eventConstructorsThrowTypeExceptionForAMissingRequiredMember() {
        assertThatThrownBy(() -> new BlobEvent(MediaRecorder.DATA_AVAILABLE, null, null, 0))
                .isInstanceOf(TypeException.class);
        assertThatThrownBy(() -> new MediaRecorderErrorEvent(MediaRecorder.ERROR, null, null))
                .isInstanceOf(TypeException.class);
    }
}
