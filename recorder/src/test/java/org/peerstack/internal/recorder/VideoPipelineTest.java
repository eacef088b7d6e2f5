package org.peerstack.internal.recorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bytedeco.ffmpeg.global.avcodec.av_new_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
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

/** The video thread with a real libvpx VP8 encoder: order, hand-back of frame arrays, failures, close. */
class VideoPipelineTest {

    private static final int W = 320;
    private static final int H = 240;
    /** 25 fps: a whole number of 90 kHz ticks (3600) per frame. */
    private static final long FRAME_NS = 40_000_000L;
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

    /** An "audio" packet whose pts identifies it. */
    private static AVPacket audioPacket(long pts) {
        AVPacket p = av_packet_alloc();
        av_new_packet(p, 16);
        p.pts(pts);
        return p;
    }

    /** What reaches the worker's sink, in order: "v<pts>" / "a<pts>", and the threads it ran on. */
    private static final class Sink implements PacketSink {
        final List<String> written = new ArrayList<>();
        final List<String> threads = new ArrayList<>();

        @Override
        public void write(AVPacket packet, boolean video) {
            written.add((video ? "v" : "a") + packet.pts());
            threads.add(Thread.currentThread().getName());
            av_packet_unref(packet);
        }

        List<String> video() {
            return written.stream().filter(w -> w.startsWith("v")).toList();
        }
    }

    @Test
    void framesAreEncodedOffTheWorkerAndEverythingIsWrittenOnTheWorkerInSubmissionOrder() throws Exception {
        Sink sink = new Sink();
        AtomicInteger released = new AtomicInteger();
        AtomicInteger framesWritten = new AtomicInteger();
        List<String> encodeThreads = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        try (VideoPipeline pipeline = new VideoPipeline(vp8(), "test-video", 5_000, framesWritten::incrementAndGet)) {
            pipeline.settle(sink);
            assertThat(pipeline.hasPending()).isFalse();
            for (int n = 0; n < 30; n++) {
                pipeline.submit(frame(n), n * FRAME_NS, () -> {
                    synchronized (encodeThreads) {
                        encodeThreads.add(Thread.currentThread().getName());
                    }
                    released.incrementAndGet();
                }, sink);
                expected.add("v" + n * 3600L);
                assertThat(pipeline.hasPending()).isTrue();
                // Audio produced while the frame is in flight is held behind it (pts 1000+n identifies it).
                pipeline.holdAudio(audioPacket(1000 + n));
                expected.add("a" + (1000 + n));
            }
            pipeline.settle(sink);
            assertThat(pipeline.hasPending()).isFalse();
            pipeline.encoder().flush(sink);
        }
        assertThat(released).as("each frame's array handed back exactly once").hasValue(30);
        assertThat(framesWritten).hasValue(30);
        assertThat(encodeThreads).containsOnly("test-video");
        assertThat(sink.threads).containsOnly(Thread.currentThread().getName());
        assertThat(sink.written).as("the order a serial encoder gives").containsExactlyElementsOf(expected);
    }

    @Test
    void atMostTwoFramesAreInFlight() throws Exception {
        CountDownLatch proceed = new CountDownLatch(1);
        Sink sink = new Sink();
        try (VideoPipeline pipeline = new VideoPipeline(vp8(), "test-video", 5_000, () -> { })) {
            pipeline.submit(frame(0), 0, () -> await(proceed), sink);
            pipeline.submit(frame(1), FRAME_NS, () -> { }, sink);
            Thread third = new Thread(() -> {
                try {
                    pipeline.submit(frame(2), 2 * FRAME_NS, () -> { }, sink);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            third.start();
            third.join(300);
            assertThat(third.isAlive()).as("the third submit waits for the first frame").isTrue();
            assertThat(sink.written).isEmpty();
            proceed.countDown();
            third.join(5_000);
            assertThat(third.isAlive()).isFalse();
            assertThat(sink.video()).as("the first frame was written to make room").containsExactly("v0");
            pipeline.settle(sink);
            assertThat(sink.video()).containsExactly("v0", "v3600", "v7200");
        }
    }

    @Test
    void aFailureOnTheVideoThreadSurfacesOnTheWorkerAndWhatIsBehindItStaysPending() throws Exception {
        Sink sink = new Sink();
        AtomicInteger released = new AtomicInteger();
        try (VideoPipeline pipeline = new VideoPipeline(vp8(), "test-video", 5_000, () -> { })) {
            // libvpx cannot be made to fail per frame for real; the frame's hand-back fails instead,
            // which takes the same path: an exception on the video thread while a frame is in flight.
            IllegalStateException broken = new IllegalStateException("hand-back failed");
            pipeline.submit(frame(0), 0, () -> {
                released.incrementAndGet();
                throw broken;
            }, sink);
            pipeline.holdAudio(audioPacket(1000));
            pipeline.submit(frame(1), FRAME_NS, released::incrementAndGet, sink);
            assertThatThrownBy(() -> pipeline.settle(sink)).isSameAs(broken);
            assertThat(sink.written).as("the failed frame's packets are dropped").isEmpty();
            assertThat(pipeline.hasPending()).isTrue();
            pipeline.settle(sink);
            assertThat(sink.written).containsExactly("a1000", "v3600");
        }
        assertThat(released).hasValue(2);
    }

    @Test
    void closeWithFramesInFlightWaitsForThemAndFreesWhatIsPending() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch proceed = new CountDownLatch(1);
        AtomicReference<String> releasedOn = new AtomicReference<>();
        VideoPipeline pipeline = new VideoPipeline(vp8(), "test-video", 5_000, () -> { });
        // Hold the video thread busy so close() certainly finds the frame in flight.
        pipeline.submit(frame(0), 0, () -> {
            entered.countDown();
            await(proceed);
            releasedOn.set(Thread.currentThread().getName());
        }, new Sink());
        pipeline.holdAudio(audioPacket(1000));
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

    @Test
    void aFrameWhoseArrayDoesNotMatchItsSizeCannotBeMade() {
        // The encoder copies the array natively by the frame's size; a short array would be read past its end.
        assertThatThrownBy(() -> new I420Frame(W, H, new byte[100], 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("115200");
        assertThatThrownBy(() -> new I420Frame(0, H, new byte[0], 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new I420Frame(3, 3, new byte[9 + 2 * 4], 0).chromaWidth()).isEqualTo(2);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
