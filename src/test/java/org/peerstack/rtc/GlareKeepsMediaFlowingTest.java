package org.peerstack.rtc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.peerstack.media.MediaKind;
import org.peerstack.media.MediaStream;
import org.peerstack.media.MediaStreamTrack;
import org.peerstack.media.VideoSink;

/**
 * The late-join echo call in Java (issue 18): the polite side calls with receive-only transceivers, gets the
 * impolite side's camera, echoes it back (a renegotiation) while the impolite side opens a data channel (a
 * renegotiation that crosses it). After the glare (the polite side rolls back its offer and answers) the
 * polite side must still receive frames, and the impolite side must get the echo.
 */
class GlareKeepsMediaFlowingTest {

    @RegisterExtension
    static final RtcFixture rtc = RtcFixture.withFakeDevices();

    /**
     * Fails today (issue 18, open): after the glare both sides are stable and connected, the polite side's
     * inbound-rtp counts hundreds of decoded frames, yet its receiver's track gets none (its native sink
     * sees 0 frames), so nothing is echoed. The same call without the crossing offer passes (below). Seen
     * with libwebrtc as webrtc-java 0.14.0 ships it; the rollback of a renegotiation offer is suspected
     * of recreating the media channel without re-attaching the receiver's sink. The demo {@code Room}
     * avoids this glare (SCTP in the caller's first offer) until it is fixed here.
     */
    @org.junit.jupiter.api.Disabled("known bug, issue 18: no frames reach a remote track after a polite rollback")
    @Test
    void afterTheEchoRenegotiationCrossesADataChannelOfferFramesStillFlowBothWays() throws Exception {
        echoCall(true);
    }

    @Test
    void withoutTheCrossingOfferFramesFlowBothWays() throws Exception {
        echoCall(false);
    }

    private void echoCall(boolean crossing) throws Exception {
        RTCPeerConnection polite = rtc.connection();
        RTCPeerConnection impolite = rtc.connection();
        MediaStream camera = rtc.camera();
        try (SignalingWire fromPolite = new SignalingWire(polite, false);
             SignalingWire fromImpolite = new SignalingWire(impolite, false)) {
            PerfectNegotiation p = PerfectNegotiation.attach(polite, true, fromPolite::description, fromPolite::candidate);
            PerfectNegotiation i = PerfectNegotiation.attach(impolite, false, fromImpolite::description,
                    fromImpolite::candidate);
            fromPolite.to(i);
            fromImpolite.to(p);
            // The callee adds its camera between applying the offer and answering (as the page does).
            i.beforeAnswer(() -> {
                if (impolite.getSenders().isEmpty()) {
                    impolite.addTrack(camera.getVideoTracks().get(0), camera);
                    // Its own renegotiation right after the answer (the page's chat channel).
                    if (crossing) {
                        impolite.createDataChannel("chat");
                    }
                }
            });
            AtomicLong received = new AtomicLong();
            MediaStream echo = new MediaStream();
            polite.addEventListener(RTCPeerConnection.TRACK, e -> {
                MediaStreamTrack track = e.track();
                if (track.kind() == MediaKind.VIDEO) {
                    track.addSink((VideoSink) f -> received.incrementAndGet());
                    polite.addTrack(track, echo);   // the echo: a renegotiation from the polite side
                }
            });
            AtomicLong echoed = new AtomicLong();
            impolite.addEventListener(RTCPeerConnection.TRACK, e -> {
                if (e.track().kind() == MediaKind.VIDEO) {
                    e.track().addSink((VideoSink) f -> echoed.incrementAndGet());
                }
            });
            polite.batch(() -> {
                polite.addTransceiver(MediaKind.AUDIO, RTCRtpTransceiverDirection.RECVONLY);
                polite.addTransceiver(MediaKind.VIDEO, RTCRtpTransceiverDirection.RECVONLY);
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while ((received.get() < 30 || echoed.get() < 30) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            String what = "crossing " + crossing + ": polite " + polite.connectionState() + " " + polite.signalingState() + " sent " + fromPolite.sent() + ", impolite "
                    + impolite.signalingState() + " sent " + fromImpolite.sent() + "; frames at polite "
                    + received.get() + ", echoed frames at impolite " + echoed.get();
            StringBuilder more = new StringBuilder();
            for (RTCRtpReceiver r : polite.getReceivers()) {
                more.append(" [").append(r.track().kind()).append(" muted ").append(r.track().isMuted())
                        .append(" native frames ").append(r.source().received()).append(']');
            }
            for (RTCStats st : polite.getStats().get(10, TimeUnit.SECONDS).ofType("inbound-rtp")) {
                more.append(" inbound ").append(st.string("kind").orElse("?")).append(" bytes ")
                        .append(st.number("bytesReceived").orElse(-1)).append(" decoded ")
                        .append(st.number("framesDecoded").orElse(-1)).append(" ssrc ").append(st.number("ssrc").orElse(-1));
            }
            what += more;
            System.out.println(what);
            assertThat(received.get()).as(what).isGreaterThanOrEqualTo(30);
            assertThat(echoed.get()).as(what).isGreaterThanOrEqualTo(30);
        }
    }
}
