package org.peerstack.rtc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.peerstack.media.MediaStream;

/** Two peers that both renegotiate at the same moment settle without glare through {@link PerfectNegotiation}. */
class PerfectNegotiationTest {

    @RegisterExtension
    static final RtcFixture rtc = RtcFixture.withFakeDevices();

    private final ExecutorService toPolite = Executors.newSingleThreadExecutor();
    private final ExecutorService toImpolite = Executors.newSingleThreadExecutor();
    private RTCPeerConnection polite;
    private RTCPeerConnection impolite;

    @AfterEach
    void stopWires() {
        toPolite.shutdownNow();
        toImpolite.shutdownNow();
    }

    @Test
    void simultaneousOffersResolveAndBothTracksArrive() throws Exception {
        polite = rtc.connection();
        impolite = rtc.connection();
        PerfectNegotiation[] sides = new PerfectNegotiation[2];
        // Messages travel through one single-threaded "wire" per direction, in order, like a WebSocket.
        sides[0] = PerfectNegotiation.attach(polite, true,
                d -> toImpolite.execute(() -> sides[1].onRemoteDescription(d)),
                c -> toImpolite.execute(() -> sides[1].onRemoteCandidate(c)));
        sides[1] = PerfectNegotiation.attach(impolite, false,
                d -> toPolite.execute(() -> sides[0].onRemoteDescription(d)),
                c -> toPolite.execute(() -> sides[0].onRemoteCandidate(c)));
        BlockingQueue<RTCTrackEvent> atPolite = new LinkedBlockingQueue<>();
        BlockingQueue<RTCTrackEvent> atImpolite = new LinkedBlockingQueue<>();
        polite.addEventListener(RTCPeerConnection.TRACK, atPolite::add);
        impolite.addEventListener(RTCPeerConnection.TRACK, atImpolite::add);

        MediaStream camP = camera();
        MediaStream camI = camera();
        // Both add a track at once: both fire negotiationneeded and both offer -> glare.
        polite.addTrack(camP.getVideoTracks().get(0), camP);
        impolite.addTrack(camI.getVideoTracks().get(0), camI);

        RTCTrackEvent p = atPolite.poll(60, TimeUnit.SECONDS);
        RTCTrackEvent i = atImpolite.poll(60, TimeUnit.SECONDS);
        String states = "polite " + polite + " " + polite.getTransceivers().size() + " transceivers, impolite " + impolite
                + " " + impolite.getTransceivers().size() + " transceivers";
        assertThat(p).as("polite side receives the impolite side's track (" + states + ")").isNotNull();
        assertThat(i).as("impolite side receives the polite side's track (" + states + ")").isNotNull();
        assertThat(p.streams().get(0).id()).isEqualTo(camI.id());
        assertThat(i.streams().get(0).id()).isEqualTo(camP.id());
        Negotiation.connected(polite).get(30, TimeUnit.SECONDS);
        Negotiation.connected(impolite).get(30, TimeUnit.SECONDS);

        // A later renegotiation from the impolite side also settles.
        MediaStream second = camera();
        impolite.addTrack(second.getVideoTracks().get(0), second);
        RTCTrackEvent again = atPolite.poll(30, TimeUnit.SECONDS);
        assertThat(again).isNotNull();
        assertThat(again.streams().get(0).id()).isEqualTo(second.id());
        waitStable(polite);
        waitStable(impolite);
    }

    /**
     * An offer libwebrtc refuses (aiortc 1.4's: two header extensions with one id in a BUNDLE group) fires
     * {@link PerfectNegotiation#ERROR} naming libwebrtc's reason, instead of only a log line.
     */
    @Test
    void aRefusedRemoteOfferFiresAnErrorEventNamingTheReason() throws Exception {
        RTCPeerConnection offerer = rtc.connection();
        RTCPeerConnection answerer = rtc.connection();
        offerer.addTransceiver(org.peerstack.media.MediaKind.AUDIO, RTCRtpTransceiverDirection.SENDRECV);
        offerer.addTransceiver(org.peerstack.media.MediaKind.VIDEO, RTCRtpTransceiverDirection.SENDRECV);
        String sdp = offerer.createOffer().get(20, TimeUnit.SECONDS).sdp();
        String colliding = collideHeaderExtensions(sdp);
        assertThat(colliding).as("the offer was changed").isNotEqualTo(sdp);

        java.util.concurrent.CompletableFuture<NegotiationErrorEvent> error = new java.util.concurrent.CompletableFuture<>();
        java.util.List<RTCSessionDescription> sent = new java.util.concurrent.CopyOnWriteArrayList<>();
        PerfectNegotiation negotiation = PerfectNegotiation.attach(answerer, true, sent::add, c -> { });
        negotiation.addEventListener(PerfectNegotiation.ERROR, error::complete);
        java.util.concurrent.CompletableFuture<Void> applied =
                negotiation.onRemoteDescription(RTCSessionDescription.offer(colliding));

        NegotiationErrorEvent event = error.get(20, TimeUnit.SECONDS);
        assertThat(event.descriptionType()).isEqualTo(RTCSdpType.OFFER);
        assertThat(event.reason()).as("libwebrtc's reason").isNotBlank();
        assertThat(event.target()).isSameAs(negotiation);
        // The event fires inside the stage that fails the returned future: wait for it, do not peek.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> applied.get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(org.peerstack.exc.OperationException.class);
        assertThat(sent).as("no answer is sent").isEmpty();
        System.out.println("refused offer: " + event.reason());
    }

    /** Gives the first video header extension the id of the audio level extension (one BUNDLE group). */
    private static String collideHeaderExtensions(String sdp) {
        java.util.regex.Matcher audioLevel = java.util.regex.Pattern
                .compile("a=extmap:(\\d+) urn:ietf:params:rtp-hdrext:ssrc-audio-level").matcher(sdp);
        assertThat(audioLevel.find()).as("the offer has an audio level extension").isTrue();
        int video = sdp.indexOf("m=video");
        java.util.regex.Matcher videoExt = java.util.regex.Pattern
                .compile("a=extmap:(\\d+) (urn:ietf:params:rtp-hdrext:toffset|http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time)")
                .matcher(sdp);
        assertThat(videoExt.find(video)).as("the video section has a header extension").isTrue();
        return sdp.substring(0, videoExt.start()) + "a=extmap:" + audioLevel.group(1) + " " + videoExt.group(2)
                + sdp.substring(videoExt.end());
    }

    private static void waitStable(RTCPeerConnection pc) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (pc.signalingState() != RTCSignalingState.STABLE && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(pc.signalingState()).isEqualTo(RTCSignalingState.STABLE);
    }

    private static MediaStream camera() throws Exception {
        return rtc.camera();
    }
}
