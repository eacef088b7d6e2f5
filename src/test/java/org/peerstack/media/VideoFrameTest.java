package org.peerstack.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.peerstack.exc.InvalidStateException;
import org.peerstack.exc.TypeException;

class VideoFrameTest {

    @Test
    void anAllocatedFrameHasI420PlanesWithStrides() {
        VideoFrame frame = VideoFrame.allocate(33, 17, 42);
        try {
            assertThat(frame.width()).isEqualTo(33);
            assertThat(frame.height()).isEqualTo(17);
            assertThat(frame.timestampNs()).isEqualTo(42);
            assertThat(frame.strideY()).isGreaterThanOrEqualTo(33);
            assertThat(frame.strideU()).isGreaterThanOrEqualTo(17);
            assertThat(frame.dataY().capacity()).isGreaterThanOrEqualTo(frame.strideY() * 16 + 33);
            assertThat(frame.dataY().isReadOnly()).isTrue();
        } finally {
            frame.release();
        }
    }

    @Test
    void aCopyIsIndependentOfTheOriginal() {
        VideoFrame frame = VideoFrame.allocate(16, 8, 7);
        frame.writableY().put(5, (byte) 99);
        VideoFrame copy = frame.copy();
        frame.release();
        assertThat(frame.isValid()).isFalse();
        assertThat(copy.isValid()).isTrue();
        assertThat(copy.dataY().get(5)).isEqualTo((byte) 99);
        assertThat(copy.timestampNs()).isEqualTo(7);
        copy.release();
    }

    @Test
    void usingAFrameAfterItsLastReleaseIsAnInvalidStateError() {
        VideoFrame frame = VideoFrame.allocate(4, 4, 0);
        frame.retain();
        frame.release();
        assertThat(frame.isValid()).isTrue();
        frame.release();
        assertThatThrownBy(frame::dataY).isInstanceOf(InvalidStateException.class);
        assertThatThrownBy(frame::retain).isInstanceOf(InvalidStateException.class);
        assertThatThrownBy(frame::copy).isInstanceOf(InvalidStateException.class);
    }

    @Test
    void aNonPositiveSizeIsATypeError() {
        assertThatThrownBy(() -> VideoFrame.allocate(0, 4, 0)).isInstanceOf(TypeException.class);
        assertThatThrownBy(() -> VideoFrame.allocate(4, -1, 0)).isInstanceOf(TypeException.class);
    }

    @Test
    void audioDataKeepsItsSamplesAndRejectsPartialFrames() {
        AudioData data = AudioData.of(new short[] {1, -2, 3, -4}, 48_000, 2, 10);
        assertThat(data.frameCount()).isEqualTo(2);
        assertThat(data.samples().get(3)).isEqualTo((short) -4);
        assertThat(data.copyBytes()).hasSize(8);
        assertThatThrownBy(() -> AudioData.of(new short[3], 48_000, 2, 0)).isInstanceOf(TypeException.class);
        assertThatThrownBy(() -> AudioData.of(new short[2], 0, 1, 0)).isInstanceOf(TypeException.class);
        assertThatThrownBy(() -> AudioData.ofBytes(new byte[3], 48_000, 1, 0)).isInstanceOf(TypeException.class);
    }
}
