package org.peerstack.sfu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.peerstack.exc.OperationException;
import org.peerstack.media.MediaKind;
import org.peerstack.rtc.RTCPeerConnection;
import org.peerstack.rtc.RTCPeerConnectionState;
import org.peerstack.rtc.RTCRtpTransceiverDirection;
import org.peerstack.rtc.RTCSessionDescription;
import org.peerstack.testing.TestPeers;

/**
 * Subscribers that make the offer ({@link SfuRoom#subscribe(String)}, WHEP's client-offer flow): a
 * libwebrtc player with recvonly audio and video transceivers gets the SFU's answer and decodes the
 * publisher at its resolution; a player that subscribed before anything was published receives the track
 * once it is; when the publisher is replaced, the next publisher's frames continue on the same m-lines
 * without renegotiation. Offers the SFU cannot serve fail with typed errors.
 */
class ClientOfferTest {

    @RegisterExtension
    static final RealPeers peers = new RealPeers();

    private static final long SECONDS = RealPeers.TIMEOUT.toSeconds();

    private RealPeers.Subscriber player(SfuRoom room) throws Exception {
        return player(peers, room);
    }

    /** A libwebrtc player offering recvonly audio + video, answered by the SFU, connected. */
    static RealPeers.Subscriber player(RealPeers peers, SfuRoom room) throws Exception {
        RTCPeerConnection pc = peers.connection(false);
        RealPeers.Subscriber s = new RealPeers.Subscriber(pc);
        pc.addEventListener(RTCPeerConnection.TRACK, e -> s.attach(e.track()));
        pc.batch(() -> {
            pc.addTransceiver(MediaKind.AUDIO, RTCRtpTransceiverDirection.RECVONLY);
            pc.addTransceiver(MediaKind.VIDEO, RTCRtpTransceiverDirection.RECVONLY);
        });
        var connected = TestPeers.state(pc, RTCPeerConnectionState.CONNECTED);
        pc.setLocalDescription().get(SECONDS, TimeUnit.SECONDS);
        SfuSubscriber sub = room.subscribe(pc.localDescription().sdp()).get(SECONDS, TimeUnit.SECONDS);
        s.sfu = sub;
        assertThat(sub.answer()).contains("a=sendonly").contains("a=ice-lite").contains("a=end-of-candidates");
        pc.setRemoteDescription(RTCSessionDescription.answer(sub.answer())).get(SECONDS, TimeUnit.SECONDS);
        connected.get(SECONDS, TimeUnit.SECONDS);
        return s;
    }

    private static void awaitFrames(RealPeers.Subscriber s, long atLeast, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (s.framesAt640x480.get() < atLeast && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(s.framesAt640x480.get()).as(what).isGreaterThanOrEqualTo(atLeast);
    }

    @Test
    void aPlayerOfferingRecvonlyDecodesThePublisherAndContinuesAcrossAReplacedPublisher() throws Exception {
        SfuServer sfu = peers.sfu();
        SfuRoom room = sfu.room("client-offer");
        RealPeers.Publisher first = peers.publish(room);
        RealPeers.Subscriber player = player(room);
        awaitFrames(player, 30, "640x480 frames decoded from the first publisher");
        long audio = RealPeers.number(player.pc, "inbound-rtp", "audio", "packetsReceived");
        Thread.sleep(1_000);
        assertThat(RealPeers.number(player.pc, "inbound-rtp", "audio", "packetsReceived") - audio)
                .as("audio packets in 1 s").isGreaterThan(30);
        assertThat(player.tracks).hasSize(2);
        // goog-remb was answered: the player's REMB is its bandwidth estimate
        for (int i = 0; i < 50 && player.sfu.availableIncomingBitrate().isEmpty(); i++) {
            Thread.sleep(100);
        }
        assertThat(player.sfu.availableIncomingBitrate()).as("the player's REMB").isPresent();
        assertThat(player.sfu.availableIncomingBitrate().getAsLong()).isGreaterThan(100_000);

        first.sfu().close();
        first.sfu().closed().get(SECONDS, TimeUnit.SECONDS);
        long before = player.framesAt640x480.get();
        RealPeers.Publisher second = peers.publish(room);
        awaitFrames(player, before + 30, "frames decoded from the second publisher on the same m-line");
        assertThat(player.tracks).as("no new track: the same m-lines carry the new publisher").hasSize(2);
        assertThat(player.pc.connectionState()).isEqualTo(RTCPeerConnectionState.CONNECTED);
        assertThat(second.sfu().tracks()).hasSize(2);
    }

    @Test
    void aPlayerThatSubscribedBeforeAnythingWasPublishedReceivesTheTrackOnceItIs() throws Exception {
        SfuServer sfu = peers.sfu();
        SfuRoom room = sfu.room("early-player");
        RealPeers.Subscriber player = player(room);
        Thread.sleep(300);
        assertThat(player.frames.get()).isZero();
        peers.publish(room);
        awaitFrames(player, 30, "frames after the publisher arrived");
    }

    @Test
    void offersWithNothingToReceiveAreRefusedWithTypedErrors() throws Exception {
        SfuServer sfu = peers.sfu();
        SfuRoom room = sfu.room("refused");
        RTCPeerConnection sendOnly = peers.connection(true);
        sendOnly.addTrack(peers.cameraAndMicrophone().getVideoTracks().get(0));
        // a transceiver made by addTrack is sendrecv: turn it into sendonly, which the SFU cannot answer
        sendOnly.getTransceivers().get(0).setDirection(RTCRtpTransceiverDirection.SENDONLY);
        sendOnly.setLocalDescription().get(SECONDS, TimeUnit.SECONDS);
        assertThatThrownBy(() -> room.subscribe(sendOnly.localDescription().sdp()).get(SECONDS, TimeUnit.SECONDS))
                .hasCauseInstanceOf(OperationException.class).hasMessageContaining("no recvonly/sendrecv");
        assertThatThrownBy(() -> room.subscribe("v=0\r\nnonsense").get(SECONDS, TimeUnit.SECONDS))
                .hasCauseInstanceOf(OperationException.class).hasMessageContaining("Invalid SDP");
        assertThat(room.state().subscriberCount()).isZero();
    }
}
