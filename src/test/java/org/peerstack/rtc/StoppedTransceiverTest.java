package org.peerstack.rtc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.peerstack.media.MediaStream;
import org.peerstack.media.MediaStreamTrack;
import org.peerstack.media.MediaStreamTrackState;

/**
 * A remote offer that stops a transceiver (its m-line with port 0, as an SFU sends when a publisher
 * leaves): the answerer's remote track ends, and the connection stays usable. libwebrtc may delete the
 * stopped native transceiver once the description is applied; touching it afterwards crashed the JVM
 * (SIGSEGV in getCurrentDirection).
 */
class StoppedTransceiverTest {

    @RegisterExtension
    static final RtcFixture rtc = RtcFixture.withFakeDevices();

    @RepeatedTest(3)
    void aRemoteOfferThatStopsATransceiverEndsItsTrackAndTheConnectionLivesOn() throws Exception {
        RTCPeerConnection a = rtc.connection();
        RTCPeerConnection b = rtc.connection();
        MediaStream cam = rtc.camera();
        RTCRtpSender sender = a.addTrack(cam.getVideoTracks().get(0), cam);
        BlockingQueue<RTCTrackEvent> tracks = new LinkedBlockingQueue<>();
        b.addEventListener(RTCPeerConnection.TRACK, tracks::add);
        Negotiation.connect(a, b);
        RTCTrackEvent event = tracks.poll(20, TimeUnit.SECONDS);
        assertThat(event).isNotNull();
        MediaStreamTrack remote = event.track();
        BlockingQueue<Object> ended = new LinkedBlockingQueue<>();
        remote.addEventListener(MediaStreamTrack.ENDED, ended::add);

        RTCRtpTransceiver stopped = a.getTransceivers().stream().filter(t -> t.sender() == sender).findFirst().orElseThrow();
        stopped.stop();
        Negotiation.exchange(a, b); // b applies an offer whose video m-line has port 0

        assertThat(ended.poll(20, TimeUnit.SECONDS)).as("the remote track's ended event").isNotNull();
        assertThat(remote.readyState()).isEqualTo(MediaStreamTrackState.ENDED);
        // The connection is still usable: read every transceiver, negotiate again, ask for stats.
        for (RTCRtpTransceiver t : b.getTransceivers()) {
            t.currentDirection();
            t.direction();
        }
        for (RTCRtpTransceiver t : a.getTransceivers()) {
            t.currentDirection();
        }
        b.createDataChannel("after");
        Negotiation.exchange(b, a);
        assertThat(b.getStats().get(20, TimeUnit.SECONDS)).isNotNull();
        // The only media m-line was stopped, so the data channel may bring a new transport: wait for it.
        Negotiation.connected(b).get(Negotiation.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }
}
