package org.peerstack.sfu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.peerstack.exc.InvalidAccessException;
import org.peerstack.sfu.client.ReceivedTrack;
import org.peerstack.sfu.client.RtpReceivingPeer;
import org.peerstack.sfu.client.RtpTrackListener;

/**
 * {@link RtpReceivingPeer} against the real SFU with a real libwebrtc publisher (fake camera + microphone):
 * in the SFU-offers flow (the SFU's subscribe offer answered) and in WHEP's client-offer flow (the peer's
 * recvonly offer answered by the SFU). The peer must get VP8 and Opus packets of both tracks, whole VP8
 * keyframes when it asks for them (PLI), and the SFU must see its receiver reports.
 */
class RtpReceivingPeerTest {

    @RegisterExtension
    static final RealPeers peers = new RealPeers();

    private static final long SECONDS = RealPeers.TIMEOUT.toSeconds();

    /** Counts per track: packets, frames (marker bits), VP8 keyframes. */
    static final class Counter implements RtpTrackListener {
        final List<ReceivedTrack> added = new CopyOnWriteArrayList<>();
        final List<ReceivedTrack> ended = new CopyOnWriteArrayList<>();
        final Map<String, AtomicLong> packets = new ConcurrentHashMap<>();
        final AtomicLong frames = new AtomicLong();
        final AtomicLong keyframes = new AtomicLong();

        @Override
        public void onTrack(ReceivedTrack track) {
            added.add(track);
        }

        @Override
        public void onTrackEnded(ReceivedTrack track) {
            ended.add(track);
        }

        @Override
        public void onRtp(ReceivedTrack track, byte[] b, int off, int len) {
            packets.computeIfAbsent(track.codec().toUpperCase(java.util.Locale.ROOT), k -> new AtomicLong()).incrementAndGet();
            if (track.isVideo()) {
                if ((b[off + 1] & 0x80) != 0) {
                    frames.incrementAndGet();
                }
                if (vp8KeyframeStart(b, off, len)) {
                    keyframes.incrementAndGet();
                }
            }
        }

        long packets(String codec) {
            AtomicLong n = packets.get(codec);
            return n == null ? 0 : n.get();
        }
    }

    /** The first packet of a VP8 keyframe (RFC 7741 §4.2-4.3: S bit, partition 0, P bit clear). */
    static boolean vp8KeyframeStart(byte[] b, int off, int len) {
        int p = off + 12 + 4 * (b[off] & 0x0f);
        if ((b[off] & 0x10) != 0) {
            p += 4 + 4 * (((b[p + 2] & 0xff) << 8) | (b[p + 3] & 0xff));
        }
        int d = b[p] & 0xff;
        if ((d & 0x10) == 0 || (d & 0x0f) != 0) {
            return false;
        }
        int q = p + 1;
        if ((d & 0x80) != 0) {
            int x = b[q++] & 0xff;
            if ((x & 0x80) != 0) {
                q += (b[q] & 0x80) != 0 ? 2 : 1;
            }
            if ((x & 0x40) != 0) {
                q++;
            }
            if ((x & 0x30) != 0) {
                q++;
            }
        }
        return q < off + len && (b[q] & 0x01) == 0;
    }

    private static RtpReceivingPeer peer(Counter counter) {
        return RtpReceivingPeer.open(new InetSocketAddress(RealPeers.ADDRESS, 0), counter);
    }

    @Test
    void answersTheSfuOfferAndReceivesBothTracksAndKeyframesOnRequest() throws Exception {
        SfuRoom room = peers.sfu().room("receiving-peer");
        peers.publish(room);
        Counter counter = new Counter();
        try (RtpReceivingPeer peer = peer(counter)) {
            SfuSubscriber sub = room.subscribe().get(SECONDS, TimeUnit.SECONDS);
            String offer = sub.createOffer().get(SECONDS, TimeUnit.SECONDS);
            String answer = peer.answer(offer).get(SECONDS, TimeUnit.SECONDS);
            assertThat(answer).contains("a=recvonly").contains("a=setup:active").doesNotContain("a=sendonly");
            sub.setAnswer(answer).get(SECONDS, TimeUnit.SECONDS);
            peer.connected().get(SECONDS, TimeUnit.SECONDS);
            assertThat(counter.added).extracting(ReceivedTrack::kind).containsExactlyInAnyOrder("audio", "video");
            awaitPackets(counter, 2_000);
            long keyframes = counter.keyframes.get();
            ReceivedTrack video = peer.tracks().stream().filter(ReceivedTrack::isVideo).findFirst().orElseThrow();
            assertThat(video.codec()).isEqualToIgnoringCase("VP8");
            Thread.sleep(1_200); // past the SFU's keyframe request rate limit
            peer.requestKeyframe(video);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (counter.keyframes.get() == keyframes && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(counter.keyframes.get()).as("VP8 keyframes after a PLI (%s)", peer.stats()).isGreaterThan(keyframes);
            assertThat(counter.packets("VP8")).isGreaterThan(100);
            assertThat(counter.packets("OPUS")).isGreaterThan(50);
            assertThat(counter.frames.get()).isGreaterThan(30);
            SfuPeerStats stats = sub.stats().get(SECONDS, TimeUnit.SECONDS);
            assertThat(stats.keyframeRequestsReceived()).as("PLIs the SFU got: %s", stats).isPositive();
            assertThat(stats.packetsReceived()).as("RTCP the SFU got from the peer: %s", stats).isGreaterThanOrEqualTo(2);
            assertThat(peer.stats().keyframeRequestsSent()).isPositive();
            System.out.println("RtpReceivingPeerTest: " + peer.stats() + "; SFU side " + stats);
        }
        assertThat(counter.ended).hasSize(2);
    }

    @Test
    void offersRecvonlyLikeAWhepPlayerAndReceivesWhatIsPublished() throws Exception {
        SfuRoom room = peers.sfu().room("receiving-peer-offer");
        peers.publish(room);
        Counter counter = new Counter();
        try (RtpReceivingPeer peer = peer(counter)) {
            String offer = peer.createOffer(1, 1).get(SECONDS, TimeUnit.SECONDS);
            assertThat(offer).contains("a=recvonly").contains("a=setup:actpass").contains("VP8/90000").contains("opus/48000/2");
            SfuSubscriber sub = room.subscribe(offer).get(SECONDS, TimeUnit.SECONDS);
            peer.setAnswer(sub.answer()).get(SECONDS, TimeUnit.SECONDS);
            peer.connected().get(SECONDS, TimeUnit.SECONDS);
            awaitPackets(counter, 2_000);
            assertThat(counter.packets("VP8")).isGreaterThan(100);
            assertThat(counter.packets("OPUS")).isGreaterThan(50);
        }
    }

    @Test
    void refusesAnOfferThatDoesNotParseWithATypedError() throws Exception {
        try (RtpReceivingPeer peer = peer(new Counter())) {
            assertThatThrownBy(() -> peer.answer("v=0\r\nnonsense\r\n").get(SECONDS, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(InvalidAccessException.class);
        }
    }

    private static void awaitPackets(Counter counter, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
        while ((counter.packets("VP8") == 0 || counter.packets("OPUS") == 0) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(counter.packets("VP8")).as("VP8 packets").isPositive();
        Thread.sleep(millis);
    }
}
