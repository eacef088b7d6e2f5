package org.peerstack.signaling.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.peerstack.exc.ErrorCode;
import org.peerstack.exc.SignalingException;
import org.peerstack.signaling.SignalingClient;
import org.peerstack.signaling.SignalingMessage.Join;
import org.peerstack.signaling.SignalingMessage.Joined;
import org.peerstack.signaling.SignalingMessage.PeerLeft;

/**
 * A member that is told it left (or whose peers are told it left) can rely on it cluster-wide: node
 * one reaches a real redis-server through a {@link RedisGate} that holds what the node writes, so its
 * leave reaches Redis late while node two's commands do not. Whoever hears of the leave (the leaver's
 * {@code left}, the {@code peer-left} of the members on its node, after a leave or a disconnect) joins
 * the other node at once and must find the seat free. When Redis does not confirm a leave, the leaver
 * gets {@code internal} instead of {@code left}, and the seat is freed once the node reaches Redis again.
 *
 * <p>Why a gate and not {@code CLIENT PAUSE}: a pause stops every client's writes, node two's join
 * included, and Redis then runs the paused commands in arrival order (the leave first), so it cannot
 * show a join that overtakes a leave.
 */
class ClusterLeaveTest {

    /** How long node one's writes are held when nothing answers (milliseconds): far above a loopback round trip. */
    private static final long HOLD_MS = 2_000;

    /** A line of leave.lua, the script of a leave: what {@link RedisGate#holdFrom} waits for. */
    private static final String LEAVE_SCRIPT_LINE = "Removes the member if this node holds it";

    private static RedisProcess redis;

    @BeforeAll
    static void startRedis() throws Exception {
        redis = RedisProcess.startNew();
    }

    @AfterAll
    static void stopRedis() throws Exception {
        redis.close();
    }

    /**
     * One room of 2 members, one room in the cluster; timeouts far longer than a hold, so holding node
     * one's writes delays them without making anything fail.
     */
    private static Map<String, String> settings(String redisUri) {
        Map<String, String> keys = new HashMap<>(Map.of("limits.max-members-per-room", "2", "limits.max-rooms", "1",
                "cluster.command-timeout-ms", "10000", "cluster.node-ttl-ms", "10000"));
        if (redisUri != null) {
            keys.put("cluster.redis-uri", redisUri);
        }
        return keys;
    }

    private static String prefix() {
        return "l" + UUID.randomUUID().toString().substring(0, 8) + "-";
    }

    private static SignalingClient connected(SignalingServer node) throws Exception {
        SignalingClient client = TestServers.client(node.uri());
        client.connect().get(20, TimeUnit.SECONDS);
        return client;
    }

    /**
     * Holds node one's writes to Redis until {@code heard} (the leave as a client hears of it) has led to
     * {@code joinAfter} completing, or {@link #HOLD_MS} passed; then releases them and returns whether
     * {@code heard} completed while the leave could not have reached Redis yet.
     */
    private static boolean heardWhileHeld(RedisGate gate, CompletableFuture<?> heard, CompletableFuture<?> joinAfter)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(HOLD_MS);
        while (!joinAfter.isDone() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        boolean early = heard.isDone();
        gate.release();
        return early;
    }

    private static Joined joinedOrFail(CompletableFuture<Joined> join, String what) throws Exception {
        try {
            return join.get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return fail(what + " was refused: " + e.getCause(), e.getCause());
        }
    }

    @Test
    void leftIsAnsweredOnlyOnceRedisHasRunTheLeave() throws Exception {
        String prefix = prefix();
        try (RedisGate gate = RedisGate.open(redis);
             SignalingServer one = ClusterNodes.start(redis, prefix, settings(gate.uri()));
             SignalingServer two = ClusterNodes.start(redis, prefix, settings(null));
             SignalingClient a = connected(one);
             SignalingClient b = connected(two);
             SignalingClient d = connected(two)) {
            a.join("only", null, null).get(20, TimeUnit.SECONDS);
            b.join("only", null, null).get(20, TimeUnit.SECONDS);

            gate.hold();
            CompletableFuture<Void> leave = a.leave();
            CompletableFuture<Joined> joinAfterLeft = leave.thenCompose(left -> d.join("only", null, null));
            boolean leftWhileHeld = heardWhileHeld(gate, leave, joinAfterLeft);

            assertThat(joinedOrFail(joinAfterLeft, "d's join on node two, sent as soon as a was told 'left'").members())
                    .hasSize(1);
            assertThat(leftWhileHeld).as("'left' answered while node one's leave had not reached Redis").isFalse();
            assertThat(redis.command("HLEN", prefix + "room:only")).isEqualTo(":2");
        }
    }

    @Test
    void peerLeftOnTheLeaversNodeComesOnlyOnceRedisHasRunTheLeaveOfAClosedConnection() throws Exception {
        String prefix = prefix();
        try (RedisGate gate = RedisGate.open(redis);
             SignalingServer one = ClusterNodes.start(redis, prefix, settings(gate.uri()));
             SignalingServer two = ClusterNodes.start(redis, prefix, settings(null));
             SignalingClient a = connected(one);
             SignalingClient c = connected(one);
             SignalingClient d = connected(two)) {
            String aId = a.join("only", null, null).get(20, TimeUnit.SECONDS).id();
            CompletableFuture<PeerLeft> heard = new CompletableFuture<>();
            c.addEventListener(SignalingClient.PEER_LEFT, event -> heard.complete(event.message()));
            c.join("only", null, null).get(20, TimeUnit.SECONDS);

            gate.hold();
            a.close(); // the disconnect path: nobody to answer, but c hears peer-left
            CompletableFuture<Joined> joinAfterPeerLeft = heard.thenCompose(left -> d.join("only", null, null));
            boolean peerLeftWhileHeld = heardWhileHeld(gate, heard, joinAfterPeerLeft);

            assertThat(joinedOrFail(joinAfterPeerLeft, "d's join on node two, sent as soon as c heard a's peer-left")
                    .members()).hasSize(1);
            assertThat(heard.get(20, TimeUnit.SECONDS).id()).isEqualTo(aId);
            assertThat(peerLeftWhileHeld).as("peer-left sent while node one's leave had not reached Redis").isFalse();
        }
    }

    /**
     * A join into an SFU room on a node without an SFU is admitted by Redis, then given back with
     * {@code sfu-unavailable} ("join it on a node with an SFU"): that answer, too, comes once Redis has
     * run the leave, so a join on the SFU node right after it finds the seat free.
     */
    @Test
    void sfuUnavailableComesOnlyOnceRedisHasGivenTheSeatBack() throws Exception {
        String prefix = prefix();
        Map<String, String> sfuNode = settings(null);
        sfuNode.putAll(Map.of("sfu.enabled", "true", "sfu.port", "0", "sfu.bind-address", "127.0.0.1",
                "sfu.max-members-per-room", "2"));
        Map<String, String> plainNode = settings(null);
        plainNode.put("sfu.max-members-per-room", "2");
        try (RedisGate gate = RedisGate.open(redis)) {
            plainNode.put("cluster.redis-uri", gate.uri());
            try (SignalingServer withSfu = ClusterNodes.start(redis, prefix, sfuNode);
                 SignalingServer without = ClusterNodes.start(redis, prefix, plainNode);
                 SignalingClient x = connected(withSfu);
                 SignalingClient y = connected(without);
                 SignalingClient z = connected(withSfu)) {
                assertThat(x.join(new Join("call", null, null, true)).get(20, TimeUnit.SECONDS).sfuRoom()).isTrue();

                gate.holdFrom(LEAVE_SCRIPT_LINE);
                CompletableFuture<Joined> refused = y.join("call", null, null);
                CompletableFuture<Joined> joinAfterRefusal = refused.handle((joined, failure) -> failure)
                        .thenCompose(failure -> z.join("call", null, null));
                boolean refusedWhileHeld = heardWhileHeld(gate, refused, joinAfterRefusal);

                assertThatThrownBy(() -> refused.get(20, TimeUnit.SECONDS)).cause().isInstanceOf(SignalingException.class)
                        .satisfies(e -> assertThat(((SignalingException) e).code()).isEqualTo(ErrorCode.SFU_UNAVAILABLE));
                assertThat(joinedOrFail(joinAfterRefusal, "z's join on the SFU node, sent as soon as y was refused")
                        .members()).hasSize(1);
                assertThat(refusedWhileHeld).as("sfu-unavailable sent while the leave had not reached Redis").isFalse();
            }
        }
    }

    /** What follows a leave waits for its {@code left}: a join sent right behind it is answered after it. */
    @Test
    void aJoinSentRightBehindALeaveIsAnsweredAfterLeft() throws Exception {
        String prefix = prefix();
        try (RedisGate gate = RedisGate.open(redis);
             SignalingServer one = ClusterNodes.start(redis, prefix, settings(gate.uri()));
             RawSocket a = RawSocket.connect(one.uri())) {
            a.sendText("{\"type\":\"join\",\"room\":\"only\"}");
            assertThat(a.next().path("type").asText()).isEqualTo("joined");

            gate.hold();
            a.sendText("{\"type\":\"leave\"}");
            a.sendText("{\"type\":\"join\",\"room\":\"only\"}");
            TestServers.await("node one's leave waits at the gate", () -> gate.heldBytes() > 0);
            gate.release(); // Redis runs the leave, then the join; their answers reach the node on two connections

            JsonNode first = a.next();
            assertThat(first.path("type").asText()).as("first answer: " + first).isEqualTo("left");
            JsonNode second = a.next();
            assertThat(second.path("type").asText()).as("second answer: " + second).isEqualTo("joined");
        }
    }

    @Test
    void aLeaveRedisDidNotConfirmIsAnsweredWithInternalAndItsSeatIsFreedWhenRedisAnswersAgain() throws Exception {
        String prefix = prefix();
        try (RedisGate gate = RedisGate.open(redis);
             SignalingServer one = ClusterNodes.start(redis, prefix, settings(gate.uri()));
             SignalingServer two = ClusterNodes.start(redis, prefix, settings(null));
             SignalingClient a = connected(one);
             SignalingClient b = connected(two);
             SignalingClient d = connected(two)) {
            String aId = a.join("only", null, null).get(20, TimeUnit.SECONDS).id();
            CompletableFuture<PeerLeft> bHeard = new CompletableFuture<>();
            b.addEventListener(SignalingClient.PEER_LEFT, event -> bHeard.complete(event.message()));
            b.join("only", null, null).get(20, TimeUnit.SECONDS);

            gate.cut();
            TestServers.await("node one notices it lost Redis", () -> !one.degradedReason().isEmpty());
            assertThatThrownBy(() -> a.leave().get(20, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).cause().isInstanceOf(SignalingException.class)
                    .satisfies(e -> assertThat(((SignalingException) e).code()).isEqualTo(ErrorCode.INTERNAL))
                    .hasMessageContaining("did not confirm");
            // Redis still counts a: node two refuses d until node one has told Redis
            assertThat(redis.command("HEXISTS", prefix + "room:only", aId)).isEqualTo(":1");

            gate.admit();
            TestServers.await("node one is healthy again", () -> one.degradedReason().isEmpty());
            assertThat(bHeard.get(20, TimeUnit.SECONDS).id()).isEqualTo(aId);
            assertThat(redis.command("HEXISTS", prefix + "room:only", aId)).isEqualTo(":0");
            assertThat(joinedOrFail(d.join("only", null, null), "d's join once node one is back").members()).hasSize(1);
        }
    }
}
