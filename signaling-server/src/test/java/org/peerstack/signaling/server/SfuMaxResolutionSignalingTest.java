package org.peerstack.signaling.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.peerstack.exc.ErrorCode;
import org.peerstack.signaling.SignalingClient;
import org.peerstack.signaling.SignalingMessage.Answer;
import org.peerstack.signaling.SignalingMessage.ErrorMessage;
import org.peerstack.signaling.SignalingMessage.Join;
import org.peerstack.signaling.SignalingMessage.Joined;
import org.peerstack.signaling.SignalingMessage.MaxResolution;
import org.peerstack.signaling.SignalingMessage.Offer;
import org.peerstack.signaling.server.sfu.SfuRooms;

/**
 * The {@code max-resolution} message of SFU rooms on a real server with its real SFU, with real
 * {@link SignalingClient}s speaking hand-written SDP (no media: SfuMaxResolutionMediaTest in the whip module
 * checks the layers a real peer decodes): accepted for a received video track, {@code unknown-track} for
 * anything else, {@code bad-message} for bad sizes and in mesh rooms, {@code sfu-room} to another member, and
 * relayed through Redis from a member on another cluster node than the room's.
 */
class SfuMaxResolutionSignalingTest {

    private static final String SFU = SfuRooms.PEER_ID;
    private static SignalingServer server;

    @BeforeAll
    static void startServer() {
        server = TestServers.start(Map.of("sfu.enabled", "true", "sfu.port", "0", "sfu.bind-address", "127.0.0.1"));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private static SignalingClient connected(SignalingServer node) throws Exception {
        SignalingClient client = SignalingClient.create(TestServers.options(node.uri()).build());
        client.connect().get(20, TimeUnit.SECONDS);
        return client;
    }

    /**
     * Sends {@code max-resolution} for a received track, then one for {@code "no-such"}: the first error
     * that comes is the second's (the first was applied), {@code unknown-track} naming it.
     */
    private static void acceptedThenUnknown(SignalingClient client, ClientRecorder events, MaxResolution ok)
            throws Exception {
        client.send(ok).get(20, TimeUnit.SECONDS);
        client.send(new MaxResolution(SFU, null, "no-such", 320, 180)).get(20, TimeUnit.SECONDS);
        ErrorMessage error = events.nextOf(ErrorMessage.class);
        assertThat(error.code()).as("%s was applied", ok).isEqualTo(ErrorCode.UNKNOWN_TRACK);
        assertThat(error.message()).contains("'no-such'");
        assertThat(error.ref()).isEqualTo("max-resolution");
    }

    private static ErrorMessage errorFor(SignalingClient client, ClientRecorder events, MaxResolution message)
            throws Exception {
        client.send(message).get(20, TimeUnit.SECONDS);
        return events.nextOf(ErrorMessage.class);
    }

    @Test
    void aReceivedVideoTrackIsLimitedAndClearedEverythingElseIsATypedError() throws Exception {
        try (SignalingClient a = connected(server); SignalingClient b = connected(server)) {
            ClientRecorder aEvents = new ClientRecorder("a", a, false);
            ClientRecorder bEvents = new ClientRecorder("b", b, false);
            Joined aJoined = a.join(new Join("maxres", null, null, true)).get(20, TimeUnit.SECONDS);
            a.send(new Offer(SFU, null, SfuRoomSignalingTest.publishOffer("streamA"))).get(20, TimeUnit.SECONDS);
            aEvents.nextOf(Answer.class);
            b.join(new Join("maxres", null, null, true)).get(20, TimeUnit.SECONDS);
            Offer offer = bEvents.nextOf(Offer.class);
            assertThat(offer.sdp()).contains("a=msid:streamA video-streamA");
            b.send(new Answer(SFU, null, SfuRoomSignalingTest.answerTo(offer.sdp()))).get(20, TimeUnit.SECONDS);

            // the track id of a=msid in the server's offer: set, then cleared
            acceptedThenUnknown(b, bEvents, new MaxResolution(SFU, null, "video-streamA", 320, 180));
            acceptedThenUnknown(b, bEvents, MaxResolution.clear(SFU, "video-streamA"));
            // an audio track, and a member's own track (it does not receive it), are no received video tracks
            assertThat(errorFor(b, bEvents, new MaxResolution(SFU, null, "audio-streamA", 320, 180)).code())
                    .isEqualTo(ErrorCode.UNKNOWN_TRACK);
            assertThat(errorFor(a, aEvents, new MaxResolution(SFU, null, "video-streamA", 320, 180)).code())
                    .isEqualTo(ErrorCode.UNKNOWN_TRACK);
            // to another member: refused like every media message in an SFU room
            assertThat(errorFor(b, bEvents, new MaxResolution(aJoined.id(), null, "video-streamA", 320, 180)).code())
                    .isEqualTo(ErrorCode.SFU_ROOM);
            Thread.sleep(200);
            assertThat(aEvents.hasPending()).as("nothing relayed to A").isFalse();
        }
    }

    @Test
    void badSizesAreBadMessagesAndTheConnectionStaysUsable() throws Exception {
        try (RawSocket socket = RawSocket.connect(server.uri())) {
            socket.sendText("{\"type\":\"join\",\"room\":\"maxres-raw\",\"sfu\":true}");
            assertThat(socket.next().path("type").asText()).isEqualTo("joined");
            for (String size : new String[] {"\"width\":0,\"height\":180", "\"width\":320", "\"height\":-5,\"width\":-5",
                    "\"width\":16385,\"height\":180", "\"width\":\"wide\",\"height\":180"}) {
                socket.sendText("{\"type\":\"max-resolution\",\"to\":\"sfu\",\"track\":\"t\"," + size + "}");
                assertThat(socket.nextError("bad-message").path("message").asText()).as(size).contains("width");
            }
            socket.sendText("{\"type\":\"max-resolution\",\"to\":\"sfu\",\"width\":320,\"height\":180}");
            socket.nextError("bad-message");
            socket.sendText("{\"type\":\"max-resolution\",\"to\":\"sfu\",\"track\":\"t\",\"width\":16384,\"height\":16384}");
            socket.nextError("unknown-track"); // the largest size accepted: a valid message for no received track
            socket.assertAlive();
        }
        try (RawSocket mesh = RawSocket.connect(server.uri()); RawSocket other = RawSocket.connect(server.uri())) {
            mesh.sendText("{\"type\":\"join\",\"room\":\"maxres-mesh\"}");
            mesh.next();
            other.sendText("{\"type\":\"join\",\"room\":\"maxres-mesh\"}");
            String otherId = other.next().path("id").asText();
            mesh.next(); // peer-joined
            mesh.sendText("{\"type\":\"max-resolution\",\"to\":\"" + otherId + "\",\"track\":\"t\",\"width\":1,\"height\":1}");
            mesh.nextError("bad-message");
            Thread.sleep(200);
            assertThat(other.hasPending()).as("not relayed in a mesh room").isFalse();
        }
    }

    @Test
    void aMemberOnAnotherNodeThanTheRoomsReachesItsSfuThroughRedis() throws Exception {
        Map<String, String> keys = new HashMap<>(Map.of("sfu.enabled", "true", "sfu.port", "0",
                "sfu.bind-address", "127.0.0.1", "cluster.heartbeat-interval-ms", "200", "cluster.node-ttl-ms", "1000"));
        String prefix = "sfu-maxres-" + System.nanoTime() + "-";
        try (RedisProcess redis = RedisProcess.startNew();
             SignalingServer a = ClusterNodes.start(redis, prefix, keys);
             SignalingServer b = ClusterNodes.start(redis, prefix, keys);
             SignalingClient x = connected(a);
             SignalingClient y = connected(b)) {
            TestServers.await("both nodes are in the placement", () -> SfuRoomClusterTest.liveNodes(a) == 2);
            ClientRecorder xEvents = new ClientRecorder("x", x, false);
            ClientRecorder yEvents = new ClientRecorder("y", y, false);
            x.join(new Join("call", null, null, true)).get(20, TimeUnit.SECONDS);
            x.send(new Offer(SFU, null, SfuRoomSignalingTest.publishOffer("streamX"))).get(20, TimeUnit.SECONDS);
            xEvents.nextOf(Answer.class);
            y.join(new Join("call", null, null)).get(20, TimeUnit.SECONDS);
            assertThat(a.placement().orElseThrow().locate("call", false).get(5, TimeUnit.SECONDS).orElseThrow().self())
                    .as("the room is on A; Y is on B").isTrue();
            Offer toY = yEvents.nextOf(Offer.class);
            y.send(new Answer(SFU, null, SfuRoomSignalingTest.answerTo(toY.sdp()))).get(20, TimeUnit.SECONDS);

            acceptedThenUnknown(y, yEvents, new MaxResolution(SFU, null, "video-streamX", 640, 360));
            acceptedThenUnknown(y, yEvents, MaxResolution.clear(SFU, "video-streamX"));
        }
    }
}
