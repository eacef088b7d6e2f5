package org.peerstack.sfu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.peerstack.media.MediaStream;
import org.peerstack.media.MediaStreamTrack;
import org.peerstack.rtc.RTCPeerConnection;
import org.peerstack.rtc.RTCPeerConnectionState;
import org.peerstack.rtc.RTCRtpTransceiverDirection;

/**
 * Room members on ONE peer connection each ({@link SfuRoom#join}), real libwebrtc peers negotiating with
 * perfect negotiation: B never publishes (it only answers), A publishes camera 640x480 + microphone, C a
 * camera of 320x240. A publishing after B joined, C publishing after A, A leaving and A joining and
 * publishing again all renegotiate the same connections of the others: each member keeps one connection
 * and the SFU completes exactly one DTLS handshake per member connection; frames are decoded at each
 * publisher's size throughout, audio arrives; ended m-lines are reused, so B's SDP does not grow.
 */
class MemberConnectionTest {

    @RegisterExtension
    static final RealPeers peers = new RealPeers();

    private static final long WINDOW_MILLIS = 3_000;

    @Test
    void publishingStoppingAndPublishingAgainRenegotiateOneConnectionPerMember() throws Exception {
        SfuServer sfu = peers.sfu();
        SfuRoom room = sfu.room("members");
        try (RealMember b = member(room, "b", false); RealMember a = member(room, "a", true); RealMember c = member(room, "c", true)) {
            // A publishes after B joined: B gets an offer and answers it
            MediaStream camera = peers.cameraAndMicrophone();
            a.pc.batch(() -> {
                for (MediaStreamTrack t : camera.getTracks()) {
                    a.pc.addTransceiver(t, RTCRtpTransceiverDirection.SENDONLY, camera);
                }
            });
            connected(a);
            connected(b);
            assertDecodes(b, a, 640, 480, "B receives A");
            assertThat(RealPeers.number(b.pc, "inbound-rtp", "audio", "bytesReceived")).as("B receives A's audio").isPositive();

            // C publishes after A (a new sendonly transceiver: addTrack would reuse the m-line C receives A's video on)
            // and A's connection (a publisher's) is renegotiated by the SFU's offer
            MediaStream small = peers.camera(320, 240);
            c.pc.addTransceiver(small.getVideoTracks().get(0), RTCRtpTransceiverDirection.SENDONLY, small);
            connected(c);
            await(() -> room.tracks().join().stream().anyMatch(t -> t.publisherId().startsWith(memberId(c))),
                    () -> "C's track is published; C made " + c.offersMade + " offers, " + c.glares + " refused as glare, state "
                            + c.pc.signalingState() + ", failure " + c.failure);
            assertDecodes(a, c, 320, 240, "A receives C");
            assertDecodes(b, c, 320, 240, "B receives C");
            assertDecodes(c, a, 640, 480, "C receives A");

            // A leaves: its m-lines go inactive at B and C; B keeps receiving C on the same connection
            String aId = memberId(a);
            a.sfu.close();
            a.pc.close();
            await(() -> room.tracks().join().stream().noneMatch(t -> t.publisherId().startsWith(aId)), "A's tracks end");
            long before = b.frames(640, 480);
            assertDecodes(b, c, 320, 240, "B still receives C");
            assertThat(b.frames(640, 480) - before).as("B decodes nothing of A's once A left").isLessThan(5);

            // A joins again and publishes: B's and C's connections carry its tracks on the m-lines A's old ones had
            try (RealMember again = member(room, "a", true)) {
                MediaStream camera2 = peers.cameraAndMicrophone();
                again.pc.batch(() -> {
                    for (MediaStreamTrack t : camera2.getTracks()) {
                        again.pc.addTransceiver(t, RTCRtpTransceiverDirection.SENDONLY, camera2);
                    }
                });
                connected(again);
                assertDecodes(b, again, 640, 480, "B receives A again");
                assertDecodes(c, again, 640, 480, "C receives A again");
                assertThat(again.failure).as("negotiation failure").isNull();
            }

            for (RealMember m : List.of(b, c)) {
                assertThat(m.failure).as("negotiation failure").isNull();
                assertThat(m.pc.connectionState()).isEqualTo(RTCPeerConnectionState.CONNECTED);
            }
            assertThat(b.offersMade.get()).as("offers made by B, which never publishes").isZero();
            assertThat(sfu.metrics().get(SfuCounter.DTLS_HANDSHAKES_COMPLETED)).as("one transport per member: %s", sfu.metrics())
                    .isEqualTo(4);
            // ended m-lines carry the next track: B's SDP holds A's two m-lines and C's one, not one per track ever
            assertThat(b.mLines()).as("m-lines at B:\n%s", b.pc.remoteDescription().sdp()).isEqualTo(3);
            System.out.println("MemberConnectionTest: glares " + (a.glares.get() + c.glares.get()) + "; " + sfu.metrics());
        }
    }

    private static String memberId(RealMember m) {
        return m.sfu.id();
    }

    private RealMember member(SfuRoom room, String owner, boolean sending) throws Exception {
        RTCPeerConnection pc = peers.connection(sending);
        SfuMember sfuMember = room.join(owner).get(RealPeers.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        return new RealMember(pc, sfuMember);
    }

    private static void connected(RealMember m) throws Exception {
        try {
            org.peerstack.testing.TestPeers.state(m.pc, RTCPeerConnectionState.CONNECTED).get(RealPeers.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("member " + m.sfu.owner() + " not connected (" + m.failure + "); local:\n"
                    + (m.pc.localDescription() == null ? "-" : m.pc.localDescription().sdp()) + "\nremote:\n"
                    + (m.pc.remoteDescription() == null ? "-" : m.pc.remoteDescription().sdp()), e);
        }
    }

    /** {@code receiver} decodes at least 90 % of the frames {@code publisher} sends in a window, at its size. */
    private static void assertDecodes(RealMember receiver, RealMember publisher, int width, int height, String what) throws Exception {
        try {
            await(() -> receiver.frames(width, height) > 0, what + ": a first frame of " + width + "x" + height);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; frames " + receiver.frames + ", failure " + receiver.failure
                    + ", state " + receiver.pc.signalingState() + "\nlocal:\n" + receiver.pc.localDescription().sdp()
                    + "\nremote:\n" + receiver.pc.remoteDescription().sdp(), e);
        }
        Thread.sleep(500);
        long sentBefore = RealPeers.outboundVideo(publisher.pc, "framesSent");
        long gotBefore = receiver.frames(width, height);
        Thread.sleep(WINDOW_MILLIS);
        long sent = RealPeers.outboundVideo(publisher.pc, "framesSent") - sentBefore;
        long got = receiver.frames(width, height) - gotBefore;
        assertThat(sent).as("%s: frames sent in %d ms", what, WINDOW_MILLIS).isGreaterThan(WINDOW_MILLIS * 15 / 1000);
        assertThat((double) got / sent).as("%s: %d of %d frames decoded at %dx%d (%s; %s %s %s %s; publisher %s)", what, got, sent,
                width, height, receiver.frames, RealPeers.stat(receiver.pc, "inbound-rtp", "video", "packetsReceived"),
                RealPeers.stat(receiver.pc, "inbound-rtp", "video", "framesDecoded"),
                RealPeers.stat(receiver.pc, "inbound-rtp", "video", "pliCount"),
                RealPeers.stat(receiver.pc, "inbound-rtp", "video", "nackCount"),
                RealPeers.stat(publisher.pc, "outbound-rtp", "video", "pliCount")).isGreaterThanOrEqualTo(0.9);
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        await(condition, () -> what);
    }

    private static void await(BooleanSupplier condition, java.util.function.Supplier<String> what) throws InterruptedException {
        long deadline = System.nanoTime() + RealPeers.TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting: " + what.get());
            }
            Thread.sleep(50);
        }
    }
}
