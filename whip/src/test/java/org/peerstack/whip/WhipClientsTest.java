package org.peerstack.whip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.peerstack.rtc.RTCPeerConnection;
import org.peerstack.rtc.RTCPeerConnectionState;
import org.peerstack.testing.TestPeers;

/**
 * peerstack's WhipClient publishes the fake devices, its WhepClient plays them (client-offer flow), in
 * either order; the player outlives its publisher and plays the next one on the same session; a
 * server-offer player is ended with its publisher.
 */
class WhipClientsTest {

    @RegisterExtension
    static final WhipServer whip = new WhipServer();

    @Test
    void aPlayerWaitsForThePublisherThenDecodesItsVideo() throws Exception {
        String stream = "java-clients";
        WhipServer.Player early = whip.player();
        assertThatThrownBy(() -> WhepClient.play(early.pc, whip.whep(stream), WhipServer.token(stream)).get(20, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOfSatisfying(WhipHttpException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.retryAfterSeconds()).hasValue(1);
                });

        RTCPeerConnection publisherPc = whip.cameraAndMicrophone();
        var publisherUp = TestPeers.state(publisherPc, RTCPeerConnectionState.CONNECTED);
        WhipClient publisher = whip.closeAfter(WhipClient.publish(publisherPc, whip.whip(stream), WhipServer.token(stream))
                .get(WhipServer.TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        assertThat(publisher.session().getPath()).startsWith("/whip/" + stream + "/");
        publisherUp.get(WhipServer.TIMEOUT.toSeconds(), TimeUnit.SECONDS);

        WhipServer.Player player = whip.player();
        var playerUp = TestPeers.state(player.pc, RTCPeerConnectionState.CONNECTED);
        WhepClient playing = whip.playWhenPublished(player, stream);
        playerUp.get(WhipServer.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        player.firstFrame.get(WhipServer.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        long frames = player.framesDuring(3_000);
        System.out.println("WhipClientsTest: " + frames + " frames in 3 s at " + player.width + "x" + player.height);
        assertThat(frames).as("frames decoded in 3 s").isGreaterThan(45);
        assertThat(player.tracks).extracting(t -> t.kind().token()).containsExactlyInAnyOrder("audio", "video");
        assertThat(WhipServer.stat(player.pc, "inbound-rtp", "audio", "packetsReceived")).as("audio packets").isGreaterThan(50);

        // the publisher ends its session: the client-offer player stays; a new publisher continues on its m-lines
        publisher.close();
        HttpClient http = HttpClient.newHttpClient();
        Thread.sleep(500);
        assertThat(whip.server().whip().orElseThrow().sessionCount()).as("the player's session outlives the publisher").isEqualTo(1);
        RTCPeerConnection secondPc = whip.cameraAndMicrophone();
        WhipClient second = whip.closeAfter(WhipClient.publish(secondPc, whip.whip(stream), WhipServer.token(stream))
                .get(WhipServer.TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        long framesAfter = player.framesDuring(3_000);
        System.out.println("WhipClientsTest: " + framesAfter + " frames in 3 s from the second publisher");
        assertThat(framesAfter).as("frames from the second publisher, same session, no renegotiation").isGreaterThan(30);
        assertThat(player.tracks).hasSize(2);

        // a server-offer player (empty POST) is ended with its publisher
        WhipServer.Player serverOffer = whip.player();
        WhepClient serverOffered = whip.closeAfter(WhepClient.play(serverOffer.pc, whip.whep(stream), WhipServer.token(stream),
                WhepClient.Flow.SERVER_OFFER).get(WhipServer.TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        serverOffer.firstFrame.get(WhipServer.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        second.close();
        HttpRequest delete = HttpRequest.newBuilder(serverOffered.session()).timeout(WhipServer.TIMEOUT)
                .header("Authorization", "Bearer " + WhipServer.token(stream)).DELETE().build();
        assertThat(http.send(delete, HttpResponse.BodyHandlers.ofString()).statusCode()).as("server-offer player after the publisher left")
                .isEqualTo(404);
        assertThatThrownBy(() -> WhepClient.play(whip.player().pc, whip.whep(stream), WhipServer.token(stream)).get(20, TimeUnit.SECONDS))
                .cause().isInstanceOfSatisfying(WhipHttpException.class, e -> assertThat(e.status()).isEqualTo(409));
        playing.close();
        assertThat(whip.server().whip().orElseThrow().sessionCount()).isZero();
    }

    @Test
    void publisherAndPlayerRestartIceAndMediaContinues() throws Exception {
        String stream = "ice-restart";
        RTCPeerConnection publisherPc = whip.cameraAndMicrophone();
        var publisherUp = TestPeers.state(publisherPc, RTCPeerConnectionState.CONNECTED);
        WhipClient publisher = whip.closeAfter(WhipClient.publish(publisherPc, whip.whip(stream), WhipServer.token(stream))
                .get(WhipServer.TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        publisherUp.get(WhipServer.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        WhipServer.Player player = whip.player();
        WhepClient playing = whip.playWhenPublished(player, stream);
        player.firstFrame.get(WhipServer.TIMEOUT.toSeconds(), TimeUnit.SECONDS);

        var metrics = whip.server().whip().orElseThrow().sfu().metrics();
        long restartsBefore = metrics.get(org.peerstack.sfu.SfuCounter.ICE_RESTARTS);
        String publisherEtag = publisher.etag();
        String playerEtag = playing.etag();
        publisher.restartIce(publisherPc).get(WhipServer.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        playing.restartIce(player.pc).get(WhipServer.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(metrics.get(org.peerstack.sfu.SfuCounter.ICE_RESTARTS) - restartsBefore).isEqualTo(2);
        assertThat(publisher.etag()).isNotNull().isNotEqualTo(publisherEtag);
        assertThat(playing.etag()).isNotNull().isNotEqualTo(playerEtag);
        assertThat(publisherPc.localDescription().sdp()).contains("a=ice-ufrag:");

        // the SFU forgot the old ufrags: checks it answers from now on carry the new credentials
        long answered = metrics.get(org.peerstack.sfu.SfuCounter.STUN_ANSWERED);
        long frames = player.framesDuring(3_000);
        System.out.println("WhipClientsTest: " + frames + " frames in 3 s after both ICE restarts");
        assertThat(frames).as("frames decoded in 3 s after the restarts").isGreaterThan(45);
        assertThat(metrics.get(org.peerstack.sfu.SfuCounter.STUN_ANSWERED)).as("checks answered on the new credentials")
                .isGreaterThan(answered);
        assertThat(publisherPc.connectionState()).isEqualTo(RTCPeerConnectionState.CONNECTED);
        assertThat(player.pc.connectionState()).isEqualTo(RTCPeerConnectionState.CONNECTED);
    }
}
