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

    @Test
    void aRecordBotWritesAWebmFileThatFfprobeReads() throws Exception {
        String stream = "recorded";
        String token = WhipServer.token(stream);
        java.nio.file.Path file = java.nio.file.Files.createTempFile("whep-record", ".webm");
        try {
            CompletableFuture<Integer> publish = CompletableFuture.supplyAsync(() ->
                    WhipBot.run("publish", whip.whip(stream).toString(), "--token", token, "--seconds", "8"));
            int recorded = WhipBot.run("record", whip.whep(stream).toString(), "--token", token, "--seconds", "4",
                    "--output", file.toString());
            assertThat(recorded).as("record exit code").isZero();
            assertThat(publish.get(60, TimeUnit.SECONDS)).isZero();
            // a streamed WebM has no duration in its header: decode every video frame and count them
            Process probe = new ProcessBuilder("ffprobe", "-v", "error", "-count_frames",
                    "-show_entries", "stream=codec_type,width,height,nb_read_frames", "-of", "default=nw=1", file.toString())
                    .redirectErrorStream(true).start();
            String out = new String(probe.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(probe.waitFor(60, TimeUnit.SECONDS)).isTrue();
            System.out.println("WhipBotTest record: ffprobe says " + out.replace('\n', ' '));
            assertThat(probe.exitValue()).as(out).isZero();
            assertThat(out).contains("codec_type=video", "codec_type=audio", "width=640", "height=480");
            // the frame count of the video stream (each stream's block starts with its codec_type; the audio
            // stream's count of Opus frames is not the video's)
            long videoFrames = 0;
            boolean inVideo = false;
            for (String l : out.lines().toList()) {
                if (l.startsWith("codec_type=")) {
                    inVideo = l.equals("codec_type=video");
                } else if (inVideo && l.startsWith("nb_read_frames=")) {
                    String v = l.substring("nb_read_frames=".length()).trim();
                    videoFrames = v.matches("[0-9]+") ? Long.parseLong(v) : 0;
                }
            }
            assertThat(videoFrames).as("frames decoded from 4 s of recording").isBetween(60L, 200L);
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }
}
