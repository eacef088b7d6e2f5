package org.peerstack.signaling.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.peerstack.exc.SignalingException;
import org.peerstack.exc.ErrorCode;
import org.peerstack.signaling.SignalingClient;
import org.peerstack.signaling.SignalingMessage;
import org.peerstack.signaling.SignalingMessage.AppMessage;
import org.peerstack.signaling.SignalingMessage.Candidate;
import org.peerstack.signaling.SignalingMessage.Joined;
import org.peerstack.signaling.SignalingMessage.Offer;
import org.peerstack.signaling.SignalingMessage.PeerJoined;
import org.peerstack.signaling.SignalingMessage.PeerLeft;

/**
 * Two or three nodes on one real redis-server act as one server: members of one room on different
 * nodes see each other join and leave, exchange addressed and broadcast messages, limits hold
 * cluster-wide, peer ids are unique cluster-wide, and a flood across nodes loses nothing of a control pair.
 */
class ClusterTest {

    private static RedisProcess redis;

    @BeforeAll
    static void startRedis() throws Exception {
        redis = RedisProcess.startNew();
    }

    @AfterAll
    static void stopRedis() throws Exception {
        redis.close();
    }

    private static String prefix() {
        return "t" + UUID.randomUUID().toString().substring(0, 8) + "-";
    }

    private static SignalingClient connected(SignalingServer node) throws Exception {
        SignalingClient client = TestServers.client(node.uri());
        client.connect().get(20, TimeUnit.SECONDS);
        return client;
    }

    @Test
    void membersOnTwoNodesJoinRelayAndLeaveAsInOneRoom() throws Exception {
        String prefix = prefix();
        try (SignalingServer one = ClusterNodes.start(redis, prefix, Map.of());
             SignalingServer two = ClusterNodes.start(redis, prefix, Map.of());
             SignalingClient alice = connected(one);
             SignalingClient bob = connected(two)) {
            assertThat(ClusterNodes.health(one.httpUri())).isEqualTo("200 ok");
            ClientRecorder aliceEvents = new ClientRecorder("alice", alice, false);
            ClientRecorder bobEvents = new ClientRecorder("bob", bob, false);

            String aliceId = alice.join("split", "Alice", null).get(20, TimeUnit.SECONDS).id();
            aliceEvents.next(Joined.class);
            Joined bobJoined = bob.join("split", "Bob", null).get(20, TimeUnit.SECONDS);
            bobEvents.next(Joined.class);
            assertThat(bobJoined.members()).containsExactly(new SignalingMessage.Member(aliceId, "Alice"));
            PeerJoined seen = aliceEvents.next(PeerJoined.class);
            assertThat(seen).isEqualTo(new PeerJoined(bobJoined.id(), "Bob"));

            alice.send(new Offer(bobJoined.id(), null, "v=0 offer")).get(20, TimeUnit.SECONDS);
            Offer offer = bobEvents.next(Offer.class);
            assertThat(offer.from()).isEqualTo(aliceId);
            assertThat(offer.sdp()).isEqualTo("v=0 offer");

            bob.send(new AppMessage(null, null, IntNode.valueOf(42))).get(20, TimeUnit.SECONDS);
            AppMessage broadcast = aliceEvents.next(AppMessage.class);
            assertThat(broadcast.from()).isEqualTo(bobJoined.id());
            assertThat(broadcast.data().intValue()).isEqualTo(42);

            alice.leave().get(20, TimeUnit.SECONDS);
            assertThat(bobEvents.next(PeerLeft.class).id()).isEqualTo(aliceId);
            assertThat(redis.command("HLEN", prefix + "room:split")).isEqualTo(":1");
            bob.leave().get(20, TimeUnit.SECONDS);
            TestServers.await("the room is gone from Redis", () -> ":0".equals(redis.command("EXISTS", prefix + "room:split")));
            assertThat(redis.command("SCARD", prefix + "rooms")).isEqualTo(":0");
            aliceEvents.nextOf(SignalingMessage.Left.class);
            aliceEvents.assertExhausted();
        }
    }

    /**
     * A join in cluster mode waits for Redis; what the client sends right behind it, before its
     * {@code joined} arrives, waits for that answer and is then handled in order, as on one node.
     */
    @Test
    void messagesSentRightAfterJoinReachMembersOnTheOtherNodeInOrder() throws Exception {
        String prefix = prefix();
        try (SignalingServer one = ClusterNodes.start(redis, prefix, Map.of());
             SignalingServer two = ClusterNodes.start(redis, prefix, Map.of());
             RawSocket alice = RawSocket.connect(one.uri());
             RawSocket bob = RawSocket.connect(two.uri())) {
            alice.sendText("{\"type\":\"join\",\"room\":\"early\",\"name\":\"Alice\"}");
            JsonNode aliceJoined = alice.next();
            assertThat(aliceJoined.path("type").asText()).isEqualTo("joined");
            String aliceId = aliceJoined.path("id").asText();

            // no wait between them: all of these reach node two while its join asks Redis
            bob.sendText("{\"type\":\"join\",\"room\":\"early\",\"name\":\"Bob\"}");
            bob.sendText("{\"type\":\"message\",\"data\":1}");
            bob.sendText("{\"type\":\"offer\",\"to\":\"" + aliceId + "\",\"sdp\":\"v=0 early\"}");
            bob.sendText("{\"type\":\"message\",\"data\":2}");
            bob.sendText("{\"type\":\"ping\"}");
            JsonNode bobJoined = bob.next();
            assertThat(bobJoined.path("type").asText()).as("%s", bobJoined).isEqualTo("joined");
            assertThat(bobJoined.path("members").get(0).path("id").asText()).isEqualTo(aliceId);
            String bobId = bobJoined.path("id").asText();
            assertThat(bob.next().path("type").asText()).as("no not-joined before the pong").isEqualTo("pong");

            JsonNode announced = alice.next();
            assertThat(announced.path("type").asText()).isEqualTo("peer-joined");
            assertThat(announced.path("id").asText()).isEqualTo(bobId);
            JsonNode first = alice.next();
            assertThat(first.path("type").asText()).isEqualTo("message");
            assertThat(first.path("data").intValue()).isEqualTo(1);
            assertThat(first.path("from").asText()).isEqualTo(bobId);
            JsonNode offer = alice.next();
            assertThat(offer.path("type").asText()).isEqualTo("offer");
            assertThat(offer.path("sdp").asText()).isEqualTo("v=0 early");
            assertThat(offer.path("from").asText()).isEqualTo(bobId);
            JsonNode second = alice.next();
            assertThat(second.path("data").intValue()).isEqualTo(2);
            assertThat(second.path("from").asText()).isEqualTo(bobId);
            alice.assertAlive();
            bob.assertAlive();
        }
    }

    /** A refused cluster join answers what followed it in order: the refusal, then not-joined. */
    @Test
    void messagesSentRightAfterARefusedJoinGetNotJoinedAfterTheRefusal() throws Exception {
        String prefix = prefix();
        Map<String, String> oneMember = Map.of("limits.max-members-per-room", "1");
        try (SignalingServer one = ClusterNodes.start(redis, prefix, oneMember);
             SignalingServer two = ClusterNodes.start(redis, prefix, oneMember);
             RawSocket alice = RawSocket.connect(one.uri());
             RawSocket bob = RawSocket.connect(two.uri())) {
            alice.sendText("{\"type\":\"join\",\"room\":\"full\"}");
            assertThat(alice.next().path("type").asText()).isEqualTo("joined");
            bob.sendText("{\"type\":\"join\",\"room\":\"full\"}");
            bob.sendText("{\"type\":\"message\",\"data\":1}");
            bob.nextError("room-full");
            bob.nextError("not-joined");
            bob.assertAlive();
            alice.assertAlive();
        }
    }

    @Test
    void roomAndMemberLimitsHoldAcrossNodes() throws Exception {
        String prefix = prefix();
        Map<String, String> limits = Map.of("limits.max-members-per-room", "2", "limits.max-rooms", "1");
        try (SignalingServer one = ClusterNodes.start(redis, prefix, limits);
             SignalingServer two = ClusterNodes.start(redis, prefix, limits);
             SignalingClient a = connected(one);
             SignalingClient b = connected(two);
             SignalingClient c = connected(one);
             SignalingClient d = connected(two)) {
            a.join("only", null, null).get(20, TimeUnit.SECONDS);
            b.join("only", null, null).get(20, TimeUnit.SECONDS);
            assertThatThrownBy(() -> c.join("only", null, null).get(20, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).cause().isInstanceOf(SignalingException.class)
                    .satisfies(e -> assertThat(((SignalingException) e).code()).isEqualTo(ErrorCode.ROOM_FULL));
            assertThatThrownBy(() -> d.join("another", null, null).get(20, TimeUnit.SECONDS))
                    .cause().satisfies(e -> assertThat(((SignalingException) e).code()).isEqualTo(ErrorCode.TOO_MANY_ROOMS));
            a.leave().get(20, TimeUnit.SECONDS);
            assertThat(d.join("only", null, null).get(20, TimeUnit.SECONDS).members()).hasSize(1);
        }
    }

    /** Twelve joins race for a room of 4 from two nodes at once: exactly 4 get in, the rest get room-full. */
    @Test
    void concurrentJoinsFromTwoNodesNeverOverfillARoom() throws Exception {
        String prefix = prefix();
        Map<String, String> limits = Map.of("limits.max-members-per-room", "4");
        try (SignalingServer one = ClusterNodes.start(redis, prefix, limits);
             SignalingServer two = ClusterNodes.start(redis, prefix, limits)) {
            List<SignalingClient> clients = new ArrayList<>();
            try {
                for (int i = 0; i < 12; i++) {
                    clients.add(connected(i % 2 == 0 ? one : two));
                }
                List<CompletableFuture<Joined>> joins = new ArrayList<>();
                for (SignalingClient client : clients) {
                    joins.add(client.join("race", null, null));
                }
                int joined = 0;
                int full = 0;
                for (CompletableFuture<Joined> join : joins) {
                    try {
                        join.get(20, TimeUnit.SECONDS);
                        joined++;
                    } catch (ExecutionException e) {
                        assertThat(((SignalingException) e.getCause()).code()).isEqualTo(ErrorCode.ROOM_FULL);
                        full++;
                    }
                }
                assertThat(joined).isEqualTo(4);
                assertThat(full).isEqualTo(8);
                assertThat(redis.command("HLEN", prefix + "room:race")).isEqualTo(":4");
            } finally {
                clients.forEach(SignalingClient::close);
            }
        }
    }

    @Test
    void aPeerIdTakenOnAnotherNodeIsReplacedAtJoin() throws Exception {
        String prefix = prefix();
        try (SignalingServer one = ClusterNodes.start(redis, prefix, Map.of());
             SignalingServer two = ClusterNodes.start(redis, prefix, Map.of())) {
            EmbeddedChannel first = new EmbeddedChannel();
            EmbeddedChannel second = new EmbeddedChannel();
            RoomRegistry.JoinResult a = one.rooms().join("x", new Member("same-id", null, first)).get(20, TimeUnit.SECONDS);
            RoomRegistry.JoinResult b = two.rooms().join("y", new Member("same-id", null, second)).get(20, TimeUnit.SECONDS);
            assertThat(a.error()).isNull();
            assertThat(a.member().id()).isEqualTo("same-id");
            assertThat(b.error()).isNull();
            assertThat(b.member().id()).isNotEqualTo("same-id").hasSize(12);
            assertThat(redis.command("HGET", prefix + "peers", "same-id")).isEqualTo("$1"); // "x"
            one.rooms().leave(a.room(), a.member());
            two.rooms().leave(b.room(), b.member());
            first.finishAndReleaseAll();
            second.finishAndReleaseAll();
        }
    }

    /** Eight members flood each other across three nodes while a control pair counts every message. */
    @Test
    void aFloodAcrossNodesLosesAndReordersNothingOfTheControlPair() throws Exception {
        int flooders = 8;
        int perFlooder = 3000;
        int control = 3000;
        String prefix = prefix();
        try (SignalingServer one = ClusterNodes.start(redis, prefix, Map.of());
             SignalingServer two = ClusterNodes.start(redis, prefix, Map.of());
             SignalingServer three = ClusterNodes.start(redis, prefix, Map.of())) {
            SignalingServer[] nodes = {one, two, three};
            List<SignalingClient> clients = new ArrayList<>();
            try {
                SignalingClient sender = connected(one);
                SignalingClient receiver = connected(two);
                clients.add(sender);
                clients.add(receiver);
                ClientRecorder received = new ClientRecorder("control receiver", receiver, false);
                String senderId = sender.join("control", null, null).get(20, TimeUnit.SECONDS).id();
                String receiverId = receiver.join("control", null, null).get(20, TimeUnit.SECONDS).id();
                received.next(Joined.class);

                List<SignalingClient> flood = new ArrayList<>();
                List<String> floodIds = new ArrayList<>();
                for (int i = 0; i < flooders; i++) {
                    SignalingClient client = connected(nodes[i % 3]);
                    clients.add(client);
                    flood.add(client);
                    floodIds.add(client.join("flood", null, null).get(20, TimeUnit.SECONDS).id());
                }
                List<CompletableFuture<Void>> sent = new ArrayList<>();
                Thread[] threads = new Thread[flooders];
                for (int f = 0; f < flooders; f++) {
                    SignalingClient client = flood.get(f);
                    String target = floodIds.get((f + 1) % flooders); // on the next node
                    threads[f] = new Thread(() -> {
                        for (int i = 0; i < perFlooder; i++) {
                            client.send(new Candidate(target, null, "flood " + i, "0", 0, null));
                        }
                    });
                    threads[f].start();
                }
                for (int i = 0; i < control; i++) {
                    sent.add(sender.send(new Candidate(receiverId, null, "control " + i, "0", 0, null)));
                }
                for (Thread thread : threads) {
                    thread.join();
                }
                CompletableFuture.allOf(sent.toArray(new CompletableFuture<?>[0])).get(30, TimeUnit.SECONDS);
                for (int i = 0; i < control; i++) {
                    Candidate candidate = received.next(Candidate.class);
                    assertThat(candidate.candidate()).isEqualTo("control " + i);
                    assertThat(candidate.from()).isEqualTo(senderId);
                }
                sender.close();
                assertThat(received.next(PeerLeft.class).id()).isEqualTo(senderId);
                received.assertExhausted();
                assertThat(nodes).allSatisfy(n -> assertThat(n.degradedReason()).isEmpty());
            } finally {
                clients.forEach(SignalingClient::close);
            }
        }
    }
}
