package org.peerstack.sfu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.peerstack.exc.OperationException;
import org.peerstack.rtc.RTCPeerConnection;
import org.peerstack.rtc.RTCPeerConnectionState;
import org.peerstack.rtc.RTCSessionDescription;

/**
 * ICE restarts of a publisher and of a (client-offer) subscriber: libwebrtc's {@code restartIce()} makes
 * an offer with new credentials, the SFU's {@code restartIce} takes them and gives its own, the peer
 * applies them; DTLS and SRTP stay. With a consent timeout of 6 s, both connections outlive 8 s after
 * the restart only if the peers' checks with the new credentials are answered (the old ufrag is no
 * longer known to the SFU), and frames keep arriving at the subscriber.
 */
class IceRestartTest {

    @RegisterExtension
    static final RealPeers peers = new RealPeers();

    private static final long SECONDS = RealPeers.TIMEOUT.toSeconds();
    /** Twice libwebrtc's 2.5 s check interval on a stable pair, with margin for a loaded machine. */
    private static final Duration CONSENT_TIMEOUT = Duration.ofSeconds(6);

    static String attribute(String sdp, String name) {
        Matcher m = Pattern.compile("(?m)^a=" + name + ":(\\S+)\\r?$").matcher(sdp);
        if (!m.find()) {
            throw new AssertionError("no a=" + name + " in\n" + sdp);
        }
        return m.group(1);
    }

    /** libwebrtc's side of a restart against {@code restart} (the SFU's API), in the offerer's role. */
    static SfuIceParameters restart(RTCPeerConnection pc, java.util.function.BiFunction<String, String,
            java.util.concurrent.CompletableFuture<SfuIceParameters>> restart) throws Exception {
        String oldUfrag = attribute(pc.localDescription().sdp(), "ice-ufrag");
        pc.restartIce();
        RTCSessionDescription offer = pc.createOffer(true).get(SECONDS, TimeUnit.SECONDS);
        pc.setLocalDescription(offer).get(SECONDS, TimeUnit.SECONDS);
        String ufrag = attribute(offer.sdp(), "ice-ufrag");
        assertThat(ufrag).as("libwebrtc's new ufrag").isNotEqualTo(oldUfrag);
        SfuIceParameters p = restart.apply(ufrag, attribute(offer.sdp(), "ice-pwd")).get(SECONDS, TimeUnit.SECONDS);
        String answer = pc.remoteDescription().sdp()
                .replaceAll("(?m)^a=ice-ufrag:\\S+", "a=ice-ufrag:" + p.usernameFragment())
                .replaceAll("(?m)^a=ice-pwd:\\S+", "a=ice-pwd:" + p.password());
        pc.setRemoteDescription(RTCSessionDescription.answer(answer)).get(SECONDS, TimeUnit.SECONDS);
        return p;
    }

    @Test
    void publisherAndSubscriberRestartIceAndMediaContinues() throws Exception {
        SfuServer sfu = peers.sfu(SfuConfig.newBuilder().consentTimeout(CONSENT_TIMEOUT));
        SfuRoom room = sfu.room("ice-restart");
        RealPeers.Publisher publisher = peers.publish(room);
        RealPeers.Subscriber player = ClientOfferTest.player(peers, room);
        player.firstFrameNanos.get(SECONDS, TimeUnit.SECONDS);
        String oldPublisherUfrag = attribute(publisher.sfu().answer(), "ice-ufrag");

        SfuIceParameters p = restart(publisher.pc(), publisher.sfu()::restartIce);
        assertThat(p.usernameFragment()).isNotEqualTo(oldPublisherUfrag).hasSize(8);
        assertThat(p.password()).hasSize(24);
        assertThat(p.candidates()).singleElement().asString().startsWith("candidate:1 1 udp ").contains(RealPeers.ADDRESS).endsWith("typ host");
        SfuIceParameters s = restart(player.pc, player.sfu::restartIce);
        assertThat(s.usernameFragment()).isNotEqualTo(p.usernameFragment());
        assertThat(sfu.metrics().get(SfuCounter.ICE_RESTARTS)).isEqualTo(2);

        long framesBefore = player.frames.get();
        long answeredBefore = sfu.metrics().get(SfuCounter.STUN_ANSWERED);
        Thread.sleep(CONSENT_TIMEOUT.toMillis() + 2_000);
        assertThat(publisher.sfu().closed()).as("publisher's consent renewed with the new credentials").isNotDone();
        assertThat(player.sfu.closed()).as("subscriber's consent renewed with the new credentials").isNotDone();
        assertThat(publisher.pc().connectionState()).isEqualTo(RTCPeerConnectionState.CONNECTED);
        assertThat(player.pc.connectionState()).isEqualTo(RTCPeerConnectionState.CONNECTED);
        assertThat(sfu.metrics().get(SfuCounter.STUN_ANSWERED)).as("checks answered after the restart").isGreaterThan(answeredBefore);
        assertThat(player.frames.get() - framesBefore).as("frames decoded in the 8 s after the restarts").isGreaterThan(100);
        assertThat(player.lastWidth).isEqualTo(640);
    }

    @Test
    void credentialsThatRfc8839ForbidsAreRefused() throws Exception {
        SfuServer sfu = peers.sfu();
        RealPeers.Publisher publisher = peers.publish(sfu.room("bad-restart"));
        assertThatThrownBy(() -> publisher.sfu().restartIce("ab", "short").get(SECONDS, TimeUnit.SECONDS))
                .hasCauseInstanceOf(OperationException.class).hasMessageContaining("Invalid ICE credentials");
        assertThatThrownBy(() -> publisher.sfu().restartIce("abcd", "x".repeat(21) + "\r\n").get(SECONDS, TimeUnit.SECONDS))
                .hasCauseInstanceOf(OperationException.class);
        assertThat(sfu.metrics().get(SfuCounter.ICE_RESTARTS)).isZero();
    }
}
