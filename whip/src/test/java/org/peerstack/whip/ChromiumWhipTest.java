package org.peerstack.whip;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.peerstack.testing.Chromium;

/**
 * Chromium publishes its fake camera and microphone over WHIP and plays the stream back over WHEP (the
 * draft's client-offer flow: recvonly transceivers, POST the offer, apply the 201's answer), with
 * fetch() from a page of another origin (so CORS preflights, exposed Location/ETag headers and Bearer
 * tokens are exercised for real); it ends both sessions with DELETE.
 */
class ChromiumWhipTest {

    @RegisterExtension
    static final WhipServer whip = new WhipServer();

    private static final String SCRIPT = """
            const [whipUrl, whepUrl, token] = arguments;
            const sleep = ms => new Promise(r => setTimeout(r, ms));
            const auth = {'Authorization': 'Bearer ' + token};
            const gathered = pc => new Promise(r => {
              if (pc.iceGatheringState === 'complete') r();
              pc.addEventListener('icegatheringstatechange', () => { if (pc.iceGatheringState === 'complete') r(); });
              setTimeout(r, 2000);
            });
            const stats = async pc => {
              const out = {frames: 0, width: 0, audioPackets: 0};
              (await pc.getStats()).forEach(s => {
                if (s.type === 'inbound-rtp' && s.kind === 'video') { out.frames = s.framesDecoded || 0; out.width = s.frameWidth || 0; }
                if (s.type === 'inbound-rtp' && s.kind === 'audio') { out.audioPackets = s.packetsReceived || 0; }
              });
              return out;
            };
            (async () => {
              try {
                const media = await navigator.mediaDevices.getUserMedia({video: {width: 640, height: 480}, audio: true});
                const pub = new RTCPeerConnection();
                media.getTracks().forEach(t => pub.addTransceiver(t, {direction: 'sendonly', streams: [media]}));
                await pub.setLocalDescription(await pub.createOffer());
                await gathered(pub);
                const posted = await fetch(whipUrl, {method: 'POST', body: pub.localDescription.sdp,
                    headers: {...auth, 'Content-Type': 'application/sdp'}});
                if (posted.status !== 201) { done('WHIP POST ' + posted.status + ': ' + await posted.text()); return; }
                const whipSession = new URL(posted.headers.get('Location'), whipUrl).href;
                const whipEtag = posted.headers.get('ETag');
                await pub.setRemoteDescription({type: 'answer', sdp: await posted.text()});

                // WHEP, client-offer flow (draft-ietf-wish-whep): POST the player's offer, apply the 201's answer
                const player = new RTCPeerConnection();
                player.addTransceiver('audio', {direction: 'recvonly'});
                player.addTransceiver('video', {direction: 'recvonly'});
                player.ontrack = e => {
                  const el = document.createElement(e.track.kind);
                  el.autoplay = true; el.muted = true; el.srcObject = new MediaStream([e.track]);
                  document.body.appendChild(el);
                };
                await player.setLocalDescription(await player.createOffer());
                await gathered(player);
                let answered;
                for (let i = 0; i < 100; i++) {
                  answered = await fetch(whepUrl, {method: 'POST', body: player.localDescription.sdp,
                      headers: {...auth, 'Content-Type': 'application/sdp'}});
                  if (answered.status !== 409) break;
                  await sleep(200);
                }
                if (answered.status !== 201) { done('WHEP POST ' + answered.status + ': ' + await answered.text()); return; }
                const whepSession = new URL(answered.headers.get('Location'), whepUrl).href;
                await player.setRemoteDescription({type: 'answer', sdp: await answered.text()});

                for (let i = 0; i < 100 && (await stats(player)).frames === 0; i++) await sleep(100);
                const before = await stats(player);
                await sleep(3000);
                const after = await stats(player);
                const endPlay = (await fetch(whepSession, {method: 'DELETE', headers: auth})).status;
                const endPublish = (await fetch(whipSession, {method: 'DELETE', headers: auth})).status;
                const again = (await fetch(whipSession, {method: 'DELETE', headers: auth})).status;
                player.close(); pub.close();
                done({offerBytes: pub.localDescription.sdp.length, whipEtag: whipEtag, frames: after.frames - before.frames, width: after.width,
                      audioPackets: after.audioPackets, endPlay: endPlay, endPublish: endPublish, again: again});
              } catch (e) { done('error: ' + e); }
            })();
            """;

    @Test
    void chromiumPublishesOverWhipAndPlaysOverWhep() throws Exception {
        String stream = "chromium";
        try (Chromium chromium = new Chromium("whip")) {
            Object result = chromium.asyncScript(SCRIPT, whip.whip(stream).toString(), whip.whep(stream).toString(),
                    WhipServer.token(stream));
            System.out.println("ChromiumWhipTest: " + result);
            assertThat(result).as("script result").isInstanceOf(Map.class);
            Map<?, ?> r = (Map<?, ?>) result;
            assertThat((String) r.get("whipEtag")).as("ETag readable cross-origin").startsWith("\"");
            assertThat(((Number) r.get("frames")).longValue()).as("frames decoded by the WHEP player in 3 s").isGreaterThan(45);
            assertThat(((Number) r.get("width")).longValue()).isEqualTo(640);
            assertThat(((Number) r.get("audioPackets")).longValue()).isGreaterThan(50);
            assertThat(((Number) r.get("endPlay")).intValue()).isEqualTo(200);
            assertThat(((Number) r.get("endPublish")).intValue()).isEqualTo(200);
            assertThat(((Number) r.get("again")).intValue()).isEqualTo(404);
        }
        assertThat(whip.server().whip().orElseThrow().sessionCount()).isZero();
    }
}
