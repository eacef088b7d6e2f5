package org.peerstack.internal.baseline;

import org.peerstack.config.AudioMode;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.peerstack.testing.NativeTestSupport;

/**
 * Proves the harness can really connect libwebrtc peers here: two peers in one JVM connect (inside the
 * private network namespace), 640x480 video flows at >= 25 decoded frames per second at the right
 * resolution, and a data channel round-trips a message.
 */
class RawLoopbackCallTest {

    /** Decoded frames per second the receiver must reach for a 30 fps sender. */
    private static final double MIN_RECEIVED_FPS = 25.0;
    private static final long MEASURE_NANOS = TimeUnit.SECONDS.toNanos(3);

    @RegisterExtension
    static final NativeTestSupport natives = NativeTestSupport.withAudio(AudioMode.DUMMY);

    @Test
    void twoPeersConnectAndVideoAndDataFlow() throws Exception {
        RawLoopbackCall call = natives.register(new RawLoopbackCall(natives.factory().factory(),
                RawLoopbackCall.Options.videoAndData(640, 480, 30)));

        Duration connectTime = call.connect().get(20, TimeUnit.SECONDS);
        assertThat(connectTime).isPositive();

        VideoStats stats = call.receivedVideo();
        VideoStats.Snapshot full = waitForResolution(stats, 640, 480, TimeUnit.SECONDS.toNanos(20));
        assertThat(full.width()).as("decoded width").isEqualTo(640);
        assertThat(full.height()).as("decoded height").isEqualTo(480);

        long start = System.nanoTime();
        VideoStats.Snapshot before = stats.snapshot();
        Thread.sleep(TimeUnit.NANOSECONDS.toMillis(MEASURE_NANOS));
        long end = System.nanoTime();
        VideoStats.Snapshot after = stats.snapshot();
        double fps = after.fpsSince(before, end, start);
        System.err.printf("[peerstack] connect %.1f ms, received %.1f fps at %dx%d%n",
                connectTime.toNanos() / 1e6, fps, after.width(), after.height());
        assertThat(fps).as("decoded frames per second at the receiver").isGreaterThanOrEqualTo(MIN_RECEIVED_FPS);
        assertThat(after.width()).isEqualTo(640);
        assertThat(after.height()).isEqualTo(480);

        Duration rtt = call.dataChannelRoundTrip("hello over sctp").get(10, TimeUnit.SECONDS);
        assertThat(rtt).isPositive().isLessThan(Duration.ofSeconds(5));
    }

    private static VideoStats.Snapshot waitForResolution(VideoStats stats, int width, int height, long timeoutNanos)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        VideoStats.Snapshot snapshot = stats.snapshot();
        while (System.nanoTime() < deadline) {
            snapshot = stats.snapshot();
            if (snapshot.frames() > 0 && snapshot.width() == width && snapshot.height() == height) {
                return snapshot;
            }
            Thread.sleep(50);
        }
        return snapshot;
    }
}
