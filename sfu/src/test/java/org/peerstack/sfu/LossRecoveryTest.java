package org.peerstack.sfu;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * 5 % random loss of RTP/RTCP on every path (publisher to SFU and SFU to subscribers, both directions)
 * through a lossy UDP proxy whose port the SFU announces: the SFU NACKs the publisher and undoes its
 * RTX, answers the subscribers' NACKs from its packet cache with RTX, and each subscriber still decodes
 * at least 95 % of the frames the publisher sent.
 */
class LossRecoveryTest {

    @RegisterExtension
    static final RealPeers peers = new RealPeers();

    private static final long WINDOW_MILLIS = 6_000;

    @Test
    void nackAndRtxRecoverFivePercentLoss() throws Exception {
        try (LossyUdpProxy proxy = new LossyUdpProxy(RealPeers.ADDRESS, 0.05)) {
            SfuServer sfu = peers.sfu(SfuConfig.newBuilder().announcedPort(proxy.port()));
            proxy.forwardTo(new InetSocketAddress(RealPeers.ADDRESS, sfu.port()));
            SfuRoom room = sfu.room("lossy");
            RealPeers.Publisher publisher = peers.publish(room);
            List<RealPeers.Subscriber> subscribers = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                subscribers.add(peers.subscribe(room));
            }
            for (RealPeers.Subscriber s : subscribers) {
                s.firstFrameNanos.get(RealPeers.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
            Thread.sleep(1_000);
            long sentBefore = RealPeers.outboundVideo(publisher.pc(), "framesSent");
            long[] before = subscribers.stream().mapToLong(s -> s.framesAt640x480.get()).toArray();
            long droppedBefore = proxy.dropped();
            Thread.sleep(WINDOW_MILLIS);
            long sent = RealPeers.outboundVideo(publisher.pc(), "framesSent") - sentBefore;
            long dropped = proxy.dropped() - droppedBefore;
            System.out.println("LossRecoveryTest: proxy dropped " + proxy.dropped() + " of " + (proxy.dropped() + proxy.passed())
                    + "; sent " + sent + " frames; " + sfu.metrics());
            assertThat(dropped).as("the proxy dropped packets in the window").isGreaterThan(20);
            assertThat(sent).isGreaterThan(WINDOW_MILLIS * 20 / 1000);
            for (int i = 0; i < subscribers.size(); i++) {
                long got = subscribers.get(i).framesAt640x480.get() - before[i];
                assertThat((double) got / sent).as("subscriber %d decoded %d of %d frames", i, got, sent)
                        .isGreaterThanOrEqualTo(0.95);
            }
            assertThat(sfu.metrics().get(SfuCounter.NACKS_SENT)).as("NACKs to the publisher").isPositive();
            assertThat(sfu.metrics().get(SfuCounter.RTX_RECOVERED)).as("losses recovered from the publisher's RTX").isPositive();
            assertThat(sfu.metrics().get(SfuCounter.NACKS_RECEIVED)).as("NACKs from subscribers").isPositive();
            assertThat(sfu.metrics().get(SfuCounter.RETRANSMISSIONS_SENT)).as("answered from the cache").isPositive();
        }
    }
}
