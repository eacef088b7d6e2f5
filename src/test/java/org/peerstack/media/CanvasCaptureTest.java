package org.peerstack.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.peerstack.exc.NotSupportedException;
import org.peerstack.exc.TypeException;
import org.peerstack.testing.FrameProbe;

class CanvasCaptureTest {

    private static CanvasCaptureMediaStreamTrack track(MediaStream stream) {
        return (CanvasCaptureMediaStreamTrack) stream.getVideoTracks().get(0);
    }

    private static CanvasSource source(MediaStreamTrack track) {
        return (CanvasSource) track.source();
    }

    @Test
    void aNegativeOrNanFrameRateIsNotSupported() {
        MediaCanvas canvas = new MediaCanvas(64, 48);
        assertThatThrownBy(() -> canvas.captureStream(-1)).isInstanceOf(NotSupportedException.class);
        assertThatThrownBy(() -> canvas.captureStream(Double.NaN)).isInstanceOf(NotSupportedException.class);
    }

    @Test
    void aCanvasMustHaveASensibleSize() {
        assertThatThrownBy(() -> new MediaCanvas(0, 10)).isInstanceOf(TypeException.class);
        assertThatThrownBy(() -> new MediaCanvas(10, 100_000)).isInstanceOf(TypeException.class);
    }

    @Test
    void frameRateZeroCapturesOnceAtCreationThenOnlyOnRequest() throws Exception {
        MediaCanvas canvas = new MediaCanvas(64, 48);
        CanvasCaptureMediaStreamTrack track = track(canvas.captureStream(0));
        CanvasSource.flush();
        assertThat(source(track).framesCaptured()).isEqualTo(1);
        AtomicInteger seen = new AtomicInteger();
        track.addVideoSink(frame -> seen.incrementAndGet());
        track.requestFrame();
        track.requestFrame();
        CanvasSource.flush();
        assertThat(source(track).framesCaptured()).isEqualTo(3);
        assertThat(seen).hasValue(2);
        track.stop();
    }

    @Test
    void requestFrameOnAStoppedTrackDoesNothing() throws Exception {
        CanvasCaptureMediaStreamTrack track = track(new MediaCanvas(64, 48).captureStream(0));
        track.stop();
        track.requestFrame();
        CanvasSource.flush();
        assertThat(source(track).framesCaptured()).isLessThanOrEqualTo(1);
    }

    @Test
    void withoutAFrameRateADrawGivesAFrame() throws Exception {
        MediaCanvas canvas = new MediaCanvas(64, 48);
        CanvasCaptureMediaStreamTrack track = track(canvas.captureStream());
        CanvasSource.flush();
        long before = source(track).framesCaptured();
        canvas.draw(g -> g.fillRect(0, 0, 8, 8));
        CanvasSource.flush();
        assertThat(source(track).framesCaptured()).isEqualTo(before + 1);
        canvas.draw(g -> g.fillRect(8, 8, 8, 8));
        CanvasSource.flush();
        assertThat(source(track).framesCaptured()).isEqualTo(before + 2);
        track.stop();
    }

    @Test
    void aPositiveFrameRateDeliversFramesOfTheCanvasSize() {
        MediaCanvas canvas = new MediaCanvas(320, 180);
        CanvasCaptureMediaStreamTrack track = track(canvas.captureStream(30));
        FrameProbe probe = new FrameProbe();
        track.addVideoSink(probe);
        FrameProbe.Seen a = probe.nextFrame();
        FrameProbe.Seen b = probe.nextFrame();
        assertThat(a.width()).isEqualTo(320);
        assertThat(a.height()).isEqualTo(180);
        assertThat(b.timestampNs()).isGreaterThan(a.timestampNs());
        assertThat(track.getSettings().frameRate()).hasValue(30.0);
        track.stop();
    }

    @Test
    void drawingsArriveInI420WithBt601Colours() throws Exception {
        MediaCanvas canvas = new MediaCanvas(64, 48);
        canvas.draw(g -> {
            g.setColor(Color.RED);
            g.fillRect(0, 0, 64, 48);
        });
        CanvasCaptureMediaStreamTrack track = track(canvas.captureStream(0));
        int[] yuv = new int[3];
        track.addVideoSink(frame -> {
            yuv[0] = frame.dataY().get(10 * frame.strideY() + 10) & 0xff;
            yuv[1] = frame.dataU().get(5 * frame.strideU() + 5) & 0xff;
            yuv[2] = frame.dataV().get(5 * frame.strideV() + 5) & 0xff;
        });
        track.requestFrame();
        CanvasSource.flush();
        assertThat(yuv[0]).isBetween(76, 86);
        assertThat(yuv[1]).isBetween(85, 95);
        assertThat(yuv[2]).isBetween(235, 245);
        track.stop();
    }

    @Test
    void aCloneIsACanvasTrackOnTheSameCanvas() {
        MediaCanvas canvas = new MediaCanvas(64, 48);
        CanvasCaptureMediaStreamTrack track = track(canvas.captureStream(0));
        CanvasCaptureMediaStreamTrack clone = track.clone();
        assertThat(clone.canvas()).isSameAs(canvas);
        assertThat(clone.id()).isNotEqualTo(track.id());
        track.stop();
        clone.stop();
    }
}
