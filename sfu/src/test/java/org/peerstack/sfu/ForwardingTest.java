package org.peerstack.sfu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One libwebrtc publisher (fake camera 640x480@30 + microphone) through the SFU to three libwebrtc
 * subscribers, all real peers in the test's network namespace. Each subscriber must decode at least
 * 95 % of the frames the publisher sent during a measured window, at the publisher's resolution, and
 * receive non-silent audio.
 */
class ForwardingTest {

    @RegisterExtension
    static final RealPeers peers = new RealPeers();

    private static final long WINDOW_MILLIS = 5_000;

    @Test
    void threeSubscribersDecodeWhatOnePublisherSends() throws Exception {
        SfuServer sfu = peers.sfu();
        SfuRoom room = sfu.room("forwarding");
        RealPeers.Publisher publisher = peers.publish(room);
        List<RealPeers.Subscriber> subscribers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            subscribers.add(peers.subscribe(room));
        }
        for (RealPeers.Subscriber s : subscribers) {
            s.firstFrameNanos.get(RealPeers.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
        Thread.sleep(1_000); // past the first keyframe and the bandwidth ramp
        long sentBefore = RealPeers.outboundVideo(publisher.pc(), "framesSent");
        long[] before = subscribers.stream().mapToLong(s -> s.framesAt640x480.get()).toArray();
        long[] loudBefore = subscribers.stream().mapToLong(s -> s.loudAudioChunks.get()).toArray();
        Thread.sleep(WINDOW_MILLIS);
        long sent = RealPeers.outboundVideo(publisher.pc(), "framesSent") - sentBefore;
        long width = RealPeers.outboundVideo(publisher.pc(), "frameWidth");
        long height = RealPeers.outboundVideo(publisher.pc(), "frameHeight");
        assertThat(width).as("publisher's sent width").isEqualTo(640);
        assertThat(height).as("publisher's sent height").isEqualTo(480);
        assertThat(sent).as("frames the publisher sent in %d ms", WINDOW_MILLIS).isGreaterThan(WINDOW_MILLIS * 20 / 1000);
        for (int i = 0; i < subscribers.size(); i++) {
            RealPeers.Subscriber s = subscribers.get(i);
            long got = s.framesAt640x480.get() - before[i];
            assertThat((double) got / sent).as("subscriber %d decoded %d of %d frames at 640x480 (%s)", i, got, sent, sfu.metrics())
                    .isGreaterThanOrEqualTo(0.95);
            assertThat(s.loudAudioChunks.get() - loudBefore[i]).as("subscriber %d non-silent 10 ms audio chunks", i)
                    .isGreaterThan(WINDOW_MILLIS / 10 / 10);
        }
        System.out.println("ForwardingTest: sent " + sent + " frames; " + sfu.metrics());
        assertThat(sfu.metrics().get(SfuCounter.RTP_FORWARDED)).isPositive();
        assertThat(sfu.metrics().dropped()).as("dropped packets: %s", sfu.metrics()).isLessThan(10);
    }
}
