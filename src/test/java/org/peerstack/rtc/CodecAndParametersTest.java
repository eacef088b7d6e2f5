package org.peerstack.rtc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.peerstack.media.MediaKind;
import org.peerstack.media.MediaStream;

/** Codec preferences and sender parameters, verified with what actually arrives. */
class CodecAndParametersTest {

    @RegisterExtension
    static final RtcFixture rtc = RtcFixture.withFakeDevices();

    @Test
    void capabilitiesListTheCodecsOfEachKind() {
        assertThat(rtc.engine().receiverCapabilities(MediaKind.VIDEO)).extracting(RTCRtpCodecCapability::mimeType)
                .contains("video/VP8", "video/VP9");
        assertThat(rtc.engine().senderCapabilities(MediaKind.AUDIO)).extracting(RTCRtpCodecCapability::mimeType)
                .contains("audio/opus");
        assertThat(rtc.engine().receiverCapabilities(MediaKind.AUDIO)).filteredOn(c -> c.mimeType().equals("audio/opus"))
                .allSatisfy(c -> assertThat(c.channels()).isEqualTo(2));
    }

    @Test
    void preferredCodecIsTheOneTheReceiverDecodes() throws Exception {
        RTCPeerConnection a = rtc.connection();
        RTCPeerConnection b = rtc.connection();
        try {
            MediaStream cam = rtc.camera();
            RTCRtpTransceiver transceiver = a.addTransceiver(cam.getVideoTracks().get(0), RTCRtpTransceiverDirection.SENDONLY, cam);
            List<RTCRtpCodecCapability> vp9First = rtc.engine().receiverCapabilities(MediaKind.VIDEO).stream()
                    .filter(c -> c.mimeType().equalsIgnoreCase("video/VP9")).toList();
            assertThat(vp9First).isNotEmpty();
            transceiver.setCodecPreferences(vp9First);
            CompletableFuture<RTCTrackEvent> remote = new CompletableFuture<>();
            b.addEventListener(RTCPeerConnection.TRACK, remote::complete);
            Negotiation.connect(a, b);
            RTCRtpReceiver receiver = remote.get(20, TimeUnit.SECONDS).receiver();
            waitForFrames(receiver, 10);
            RTCStatsReport stats = receiver.getStats().get(10, TimeUnit.SECONDS);
            RTCStats inbound = stats.ofType("inbound-rtp").get(0);
            String codecId = inbound.string("codecId").orElseThrow();
            assertThat(stats.get(codecId).flatMap(c -> c.string("mimeType"))).hasValueSatisfying(
                    mime -> assertThat(mime).isEqualToIgnoringCase("video/VP9"));
        } finally {
            a.close();
            b.close();
        }
    }

    /**
     * The callee's addTrack reuses the transceiver the remote offer created (W3C addTrack step "reuse a
     * transceiver"): that transceiver's sender must be the very sender addTrack returns, carrying the
     * track, and getSenders() must hold it once. Seen wrong in the echo bot's diagnostics: a second
     * sender wrapper with the track, and the transceiver's own sender without it.
     */
    @Test
    void addTrackOnTheCalleeReusesTheOfferedTransceiverAndItsSender() throws Exception {
        RTCPeerConnection a = rtc.connection();
        RTCPeerConnection b = rtc.connection();
        try {
            a.addTransceiver(MediaKind.VIDEO, RTCRtpTransceiverDirection.SENDRECV);
            a.setLocalDescription().get(10, TimeUnit.SECONDS);
            b.setRemoteDescription(a.localDescription()).get(10, TimeUnit.SECONDS);
            assertThat(b.getTransceivers()).hasSize(1);
            RTCRtpTransceiver offered = b.getTransceivers().get(0);

            MediaStream cam = rtc.camera();
            RTCRtpSender sender = b.addTrack(cam.getVideoTracks().get(0), cam);

            assertThat(b.getTransceivers()).containsExactly(offered);
            assertThat(offered.sender()).isSameAs(sender);
            assertThat(sender.track()).isSameAs(cam.getVideoTracks().get(0));
            assertThat(b.getSenders()).containsExactly(sender);
        } finally {
            a.close();
            b.close();
        }
    }

    @Test
    void scaleResolutionDownByHalvesTheDecodedSize() throws Exception {
        RTCPeerConnection a = rtc.connection();
        RTCPeerConnection b = rtc.connection();
        try {
            MediaStream cam = rtc.camera();
            RTCRtpSender sender = a.addTrack(cam.getVideoTracks().get(0), cam);
            CompletableFuture<RTCTrackEvent> remote = new CompletableFuture<>();
            b.addEventListener(RTCPeerConnection.TRACK, remote::complete);
            Negotiation.connect(a, b);
            RTCRtpSendParameters parameters = sender.getParameters();
            assertThat(parameters.encodings()).hasSize(1);
            sender.setParameters(parameters.withEncoding(0, parameters.encodings().get(0)
                    .withScaleResolutionDownBy(2.0).withMaxBitrate(300_000))).get(10, TimeUnit.SECONDS);
            assertThat(sender.getParameters().encodings().get(0).scaleResolutionDownBy()).isEqualTo(2.0);
            assertThat(sender.getParameters().encodings().get(0).maxBitrate()).isEqualTo(300_000);
            RTCRtpReceiver receiver = remote.get(20, TimeUnit.SECONDS).receiver();
            AtomicInteger width = new AtomicInteger();
            receiver.track().addSink((org.peerstack.media.VideoSink) f -> width.set(f.width()));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (width.get() != 320 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(width.get()).as("decoded width after scaleResolutionDownBy 2").isEqualTo(320);
        } finally {
            a.close();
            b.close();
        }
    }

    @Test
    void transceiverOfAKindWithoutTrackStartsSendingOnReplaceTrackWithoutRenegotiation() throws Exception {
        RTCPeerConnection a = rtc.connection();
        RTCPeerConnection b = rtc.connection();
        try {
            RTCRtpTransceiver transceiver = a.addTransceiver(MediaKind.VIDEO, RTCRtpTransceiverDirection.SENDONLY);
            assertThat(transceiver.sender().track()).isNull();
            assertThat(transceiver.direction()).isEqualTo(RTCRtpTransceiverDirection.SENDONLY);
            assertThat(a.getTransceivers()).containsExactly(transceiver);
            CompletableFuture<RTCTrackEvent> remote = new CompletableFuture<>();
            b.addEventListener(RTCPeerConnection.TRACK, remote::complete);
            Negotiation.connect(a, b);
            RTCRtpReceiver receiver = remote.get(20, TimeUnit.SECONDS).receiver();
            assertThat(transceiver.currentDirection()).isEqualTo(RTCRtpTransceiverDirection.SENDONLY);

            MediaStream cam = rtc.camera();
            RTCSignalingState before = a.signalingState();
            transceiver.sender().replaceTrack(cam.getVideoTracks().get(0)).get(10, TimeUnit.SECONDS);
            assertThat(transceiver.sender().track()).isSameAs(cam.getVideoTracks().get(0));
            waitForFrames(receiver, 10);
            assertThat(a.signalingState()).isEqualTo(before);
        } finally {
            a.close();
            b.close();
        }
    }

    private static void waitForFrames(RTCRtpReceiver receiver, int count) throws InterruptedException {
        java.util.concurrent.CountDownLatch latch = new java.util.concurrent.CountDownLatch(count);
        receiver.track().addSink((org.peerstack.media.VideoSink) f -> latch.countDown());
        assertThat(latch.await(20, TimeUnit.SECONDS)).isTrue();
    }
}
