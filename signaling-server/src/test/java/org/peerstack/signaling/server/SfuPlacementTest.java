package org.peerstack.signaling.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * WHIP streams across two cluster nodes and a real redis-server: node B (a child JVM) and node A (this
 * JVM), both with their SFU. A stream is placed on the least loaded node (the receiving one on a tie);
 * a WHIP POST to the other node gets 307 to the owner's URL with the same path, and the redirected POST
 * gets 201 there; WHEP is redirected the same way, OPTIONS answered locally. When B is killed (SIGKILL, no goodbye), its placement expires with its heartbeat and
 * the stream is placed again on A. The offers are libwebrtc-shaped SDP; no media flows (the placement
 * is decided before the SFU sees the offer).
 */
class SfuPlacementTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private static Map<String, String> sfuKeys() {
        Map<String, String> keys = new HashMap<>();
        keys.put("sfu.enabled", "true");
        keys.put("sfu.bind-address", "127.0.0.1");
        keys.put("sfu.port", "0");
        keys.put("sfu.connect-timeout-ms", "120000");
        keys.put("cluster.heartbeat-interval-ms", "200");
        keys.put("cluster.node-ttl-ms", "1000");
        keys.put("http.static-dir", "");
        return keys;
    }

    /** The placement keys in Redis and their values (failure messages). */
    private static String placementKeys(RedisProcess redis) {
        try (io.lettuce.core.RedisClient client = io.lettuce.core.RedisClient.create(redis.uri());
             var connection = client.connect()) {
            var sync = connection.sync();
            StringBuilder out = new StringBuilder();
            for (String key : new java.util.TreeSet<>(sync.keys("place-sfu:*"))) {
                String type = sync.type(key);
                out.append(key).append('=').append("set".equals(type) ? String.valueOf(sync.smembers(key)) : sync.get(key)).append(' ');
            }
            return out.toString();
        }
    }

    private static HttpResponse<String> post(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/sdp")
                .POST(HttpRequest.BodyPublishers.ofString(SfuRoomSignalingTest.publishOffer("cam"))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void streamsArePlacedOnTheLeastLoadedNodeRedirectedThereAndPlacedAgainWhenTheOwnerDies() throws Exception {
        try (RedisProcess redis = RedisProcess.startNew();
             ClusterNodes.Child b = new ClusterNodes.Child(redis, "place-", sfuKeys())) {
            Map<String, String> aKeys = sfuKeys();
            aKeys.put("server.port", "0");
            aKeys.put("server.host", "127.0.0.1");
            SignalingServer a = ClusterNodes.start(redis, "place-", aKeys);
            try {
                String aUrl = "http://127.0.0.1:" + a.port();
                String bUrl = "http://127.0.0.1:" + b.uri().getPort();
                try (io.lettuce.core.RedisClient client = io.lettuce.core.RedisClient.create(redis.uri());
                     var connection = client.connect()) {
                    TestServers.await("both nodes' SFU loads are in Redis",
                            () -> connection.sync().keys("place-sfu:load:*").size() == 2);
                }

                HttpResponse<String> s1 = post(bUrl + "/whip/s1");
                assertThat(s1.statusCode()).as("s1 on B (equal loads: the receiving node) " + s1.body()).isEqualTo(201);

                HttpResponse<String> s2 = post(bUrl + "/whip/s2?x=1");
                assertThat(s2.statusCode()).as("s2 to B, now the more loaded node: " + s2.statusCode() + " " + placementKeys(redis)
                        + " (A " + a.placement().orElseThrow().nodeId() + ")").isEqualTo(307);
                assertThat(s2.headers().firstValue("Location")).hasValue(aUrl + "/whip/s2?x=1");
                HttpResponse<String> redirected = post(s2.headers().firstValue("Location").orElseThrow());
                assertThat(redirected.statusCode()).as("the redirected POST on A: " + redirected.body()).isEqualTo(201);
                assertThat(redirected.headers().firstValue("Location")).get().asString().startsWith("/whip/s2/");
                assertThat(a.whip().orElseThrow().sessionCount()).isEqualTo(1);

                HttpResponse<String> s1OnA = post(aUrl + "/whip/s1");
                assertThat(s1OnA.statusCode()).as("s1 to A goes to its owner B").isEqualTo(307);
                assertThat(s1OnA.headers().firstValue("Location")).hasValue(bUrl + "/whip/s1");

                HttpResponse<String> whep = post(aUrl + "/whep/s1");
                assertThat(whep.statusCode()).as("a WHEP POST for s1 to A goes to B too").isEqualTo(307);
                assertThat(whep.headers().firstValue("Location")).hasValue(bUrl + "/whep/s1");
                HttpResponse<String> options = HTTP.send(HttpRequest.newBuilder(URI.create(aUrl + "/whip/s1"))
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(options.statusCode()).as("OPTIONS is answered by any node").isBetween(200, 204);

                b.kill();
                long killed = System.nanoTime();
                HttpResponse<String> again;
                do {
                    Thread.sleep(100);
                    again = post(aUrl + "/whip/s1");
                    assertThat(System.nanoTime() - killed).as("s1 placed again within 5 s").isLessThan(5_000_000_000L);
                } while (again.statusCode() == 307);
                assertThat(again.statusCode()).as("s1 placed again on A, the survivor: " + again.body()).isEqualTo(201);
                assertThat(a.placement().orElseThrow().locate("s1", false).get().orElseThrow().self()).isTrue();
            } finally {
                a.close();
            }
        }
    }
}
