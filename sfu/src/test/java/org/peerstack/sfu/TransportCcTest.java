package org.peerstack.sfu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Transport-wide congestion control with a real libwebrtc publisher: the SFU's answer negotiates the
 * transport-wide-cc header extension and {@code transport-cc} feedback, sends feedback packets every
 * 40 ms, and libwebrtc's send-side estimate ({@code availableOutgoingBitrate}) ramps to the configured
 * {@code maxPublishBitrate}, which REMB keeps as the cap. (Without transport-cc, libwebrtc takes the
 * REMB value as its estimate at once: a fixed rate, no congestion control. With it, GoogCC ramps on the
 * feedback: 4-6 s here.)
 */
class TransportCcTest {

    @RegisterExtension
    static final RealPeers peers = new RealPeers();

    /** maxPublishBitrate here: the fake camera fills it easily (1.5 Mbit/s once stayed at 0.9 in 15 s at load average 20). */
    private static final long MAX_BITRATE = 800_000;
    /** Longest ramp accepted: 0-6 s on a quiet machine, 13 s seen at load average 18 (GoogCC reads the stalls as delay). */
    private static final long RAMP_SECONDS = 30;

    @Test
    void aLibwebrtcPublisherRampsToTheConfiguredBitrateOnTransportCcFeedback() throws Exception {
        SfuServer sfu = peers.sfu(SfuConfig.newBuilder().transportCc(true).maxPublishBitrate(MAX_BITRATE));
        SfuRoom room = sfu.room("twcc");
        RealPeers.Publisher publisher = peers.publish(room);
        peers.subscribe(room); // a subscriber, as in a real room: its keyframe request and NACKs shape the publisher's rate
        String answer = publisher.sfu().answer();
        assertThat(answer).contains(" http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01")
                .containsPattern("a=rtcp-fb:\\d+ transport-cc").containsPattern("a=rtcp-fb:\\d+ goog-remb");
        long start = System.nanoTime(); // both are connected; libwebrtc starts at 300 kbit/s
        long estimate = 0;
        while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(RAMP_SECONDS)) {
            estimate = RealPeers.number(publisher.pc(), "candidate-pair", "", "availableOutgoingBitrate");
            if (estimate >= MAX_BITRATE * 9 / 10) {
                break;
            }
            Thread.sleep(100);
        }
        double rampSeconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("TransportCcTest: availableOutgoingBitrate %d bit/s after %.1f s; %s%n", estimate, rampSeconds, sfu.metrics());
        assertThat(estimate).as("publisher's send-side estimate, bit/s").isGreaterThanOrEqualTo(MAX_BITRATE * 9 / 10);

        long feedbackBefore = sfu.metrics().get(SfuCounter.TWCC_FEEDBACK_SENT);
        Thread.sleep(2_000);
        long feedback = sfu.metrics().get(SfuCounter.TWCC_FEEDBACK_SENT) - feedbackBefore;
        System.out.printf("TransportCcTest: %d feedback packets in 2 s%n", feedback);
        assertThat(feedback / 2.0).as("feedback packets per second (one per 40 ms)").isBetween(15.0, 30.0);
        Thread.sleep(3_000);
        estimate = RealPeers.number(publisher.pc(), "candidate-pair", "", "availableOutgoingBitrate");
        System.out.println("TransportCcTest: 3 s later " + estimate + " bit/s; " + sfu.metrics());
        assertThat(estimate).as("REMB caps the estimate at maxPublishBitrate").isLessThanOrEqualTo(MAX_BITRATE * 11 / 10);
    }

    /** The publisher's path to the SFU, limited to this rate (queued, not dropped until 1 s of queue). */
    private static final long BOTTLENECK = 600_000;

    @Test
    void behindABottleneckTheEstimateFollowsTheLinkNotTheRemb() throws Exception {
        try (BottleneckUdpProxy link = new BottleneckUdpProxy(RealPeers.ADDRESS, BOTTLENECK, 1_000)) {
            SfuServer sfu = peers.sfu(SfuConfig.newBuilder().transportCc(true).announcedPort(link.port()));
            link.forwardTo(new java.net.InetSocketAddress(RealPeers.ADDRESS, sfu.port()));
            SfuRoom room = sfu.room("bottleneck");
            RealPeers.Publisher publisher = peers.publish(room);
            peers.subscribe(room).firstFrameNanos.get(RealPeers.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            Thread.sleep(8_000); // the estimate settles on the link
            link.resetDelays();
            Thread.sleep(4_000);
            long estimate = RealPeers.number(publisher.pc(), "candidate-pair", "", "availableOutgoingBitrate");
            double p50 = link.queueDelayPercentile(50);
            double p95 = link.queueDelayPercentile(95);
            System.out.printf("TransportCcTest: behind a %d bit/s link: estimate %d bit/s (REMB says %d), queue delay p50 %.0f ms"
                    + " p95 %.0f ms, %d dropped; %s%n", BOTTLENECK, estimate, SfuConfig.DEFAULT_MAX_PUBLISH_BITRATE, p50, p95,
                    link.dropped(), sfu.metrics());
            assertThat(estimate).as("the send-side estimate follows the link, not the REMB's %d", SfuConfig.DEFAULT_MAX_PUBLISH_BITRATE)
                    .isLessThanOrEqualTo(BOTTLENECK * 3 / 2);
            assertThat(p50).as("median queue delay at the bottleneck, ms: the publisher does not overfill it").isLessThan(250);
        }
    }
}
