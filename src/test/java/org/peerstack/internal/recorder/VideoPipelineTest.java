package org.peerstack.internal.recorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.peerstack.config.PeerstackConfig;
import org.peerstack.config.RecorderConfig;

/** The video thread with a real libvpx VP8 encoder: ordering, hand-back of frame arrays, failures, close. */
class VideoPipelineTest {

    private static final int W = 320;
    private static final int H = 240;
    private static final long FRAME_NS = 33_333_333L;
    private static final RecorderConfig CONFIG = PeerstackConfig.load().recorder();

    @BeforeAll
    static void natives() {
        NativeCodecs.load();
    }

    private static VideoEncoder vp8() {
        return new VideoEncoder(RecorderCodec.VP8, W, H, 500_000, CONFIG, false);
    }

    private static I420Frame frame(int n) {
        byte[] data = new byte[W * H * 3 / 2];
        for (int i = 0; i < W * H; i++) {
            data[i] = (byte) ((i % W + n * 7) & 0xff);
        }
        java.util.Arrays.fill(data, W * H, data.length, (byte) 128);
        return new I420Frame(W, H, data, n * FRAME_NS);
    }

    /** Records what reaches the worker's sink: the thread it ran on and each packet's pts. */
    private static final class Sink implements PacketSink {
        final List<Long> pts = new ArrayList<>();
        final List<String> threads = new ArrayList<>();

        @Override
        public void write(AVPacket packet, boolean video) {
            assertThat(video).isTrue();
            pts.add(packet.pts());
            threads.add(Thread.currentThread().getName());
            av_packet_unref(packet);
        }
    }

    @Test
    void everyFrameIsEncodedOffTheWorkerAndItsPacketsArriveOnTheWorkerInOrder() throws Exception {
        Sink sink = new Sink();
        AtomicInteger released = new AtomicInteger();
        List<String> encodeThreads = new ArrayList<>();
        try (VideoPipeline pipeline = new VideoPipeline(vp8(), "test-video", 5_000)) {
            assertThat(pipeline.settle(sink)).as("nothing in flight").isFalse();
            for (int n = 0; n < 30; n++) {
                pipeline.submit(frame(n), n * FRAME_NS, () -> {
                    synchronized (encodeThreads) {
                        encodeThreads.add(Thread.currentThread().getName());
                    }
                    released.incrementAndGet();
                });
                assertThat(pipeline.inFlight()).isTrue();
                assertThat(pipeline.settle(sink)).isTrue();
                assertThat(pipeline.inFlight()).isFalse();
            }
            pipeline.encoder().flush(sink);
        }
        assertThat(released).as("each frame's array handed back exactly once").hasValue(30);
        assertThat(encodeThreads).containsOnly("test-video");
        assertThat(sink.threads).containsOnly(Thread.currentThread().getName());
        assertThat(sink.pts).hasSize(30).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void aSecondFrameWhileOneIsInFlightIsRefused() throws Exception {
        try (VideoPipeline pipeline = new VideoPipeline(vp8(), "test-video", 5_000)) {
            pipeline.submit(frame(0), 0, () -> { });
            assertThatThrownBy(() -> pipeline.submit(frame(1), FRAME_NS, () -> { }))
                    .isInstanceOf(IllegalStateException.class);
            assertThat(pipeline.settle(new Sink())).isTrue();
        }
    }

    @Test
    void aFailureOnTheVideoThreadSurfacesOnTheWorkerAndThePipelineStaysUsable() throws Exception {
        Sink sink = new Sink();
        AtomicInteger released = new AtomicInteger();
        try (VideoPipeline pipeline = new VideoPipeline(vp8(), "test-video", 5_000)) {
            // libvpx cannot be made to fail per frame for real; the frame's hand-back fails instead,
            // which is the same path: an exception on the video thread while a frame is in flight.
            IllegalStateException broken = new IllegalStateException("hand-back failed");
            pipeline.submit(frame(0), 0, () -> {
                released.incrementAndGet();
                throw broken;
            });
            assertThatThrownBy(() -> pipeline.settle(sink)).isSameAs(broken);
            assertThat(pipeline.inFlight()).isFalse();
            assertThat(sink.pts).as("the failed frame's packets are dropped, not written").isEmpty();
            pipeline.submit(frame(1), FRAME_NS, released::incrementAndGet);
            assertThat(pipeline.settle(sink)).isTrue();
            assertThat(sink.pts).hasSize(1);
        }
        assertThat(released).hasValue(2);
    }

    @Test
    void aFrameWhoseArrayDoesNotMatchItsSizeCannotBeMade() {
        // The encoder copies the array natively by the frame's size; a short array would be read past its end.
        assertThatThrownBy(() -> new I420Frame(W, H, new byte[100], 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("115200");
        assertThatThrownBy(() -> new I420Frame(0, H, new byte[0], 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new I420Frame(3, 3, new byte[9 + 2 * 4], 0).chromaWidth()).isEqualTo(2);
    }

    @Test
    void closeWithAFrameInFlightWaitsForItBeforeFreeingTheEncoder() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch proceed = new CountDownLatch(1);
        AtomicReference<String> releasedOn = new AtomicReference<>();
        VideoPipeline pipeline = new VideoPipeline(vp8(), "test-video", 5_000);
        // Hold the video thread busy so close() certainly finds the frame in flight.
        pipeline.submit(frame(0), 0, () -> {
            entered.countDown();
            try {
                proceed.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            releasedOn.set(Thread.currentThread().getName());
        });
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
        Thread closer = new Thread(pipeline::close);
        closer.start();
        closer.join(200);
        assertThat(closer.isAlive()).as("close() waits for the frame in flight").isTrue();
        proceed.countDown();
        closer.join(5_000);
        assertThat(closer.isAlive()).isFalse();
        assertThat(releasedOn).hasValue("test-video");
        pipeline.close();
    }
}
