package org.peerstack.whip;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The command-line bots against a real server: publish and play, refusals and bad arguments. */
class WhipBotTest {

    @RegisterExtension
    static final WhipServer whip = new WhipServer();

    @Test
    void aPublishBotAndAPlayBotMeet() throws Exception {
        String stream = "bots";
        String token = WhipServer.token(stream);
        // the player starts first: it polls on 409 until the publisher is there
        CompletableFuture<Integer> play = CompletableFuture.supplyAsync(() ->
                WhipBot.run("play", whip.whep(stream).toString(), "--token", token, "--seconds", "3"));
        Thread.sleep(500);
        int published = WhipBot.run("publish", whip.whip(stream).toString(), "--token", token, "--seconds", "6");
        assertThat(play.get(60, TimeUnit.SECONDS)).as("play exit code (0 = frames decoded)").isZero();
        assertThat(published).as("publish exit code").isZero();
        assertThat(whip.server().whip().orElseThrow().sessionCount()).isZero();
    }

    @Test
    void refusalsAndBadArgumentsHaveTheirExitCodes() {
        assertThat(WhipBot.run("publish", whip.whip("bots").toString(), "--seconds", "1")).as("no token: 401").isEqualTo(1);
        assertThat(WhipBot.run("play")).as("no URL").isEqualTo(2);
        assertThat(WhipBot.run("dance")).isEqualTo(2);
    }
}
