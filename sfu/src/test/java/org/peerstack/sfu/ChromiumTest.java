package org.peerstack.sfu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.peerstack.testing.Chromium;

/**
 * Chromium publisher (fake camera and microphone) → SFU → a Chromium subscriber (another connection in
 * the same page) and a peerstack (libwebrtc) subscriber: both decode the video; the Chromium subscriber
 * plays non-silent audio (an unmuted audio element, so totalAudioEnergy counts), the Java one receives
 * the audio packets.
 */
class ChromiumTest {

    @RegisterExtension
    static final RealPeers peers = new RealPeers();

    @Test
    void chromiumPublisherReachesAChromiumAndAJavaSubscriber() throws Exception {
        SfuServer sfu = peers.sfu();
        SfuRoom room = sfu.room("chromium");
        try (Chromium chromium = new Chromium("sfu")) {
            String offer = (String) chromium.asyncScript("""
                    (async () => {
                      const stream = await navigator.mediaDevices.getUserMedia({audio: true, video: true});
                      const pc = new RTCPeerConnection();
                      window.pub = pc;
                      stream.getTracks().forEach(t => pc.addTrack(t, stream));
                      await pc.setLocalDescription();
                      return pc.localDescription.sdp;
                    })().then(done, e => done('error: ' + e));""");
            assertThat(offer).startsWith("v=0");
            SfuPublisher publisher = room.publish(offer).get(RealPeers.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            Object answered = chromium.asyncScript("""
                    window.pub.setRemoteDescription({type: 'answer', sdp: arguments[0]}).then(() => done('ok'), e => done('error: ' + e));""",
                    publisher.answer());
            assertThat(answered).isEqualTo("ok");

            SfuSubscriber sub = room.subscribe().get(RealPeers.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            String subscriberOffer = sub.createOffer().get(RealPeers.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            String answer = (String) chromium.asyncScript("""
                    (async () => {
                      const pc = new RTCPeerConnection();
                      window.sub = pc;
                      pc.ontrack = e => {
                        const el = document.createElement(e.track.kind);
                        el.autoplay = true;
                        el.muted = false;
                        el.srcObject = new MediaStream([e.track]);
                        document.body.appendChild(el);
                      };
                      await pc.setRemoteDescription({type: 'offer', sdp: arguments[0]});
                      await pc.setLocalDescription();
                      return pc.localDescription.sdp;
                    })().then(done, e => done('error: ' + e));""", subscriberOffer);
            assertThat(answer).startsWith("v=0");
            sub.setAnswer(answer).get(RealPeers.TIMEOUT.toSeconds(), TimeUnit.SECONDS);

            RealPeers.Subscriber java = peers.subscribe(room);
            java.firstFrameNanos.get(RealPeers.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            Thread.sleep(4_000);

            @SuppressWarnings("unchecked")
            Map<String, Object> stats = (Map<String, Object>) chromium.asyncScript("""
                    window.sub.getStats().then(report => {
                      const r = {};
                      report.forEach(s => {
                        if (s.type === 'inbound-rtp' && s.kind === 'video') { r.framesDecoded = s.framesDecoded; r.frameWidth = s.frameWidth; }
                        if (s.type === 'inbound-rtp' && s.kind === 'audio') { r.audioEnergy = s.totalAudioEnergy; r.audioPackets = s.packetsReceived; }
                      });
                      done(r);
                    }, e => done({error: String(e)}));""");
            System.out.println("ChromiumTest: Chromium subscriber " + stats + "; Java subscriber " + java.frames.get() + " frames "
                    + java.lastWidth + "x" + java.lastHeight + "; " + sfu.metrics());
            assertThat(((Number) stats.get("framesDecoded")).longValue()).as("Chromium subscriber's decoded frames").isGreaterThan(40);
            assertThat(((Number) stats.get("frameWidth")).longValue()).isEqualTo(640);
            assertThat(((Number) stats.get("audioPackets")).longValue()).as("Chromium subscriber's audio packets").isGreaterThan(100);
            assertThat(((Number) stats.get("audioEnergy")).doubleValue()).as("Chromium subscriber's audio energy").isGreaterThan(0);
            assertThat(java.frames.get()).as("Java subscriber's decoded frames").isGreaterThan(40);
            assertThat(java.lastWidth).isEqualTo(640);
            assertThat(RealPeers.number(java.pc, "inbound-rtp", "audio", "packetsReceived")).as("Java subscriber's audio packets")
                    .isGreaterThan(100);
        }
    }
}
