package org.peerstack.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.peerstack.media.MediaKind;
import org.peerstack.rtc.RTCConfiguration;
import org.peerstack.rtc.RTCIceCandidate;
import org.peerstack.rtc.RTCPeerConnection;
import org.peerstack.rtc.RTCPeerConnectionState;
import org.peerstack.rtc.RTCRtpTransceiverDirection;
import org.peerstack.rtc.RTCSessionDescription;
import org.peerstack.signaling.SignalingClient;
import org.peerstack.signaling.SignalingClientOptions;
import org.peerstack.signaling.SignalingMessage;
import org.peerstack.signaling.server.SignalingServer;

/**
 * A bot already in the room is called by a newcomer that speaks the signaling protocol by hand (a Java
 * connection and a raw {@link SignalingClient}): the bot answers with its tracks in the first answer and
 * sends no offer of its own (one offer/answer sets the call up; webrtcbin 1.22 and Pion 3.1 failed on the
 * immediate renegotiation), and a refused offer is answered with a signaling message naming the reason.
 */
@Timeout(120)
class CalleeBotNegotiationTest {

    @Test
    void theEchoBotsFirstAnswerCarriesItsEchoAndNoSecondOfferFollows() throws Exception {
        try (SignalingServer server = DemoServer.start();
             Room ignored = Room.join(Room.Options.of(server.uri(), "callee", "echo-bot"), TestEngine.get(), new EchoBot());
             SignalingClient client = SignalingClient.create(SignalingClientOptions.newBuilder(server.uri()).build());
             RTCPeerConnection pc = TestEngine.get().createPeerConnection(RTCConfiguration.newBuilder().build())) {
            BlockingQueue<SignalingMessage> fromBot = new LinkedBlockingQueue<>();
            client.addEventListener(SignalingClient.ANSWER, e -> fromBot.add(e.message()));
            client.addEventListener(SignalingClient.OFFER, e -> fromBot.add(e.message()));
            client.addEventListener(SignalingClient.CANDIDATE, e -> {
                SignalingMessage.Candidate c = e.message();
                pc.addIceCandidate(new RTCIceCandidate(c.candidate(), c.sdpMid(), c.sdpMLineIndex()));
            });
            client.connect().get(15, TimeUnit.SECONDS);
            String bot = client.join("callee", "caller", null).get(15, TimeUnit.SECONDS).members().get(0).id();
            pc.addEventListener(RTCPeerConnection.ICE_CANDIDATE, e -> e.candidate().ifPresent(c -> client.send(
                    new SignalingMessage.Candidate(bot, null, c.candidate(), c.sdpMid(), c.sdpMLineIndex(), null))));
            pc.addTransceiver(MediaKind.AUDIO, RTCRtpTransceiverDirection.SENDRECV);
            pc.addTransceiver(MediaKind.VIDEO, RTCRtpTransceiverDirection.SENDRECV);
            pc.setLocalDescription().get(20, TimeUnit.SECONDS);
            client.send(new SignalingMessage.Offer(bot, null, pc.localDescription().sdp()));

            SignalingMessage first = fromBot.poll(20, TimeUnit.SECONDS);
            assertThat(first).as("the bot's first message").isInstanceOf(SignalingMessage.Answer.class);
            String answer = ((SignalingMessage.Answer) first).sdp();
            assertThat(directions(answer)).as("the answer echoes both m-lines").containsExactly("sendrecv", "sendrecv");
            pc.setRemoteDescription(RTCSessionDescription.answer(answer)).get(20, TimeUnit.SECONDS);
            Conditions.await("connected", Conditions.GENEROUS,
                    () -> pc.connectionState() == RTCPeerConnectionState.CONNECTED, pc::toString);
            assertThat(fromBot.poll(2, TimeUnit.SECONDS)).as("no renegotiation follows the answer").isNull();
        }
    }

    @Test
    void aRefusedOfferIsAnsweredWithAnErrorMessageNamingTheReason() throws Exception {
        try (SignalingServer server = DemoServer.start();
             Room ignored = Room.join(Room.Options.of(server.uri(), "refused", "echo-bot"), TestEngine.get(), new EchoBot());
             SignalingClient client = SignalingClient.create(SignalingClientOptions.newBuilder(server.uri()).build());
             RTCPeerConnection pc = TestEngine.get().createPeerConnection(RTCConfiguration.newBuilder().build())) {
            BlockingQueue<SignalingMessage.AppMessage> messages = new LinkedBlockingQueue<>();
            List<SignalingMessage> answers = new CopyOnWriteArrayList<>();
            client.addEventListener(SignalingClient.MESSAGE, e -> messages.add(e.message()));
            client.addEventListener(SignalingClient.ANSWER, e -> answers.add(e.message()));
            client.connect().get(15, TimeUnit.SECONDS);
            String bot = client.join("refused", "caller", null).get(15, TimeUnit.SECONDS).members().get(0).id();
            pc.addTransceiver(MediaKind.AUDIO, RTCRtpTransceiverDirection.SENDRECV);
            pc.addTransceiver(MediaKind.VIDEO, RTCRtpTransceiverDirection.SENDRECV);
            String sdp = pc.createOffer().get(20, TimeUnit.SECONDS).sdp();
            // aiortc 1.4's offer: one header-extension id for two extensions in one BUNDLE group.
            client.send(new SignalingMessage.Offer(bot, null, collideHeaderExtensions(sdp)));

            SignalingMessage.AppMessage reply = messages.poll(20, TimeUnit.SECONDS);
            assertThat(reply).as("the bot's reply").isNotNull();
            assertThat(reply.from()).isEqualTo(bot);
            JsonNode error = reply.data().path("error");
            assertThat(error.path("ref").asText()).isEqualTo("offer");
            assertThat(error.path("reason").asText()).contains("header extension");
            assertThat(answers).isEmpty();
        }
    }

    private static List<String> directions(String sdp) {
        List<String> out = new CopyOnWriteArrayList<>();
        Matcher m = Pattern.compile("^a=(sendrecv|sendonly|recvonly|inactive)\\r?$", Pattern.MULTILINE).matcher(sdp);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    static String collideHeaderExtensions(String sdp) {
        Matcher audioLevel = Pattern.compile("a=extmap:(\\d+) urn:ietf:params:rtp-hdrext:ssrc-audio-level").matcher(sdp);
        assertThat(audioLevel.find()).isTrue();
        Matcher videoExt = Pattern.compile("a=extmap:(\\d+) (urn:ietf:params:rtp-hdrext:toffset"
                + "|http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time)").matcher(sdp);
        assertThat(videoExt.find(sdp.indexOf("m=video"))).isTrue();
        return sdp.substring(0, videoExt.start()) + "a=extmap:" + audioLevel.group(1) + " " + videoExt.group(2)
                + sdp.substring(videoExt.end());
    }
}
