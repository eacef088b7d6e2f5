package org.peerstack.rtc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.peerstack.exc.InvalidModificationException;
import org.peerstack.exc.NotSupportedException;
import org.peerstack.exc.TypeException;
import org.peerstack.media.MediaStream;

/**
 * A simulcast sender through {@code addTransceiver(track, init)} with several send encodings: libwebrtc
 * (webrtc-java 0.14.0, which has no rid field) names them "0", "1", "2" and offers {@code a=rid}/{@code
 * a=simulcast}; the parameters report those rids. (The SFU module's JavaSimulcastPublisherTest checks
 * that the three streams really arrive at their sizes.)
 */
class SimulcastSendTest {

    @RegisterExtension
    static final RtcFixture rtc = RtcFixture.withFakeDevices();

    private static List<RTCRtpEncodingParameters> layers() {
        return List.of(new RTCRtpEncodingParameters(true, null, null, 4.0), new RTCRtpEncodingParameters(true, null, null, 2.0),
                new RTCRtpEncodingParameters(true, null, null, 1.0, "2"));
    }

    @Test
    void threeEncodingsOfferSimulcastWithRidsInOrder() throws Exception {
        RTCPeerConnection pc = rtc.connection();
        MediaStream camera = rtc.camera();
        RTCRtpTransceiver t = pc.addTransceiver(camera.getVideoTracks().get(0),
                RTCRtpTransceiverInit.of(RTCRtpTransceiverDirection.SENDONLY, camera).withSendEncodings(layers()));
        pc.setLocalDescription().get(10, TimeUnit.SECONDS);
        String sdp = pc.localDescription().sdp();
        assertThat(sdp).contains("a=rid:0 send", "a=rid:1 send", "a=rid:2 send", "a=simulcast:send 0;1;2",
                "urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id");
        RTCRtpSendParameters params = t.sender().getParameters();
        assertThat(params.encodings()).extracting(RTCRtpEncodingParameters::rid).containsExactly("0", "1", "2");
        assertThat(params.encodings()).extracting(RTCRtpEncodingParameters::scaleResolutionDownBy).containsExactly(4.0, 2.0, 1.0);

        List<RTCRtpEncodingParameters> renamed = new java.util.ArrayList<>(params.encodings());
        renamed.set(0, renamed.get(0).withRid("q"));
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> t.sender().setParameters(new RTCRtpSendParameters(renamed)).get(10, TimeUnit.SECONDS));
        assertThat(e.getCause()).isInstanceOf(InvalidModificationException.class);
    }

    @Test
    void oneEncodingIsNoSimulcast() throws Exception {
        RTCPeerConnection pc = rtc.connection();
        MediaStream camera = rtc.camera();
        RTCRtpTransceiver t = pc.addTransceiver(camera.getVideoTracks().get(0), RTCRtpTransceiverInit.of(RTCRtpTransceiverDirection.SENDONLY)
                .withSendEncodings(List.of(new RTCRtpEncodingParameters(true, 500_000, null, 2.0))));
        pc.setLocalDescription().get(10, TimeUnit.SECONDS);
        assertThat(pc.localDescription().sdp()).doesNotContain("a=simulcast");
        assertThat(t.sender().getParameters().encodings()).singleElement()
                .satisfies(p -> assertThat(p.rid()).isNull()).satisfies(p -> assertThat(p.maxBitrate()).isEqualTo(500_000));
    }

    @Test
    void ridsLibwebrtcCannotUseAreRefused() {
        List<RTCRtpEncodingParameters> named = List.of(new RTCRtpEncodingParameters(true, null, null, 2.0, "q"),
                new RTCRtpEncodingParameters(true, null, null, 1.0, "f"));
        assertThatThrownBy(() -> RTCRtpTransceiverInit.of(RTCRtpTransceiverDirection.SENDONLY).withSendEncodings(named))
                .isInstanceOf(NotSupportedException.class).hasMessageContaining("\"0\"");
        List<RTCRtpEncodingParameters> five = java.util.Collections.nCopies(5, new RTCRtpEncodingParameters(true, null, null, 1.0));
        assertThatThrownBy(() -> RTCRtpTransceiverInit.of(RTCRtpTransceiverDirection.SENDONLY).withSendEncodings(five))
                .isInstanceOf(TypeException.class);
    }
}
