package org.peerstack.signaling.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.peerstack.exc.ErrorCode;
import org.peerstack.exc.SignalingException;
import org.peerstack.signaling.SignalingClient;
import org.peerstack.signaling.SignalingMessage.Answer;
import org.peerstack.signaling.SignalingMessage.ErrorMessage;
import org.peerstack.signaling.SignalingMessage.Join;
import org.peerstack.signaling.SignalingMessage.Joined;
import org.peerstack.signaling.SignalingMessage.Offer;
import org.peerstack.signaling.SignalingMessage.PeerJoined;
import org.peerstack.signaling.SignalingMessage.PeerLeft;
import org.peerstack.signaling.server.sfu.SfuRooms;

/**
 * SFU rooms over signaling across two cluster nodes in this JVM and a real redis-server, with real
 * {@link SignalingClient}s speaking hand-written SDP (the media test with libwebrtc peers and a killed owner
 * is the whip module's SfuRoomClusterMediaTest). A room is placed on one node; a member on the other node
 * reaches the room's SFU through Redis; members see each other join and leave across nodes; the room's
 * mode and its member limit hold cluster-wide.
 */
class SfuRoomClusterTest {

    private static Map<String, String> keys() {
        Map<String, String> keys = new HashMap<>();
        keys.put("sfu.enabled", "true");
        keys.put("sfu.port", "0");
        keys.put("sfu.bind-address", "127.0.0.1");
        keys.put("sfu.rooms", "[\"sfu-*\"]");
        keys.put("sfu.max-members-per-room", "3");
        keys.put("limits.max-members-per-room", "2");
        keys.put("cluster.heartbeat-interval-ms", "200");
        keys.put("cluster.node-ttl-ms", "1000");
        return keys;
    }

    private static SignalingClient connected(SignalingServer node) throws Exception {
        SignalingClient client = SignalingClient.create(TestServers.options(node.uri()).build());
        client.connect().get(20, TimeUnit.SECONDS);
        return client;
    }

    static int liveNodes(SignalingServer node) {
        try {
            return node.placement().orElseThrow().liveNodes().get(5, TimeUnit.SECONDS).size();
        } catch (Exception e) {
            return -1;
        }
    }

    private static ErrorCode joinError(SignalingClient client, Join join) {
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> client.join(join).get(20, TimeUnit.SECONDS));
        return ((SignalingException) e.getCause()).code();
    }

    @Test
    void membersOnEitherNodeReachTheRoomsSfuAndSeeEachOtherAcrossNodes() throws Exception {
        String prefix = "sfu-cluster-" + System.nanoTime() + "-";
        try (RedisProcess redis = RedisProcess.startNew();
             SignalingServer a = ClusterNodes.start(redis, prefix, keys());
             SignalingServer b = ClusterNodes.start(redis, prefix, keys());
             SignalingClient x = connected(a);
             SignalingClient y = connected(b)) {
            TestServers.await("both nodes are in the placement", () -> liveNodes(a) == 2);
            ClientRecorder xEvents = new ClientRecorder("x", x, false);
            ClientRecorder yEvents = new ClientRecorder("y", y, false);
            Joined xJoined = x.join(new Join("call", null, null, true)).get(20, TimeUnit.SECONDS);
            assertThat(xJoined.sfuRoom()).isTrue();
            Joined yJoined = y.join(new Join("call", null, null)).get(20, TimeUnit.SECONDS);
            assertThat(yJoined.sfuRoom()).as("the room's mode is in Redis: a plain join on B joins the SFU room").isTrue();
            assertThat(yJoined.members()).extracting(m -> m.id()).containsExactly(xJoined.id());
            assertThat(xEvents.nextOf(PeerJoined.class).id()).isEqualTo(yJoined.id());

            boolean onA = a.placement().orElseThrow().locate("call", false).get(5, TimeUnit.SECONDS).orElseThrow().self();
            assertThat(onA).as("placed on A, the node of its first member (loads equal)").isTrue();

            // Y, on B, publishes: its offer reaches A's SFU through Redis; the answer comes back the same way
            y.send(new Offer(SfuRooms.PEER_ID, null, SfuRoomSignalingTest.publishOffer("streamY"))).get(20, TimeUnit.SECONDS);
            Answer answer = yEvents.nextOf(Answer.class);
            assertThat(answer.from()).isEqualTo(SfuRooms.PEER_ID);
            assertThat(answer.sdp()).contains("a=ice-lite", "a=mid:0", "a=mid:1");
            // X, on A, is offered Y's stream by A's SFU
            Offer toX = xEvents.nextOf(Offer.class);
            assertThat(toX.streams()).containsExactly(Map.entry("streamY", yJoined.id()));
            x.send(new Answer(SfuRooms.PEER_ID, null, SfuRoomSignalingTest.answerTo(toX.sdp()))).get(20, TimeUnit.SECONDS);

            // X publishes on its one connection (its offer keeps the m-lines it receives Y on): Y, on B, gets the
            // SFU's offer of X's stream through Redis
            x.send(new Offer(SfuRooms.PEER_ID, null, SfuRoomSignalingTest.memberOffer(toX.sdp(), "streamX"))).get(20, TimeUnit.SECONDS);
            assertThat(xEvents.nextOf(Answer.class).from()).isEqualTo(SfuRooms.PEER_ID);
            Offer toY = yEvents.nextOf(Offer.class);
            assertThat(toY.from()).isEqualTo(SfuRooms.PEER_ID);
            assertThat(toY.streams()).containsExactly(Map.entry("streamX", xJoined.id()));
            y.send(new Answer(SfuRooms.PEER_ID, null, "not sdp")).get(20, TimeUnit.SECONDS);
            ErrorMessage bad = yEvents.nextOf(ErrorMessage.class);
            assertThat(bad.code()).as("the owner's errors reach a member on another node").isEqualTo(ErrorCode.SFU_REFUSED);
            assertThat(bad.ref()).isEqualTo("answer");

            // media messages to another member are refused on B as on one node
            y.send(new Offer(xJoined.id(), null, "v=0")).get(20, TimeUnit.SECONDS);
            assertThat(yEvents.nextOf(ErrorMessage.class).code()).isEqualTo(ErrorCode.SFU_ROOM);

            // the member limit (sfu.max-members-per-room: 3) is counted across nodes
            try (SignalingClient z = connected(b); SignalingClient w = connected(a)) {
                assertThat(z.join(new Join("call", null, null)).get(20, TimeUnit.SECONDS).sfuRoom()).isTrue();
                assertThat(joinError(w, new Join("call", null, null))).isEqualTo(ErrorCode.ROOM_FULL);
            }
            assertThat(xEvents.nextOf(PeerLeft.class).id()).as("z left when its client closed").isNotEqualTo(yJoined.id());

            // Y leaves: X hears it, and A's SFU no longer holds Y (X's next offer names no stream of Y)
            y.leave().get(20, TimeUnit.SECONDS);
            assertThat(xEvents.nextOf(PeerLeft.class).id()).isEqualTo(yJoined.id());
            TestServers.await("A's SFU room holds X only", () -> a.clusterSfu().hostedMembers() == 1);
        }
    }

    @Test
    void theRoomsModeHoldsAcrossNodes() throws Exception {
        String prefix = "sfu-mode-" + System.nanoTime() + "-";
        try (RedisProcess redis = RedisProcess.startNew();
             SignalingServer a = ClusterNodes.start(redis, prefix, keys());
             SignalingServer b = ClusterNodes.start(redis, prefix, keys());
             SignalingClient x = connected(a);
             SignalingClient y = connected(b)) {
            assertThat(x.join(new Join("mesh", null, null)).get(20, TimeUnit.SECONDS).sfuRoom()).isFalse();
            assertThat(joinError(y, new Join("mesh", null, null, true))).isEqualTo(ErrorCode.ROOM_MODE);
            // a name in sfu.rooms is an SFU room on every node
            assertThat(y.join(new Join("sfu-auto", null, null)).get(20, TimeUnit.SECONDS).sfuRoom()).isTrue();
            x.leave().get(20, TimeUnit.SECONDS);
            assertThat(x.join(new Join("sfu-auto", null, null, false)).get(20, TimeUnit.SECONDS).sfuRoom()).isTrue();
        }
    }
}
