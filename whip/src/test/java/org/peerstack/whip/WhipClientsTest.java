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

/** peerstack's WhipClient publishes the fake devices, its WhepClient plays them, in either order. */
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
        var publisherUp = WhipServer.state(publisherPc, RTCPeerConnectionState.CONNECTED);
        WhipClient publisher = whip.closeAfter(WhipClient.publish(publisherPc, whip.whip(stream), WhipServer.token(stream))
                .get(WhipServer.TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        assertThat(publisher.session().getPath()).startsWith("/whip/" + stream + "/");
        publisherUp.get(WhipServer.TIMEOUT.toSeconds(), TimeUnit.SECONDS);

        WhipServer.Player player = whip.player();
        var playerUp = WhipServer.state(player.pc, RTCPeerConnectionState.CONNECTED);
        WhepClient playing = whip.playWhenPublished(player, stream);
        playerUp.get(WhipServer.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        player.firstFrame.get(WhipServer.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        long frames = player.framesDuring(3_000);
        System.out.println("WhipClientsTest: " + frames + " frames in 3 s at " + player.width + "x" + player.height);
        assertThat(frames).as("frames decoded in 3 s").isGreaterThan(45);
        assertThat(player.tracks).extracting(t -> t.kind().token()).containsExactlyInAnyOrder("audio", "video");
        assertThat(WhipServer.stat(player.pc, "inbound-rtp", "audio", "packetsReceived")).as("audio packets").isGreaterThan(50);

        // the publisher ends its session: the stream's players are ended with it
        publisher.close();
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest delete = HttpRequest.newBuilder(playing.session()).timeout(WhipServer.TIMEOUT)
                .header("Authorization", "Bearer " + WhipServer.token(stream)).DELETE().build();
        assertThat(http.send(delete, HttpResponse.BodyHandlers.ofString()).statusCode()).as("player session after the publisher left")
                .isEqualTo(404);
        assertThat(whip.server().whip().orElseThrow().sessionCount()).isZero();
        assertThatThrownBy(() -> WhepClient.play(whip.player().pc, whip.whep(stream), WhipServer.token(stream)).get(20, TimeUnit.SECONDS))
                .cause().isInstanceOfSatisfying(WhipHttpException.class, e -> assertThat(e.status()).isEqualTo(409));
    }
}
