package org.peerstack.sfu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.peerstack.media.MediaStream;
import org.peerstack.rtc.RTCPeerConnection;
import org.peerstack.rtc.RTCPeerConnectionState;
import org.peerstack.rtc.RTCRtpEncodingParameters;
import org.peerstack.rtc.RTCRtpTransceiverDirection;
import org.peerstack.rtc.RTCRtpTransceiverInit;
import org.peerstack.rtc.RTCSessionDescription;
import org.peerstack.testing.TestPeers;

/**
 * A peerstack (webrtc-java 0.14.0) publisher sends simulcast: {@code addTransceiver} with three send
 * encodings (scaleResolutionDownBy 4/2/1 of a 1280x720 fake camera); libwebrtc names them "0", "1",
 * "2"; the SFU receives the three streams at 320x180, 640x360 and 1280x720, and a subscriber limited to
 * 640x360 decodes 640x360.
 */
class JavaSimulcastPublisherTest {

    @RegisterExtension
    static final RealPeers peers = new RealPeers();

    @Test
    void peerstackSenderSendsThreeLayers() throws Exception {
        SfuServer sfu = peers.sfu(SfuConfig.newBuilder().maxPublishBitrate(4_000_000));
        SfuRoom room = sfu.room("java-simulcast");
        RTCPeerConnection pc = peers.connection(true);
        MediaStream camera = peers.camera(1280, 720);
        List<RTCRtpEncodingParameters> encodings = List.of(new RTCRtpEncodingParameters(true, null, null, 4.0),
                new RTCRtpEncodingParameters(true, null, null, 2.0), new RTCRtpEncodingParameters(true, null, null, 1.0));
        pc.addTransceiver(camera.getVideoTracks().get(0),
                RTCRtpTransceiverInit.of(RTCRtpTransceiverDirection.SENDONLY, camera).withSendEncodings(encodings));
        CompletableFuture<Void> connected = TestPeers.state(pc, RTCPeerConnectionState.CONNECTED);
        pc.setLocalDescription().get(RealPeers.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(pc.localDescription().sdp()).contains("a=simulcast:send 0;1;2");
        SfuPublisher publisher = room.publish(pc.localDescription().sdp()).get(RealPeers.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(publisher.answer()).contains("a=simulcast:recv 0;1;2");
        pc.setRemoteDescription(RTCSessionDescription.answer(publisher.answer())).get(RealPeers.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        connected.get(RealPeers.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        String trackId = publisher.tracks().get(0).id();

        RealPeers.Subscriber sub = peers.subscribe(room);
        sub.sfu.setMaxResolution(trackId, 640, 360).get(5, TimeUnit.SECONDS);
        List<SfuLayer> layers = List.of();
        long deadline = System.nanoTime() + RealPeers.TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            layers = sub.sfu.layers(trackId).get(5, TimeUnit.SECONDS);
            if (layers.stream().filter(l -> l.active() && l.width() > 0).count() == 3 && sub.lastWidth == 640) {
                break;
            }
            Thread.sleep(200);
        }
        System.out.println("JavaSimulcastPublisherTest: layers " + layers + "; subscriber decodes " + sub.lastWidth + "x"
                + sub.lastHeight + "; " + sfu.metrics());
        assertThat(layers).extracting(SfuLayer::rid).containsExactly("0", "1", "2");
        assertThat(layers).allMatch(SfuLayer::active);
        assertThat(layers).extracting(l -> l.width() + "x" + l.height()).containsExactly("320x180", "640x360", "1280x720");
        long frames = sub.frames.get();
        Thread.sleep(2_000);
        long decoded = sub.frames.get() - frames;
        StringBuilder sent = new StringBuilder();
        for (org.peerstack.rtc.RTCStats st : pc.getStats().get(10, TimeUnit.SECONDS).ofType("outbound-rtp")) {
            sent.append(' ').append(st.members().get("rid")).append(':').append(st.members().get("frameWidth")).append('@')
                    .append(st.members().get("framesPerSecond"));
        }
        System.out.println("JavaSimulcastPublisherTest: " + decoded + " frames decoded in 2 s; publisher sends" + sent + "; subscriber "
                + RealPeers.stat(sub.pc, "inbound-rtp", "video", "framesReceived") + " "
                + RealPeers.stat(sub.pc, "inbound-rtp", "video", "framesDropped") + " "
                + RealPeers.stat(sub.pc, "inbound-rtp", "video", "framesPerSecond"));
        assertThat(decoded).as("frames decoded in 2 s (the video keeps flowing)").isGreaterThan(10);
        assertThat(sub.lastWidth + "x" + sub.lastHeight).isEqualTo("640x360");
    }
}
