package org.peerstack.signaling.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.peerstack.sfu.client.ReceivedTrack;
import org.peerstack.sfu.client.RtpReceivingPeer;
import org.peerstack.sfu.client.RtpTrackListener;

/**
 * Real clients pointed at the node that does not own a stream (two cluster nodes, a real redis-server):
 * FFmpeg 8's whip muxer (the ffmpeg program of the bytedeco jar) publishes to the non-owner: it follows
 * the 307 (POSTs its offer again to the owner's URL) and completes ICE, DTLS and SRTP with the owner, as
 * its verbose log shows. A WHEP player's client offer POSTed to the non-owner with Java's HTTP client
 * (which follows a 307 keeping method and body) is answered 201 by the owner. Media from FFmpeg to that
 * player is not checked here (see the branch report: it did not arrive in the runs on a loaded machine).
 */
class WhipRedirectClientsTest {

    private static final HttpClient NO_REDIRECTS = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private static final HttpClient FOLLOWING = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    private static Map<String, String> sfuKeys() {
        Map<String, String> keys = new HashMap<>();
        keys.put("sfu.enabled", "true");
        keys.put("sfu.bind-address", "127.0.0.1");
        keys.put("sfu.port", "0");
        keys.put("cluster.heartbeat-interval-ms", "200");
        keys.put("cluster.node-ttl-ms", "1000");
        keys.put("http.static-dir", "");
        return keys;
    }

    @Test
    void ffmpegAndAWhepPlayerPointedAtTheNonOwnerNode() throws Exception {
        try (RedisProcess redis = RedisProcess.startNew();
             ClusterNodes.Child b = new ClusterNodes.Child(redis, "redir-", sfuKeys())) {
            Map<String, String> aKeys = sfuKeys();
            aKeys.put("server.port", "0");
            aKeys.put("server.host", "127.0.0.1");
            SignalingServer a = ClusterNodes.start(redis, "redir-", aKeys);
            Path log = Files.createTempFile("ffmpeg-whip-redirect", ".log");
            Process ffmpeg = null;
            try {
                String aUrl = "http://127.0.0.1:" + a.port();
                try (io.lettuce.core.RedisClient client = io.lettuce.core.RedisClient.create(redis.uri());
                     var connection = client.connect()) {
                    TestServers.await("both nodes' SFU loads are in Redis",
                            () -> connection.sync().keys("redir-sfu:load:*").size() == 2);
                }
                // load A with one publisher, so that a new stream is placed on B, the less loaded node
                HttpResponse<String> filler = NO_REDIRECTS.send(HttpRequest.newBuilder(URI.create(aUrl + "/whip/filler"))
                        .header("Content-Type", "application/sdp").timeout(Duration.ofSeconds(10))
                        .POST(HttpRequest.BodyPublishers.ofString(SfuRoomSignalingTest.publishOffer("cam"))).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(filler.statusCode()).as(filler.body()).isEqualTo(201);
                Thread.sleep(600); // A's next heartbeat carries its load

                String ffmpegPath = org.bytedeco.javacpp.Loader.load(org.bytedeco.ffmpeg.ffmpeg.class);
                ffmpeg = new ProcessBuilder(List.of(ffmpegPath, "-hide_banner", "-nostdin", "-loglevel", "verbose",
                        "-re", "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30",
                        "-re", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-t", "30",
                        "-c:v", "libopenh264", "-b:v", "1M", "-g", "30", "-pix_fmt", "yuv420p",
                        "-c:a", "libopus", "-ar", "48000", "-ac", "2", "-b:a", "64k",
                        "-f", "whip", aUrl + "/whip/ff"))
                        .redirectErrorStream(true).redirectOutput(log.toFile()).start();

                // FFmpeg follows the 307: its log shows the POST to A, then the POST to B, B's session URL, and its
                // ICE, DTLS and SRTP done with B (slow on a loaded machine: DTLS took 5 s in one run)
                String bPort = Integer.toString(b.uri().getPort());
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (!Files.readString(log).contains("SRTP setup done") && ffmpeg.isAlive() && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
                String ffmpegLog = Files.readString(log);
                System.out.println("WhipRedirectClientsTest: FFmpeg's log:\n" + ffmpegLog);
                assertThat(ffmpegLog).as("FFmpeg connected to A").contains("Successfully connected to 127.0.0.1 port " + a.port());
                assertThat(ffmpegLog).as("FFmpeg followed the 307 to B").contains("Successfully connected to 127.0.0.1 port " + bPort);
                assertThat(ffmpegLog).as("FFmpeg's session is on B").contains("location=http://127.0.0.1:" + bPort + "/whip/ff/");
                assertThat(ffmpegLog).as("FFmpeg's ICE, DTLS and SRTP with B").contains("ICE STUN ok").contains("DTLS handshake is done")
                        .contains("SRTP setup done");

                // a WHEP player's client offer POSTed to A: Java's HTTP client follows the 307 to B, which answers 201
                try (RtpReceivingPeer peer = RtpReceivingPeer.open(new InetSocketAddress("127.0.0.1", 0), new RtpTrackListener() {
                    @Override
                    public void onRtp(ReceivedTrack track, byte[] packet, int offset, int length) {
                    }
                })) {
                    String offer = peer.createOffer(1, 1).get(10, TimeUnit.SECONDS);
                    HttpResponse<String> played = FOLLOWING.send(HttpRequest.newBuilder(URI.create(aUrl + "/whep/ff"))
                            .header("Content-Type", "application/sdp").timeout(Duration.ofSeconds(10))
                            .POST(HttpRequest.BodyPublishers.ofString(offer)).build(), HttpResponse.BodyHandlers.ofString());
                    assertThat(played.statusCode()).as("WHEP POST to A, redirect followed: %s", played.body()).isEqualTo(201);
                    assertThat(played.uri().getPort()).as("the 201 came from the owner B").isEqualTo(b.uri().getPort());
                    assertThat(played.body()).contains("a=sendonly");
                }
            } finally {
                if (ffmpeg != null) {
                    ffmpeg.destroy();
                    if (!ffmpeg.waitFor(5, TimeUnit.SECONDS)) {
                        ffmpeg.destroyForcibly();
                    }
                }
                a.close();
            }
        }
    }
}
