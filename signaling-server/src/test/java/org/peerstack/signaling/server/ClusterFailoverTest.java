package org.peerstack.signaling.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.peerstack.exc.SignalingException;
import org.peerstack.exc.ErrorCode;
import org.peerstack.signaling.SignalingClient;
import org.peerstack.signaling.SignalingMessage.Candidate;
import org.peerstack.signaling.SignalingMessage.Joined;
import org.peerstack.signaling.SignalingMessage.PeerJoined;
import org.peerstack.signaling.SignalingMessage.PeerLeft;
import org.slf4j.LoggerFactory;

/**
 * Failures with the default liveness settings (heartbeat 500 ms, TTL 2000 ms): a node killed with
 * SIGKILL (a child JVM) has its members announced {@code peer-left} on the other nodes within 5 s and
 * its state removed from Redis; Redis stopped and restarted: the nodes keep serving rooms whose
 * members are all theirs, report {@code /healthz} degraded, and rebuild the cluster when it is back.
 */
class ClusterFailoverTest {

    private RedisProcess redis;
    private final String prefix = "f" + UUID.randomUUID().toString().substring(0, 8) + "-";

    @BeforeEach
    void startRedis() throws Exception {
        redis = RedisProcess.startNew();
    }

    @AfterEach
    void stopRedis() throws Exception {
        redis.close();
    }

    private static SignalingClient connected(java.net.URI uri) throws Exception {
        SignalingClient client = TestServers.client(uri);
        client.connect().get(20, TimeUnit.SECONDS);
        return client;
    }

    @Test
    void theMembersOfANodeKilledWithSigkillLeaveWithinFiveSeconds() throws Exception {
        try (SignalingServer one = ClusterNodes.start(redis, prefix, Map.of());
             ClusterNodes.Child doomed = new ClusterNodes.Child(redis, prefix);
             SignalingClient alice = connected(one.uri());
             SignalingClient bob = connected(doomed.uri());
             SignalingClient carol = connected(doomed.uri())) {
            ClientRecorder aliceEvents = new ClientRecorder("alice", alice, false);
            alice.join("room", null, null).get(20, TimeUnit.SECONDS);
            aliceEvents.next(Joined.class);
            String bobId = bob.join("room", null, null).get(20, TimeUnit.SECONDS).id();
            String carolId = carol.join("room", null, null).get(20, TimeUnit.SECONDS).id();
            assertThat(aliceEvents.next(PeerJoined.class).id()).isEqualTo(bobId);
            assertThat(aliceEvents.next(PeerJoined.class).id()).isEqualTo(carolId);
            assertThat(redis.command("SCARD", prefix + "nodes")).isEqualTo(":2");

            long killed = System.nanoTime();
            doomed.kill();
            PeerLeft first = aliceEvents.next(PeerLeft.class);
            PeerLeft second = aliceEvents.next(PeerLeft.class);
            long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
            assertThat(java.util.Set.of(first.id(), second.id())).containsExactlyInAnyOrder(bobId, carolId);
            assertThat(elapsedMs).as("peer-left after SIGKILL (ms)").isLessThanOrEqualTo(5000);

            assertThat(redis.command("SCARD", prefix + "nodes")).isEqualTo(":1");
            assertThat(redis.command("HLEN", prefix + "room:room")).isEqualTo(":1");
            assertThat(redis.command("HLEN", prefix + "peers")).isEqualTo(":1");
            assertThat(one.degradedReason()).isEmpty();
            aliceEvents.assertExhausted();
        }
    }

    @Test
    void withoutRedisLocalRoomsKeepWorkingAndTheClusterIsRebuiltWhenRedisIsBack() throws Exception {
        try (SignalingServer one = ClusterNodes.start(redis, prefix, Map.of());
             SignalingServer two = ClusterNodes.start(redis, prefix, Map.of());
             SignalingClient localA = connected(one.uri());
             SignalingClient localB = connected(one.uri());
             SignalingClient near = connected(one.uri());
             SignalingClient far = connected(two.uri());
             SignalingClient late = connected(two.uri())) {
            ClientRecorder localBEvents = new ClientRecorder("localB", localB, false);
            ClientRecorder nearEvents = new ClientRecorder("near", near, false);
            ClientRecorder farEvents = new ClientRecorder("far", far, false);
            localA.join("local", null, null).get(20, TimeUnit.SECONDS);
            String localBId = localB.join("local", null, null).get(20, TimeUnit.SECONDS).id();
            localBEvents.next(Joined.class);
            String nearId = near.join("split", null, null).get(20, TimeUnit.SECONDS).id();
            nearEvents.next(Joined.class);
            String farId = far.join("split", null, null).get(20, TimeUnit.SECONDS).id();
            farEvents.next(Joined.class);
            assertThat(nearEvents.next(PeerJoined.class).id()).isEqualTo(farId);

            ListAppender<ILoggingEvent> log = new ListAppender<>();
            log.start();
            Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
            root.addAppender(log);
            redis.stop();
            TestServers.await("node one degraded", () -> ClusterNodes.health(one.httpUri()).startsWith("503 degraded"));
            TestServers.await("node two degraded", () -> two.degradedReason().isPresent());
            // members on the other node are out of reach: each side hears they left
            assertThat(nearEvents.next(PeerLeft.class).id()).isEqualTo(farId);
            assertThat(farEvents.next(PeerLeft.class).id()).isEqualTo(nearId);
            // a room whose members are all on node one keeps working
            localA.send(new Candidate(localBId, null, "still here", "0", 0, null)).get(20, TimeUnit.SECONDS);
            assertThat(localBEvents.next(Candidate.class).candidate()).isEqualTo("still here");
            // joins need the directory
            assertThatThrownBy(() -> late.join("split", null, null).get(20, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().satisfies(e -> assertThat(((SignalingException) e).code()).isEqualTo(ErrorCode.INTERNAL));

            Thread.sleep(3000); // an outage of several heartbeats and reconnect attempts
            redis.start(); // same port, empty: a restart that lost everything
            TestServers.await("node one healthy", () -> ClusterNodes.health(one.httpUri()).equals("200 ok"));
            TestServers.await("node two healthy", () -> two.degradedReason().isEmpty());
            root.detachAppender(log);
            // no log flood: one WARN per node for the outage, no stack traces
            assertThat(log.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN)).toList())
                    .hasSizeLessThanOrEqualTo(2).allSatisfy(e -> assertThat(e.getThrowableProxy()).isNull());
            // registrations rebuilt: the split room is whole again
            PeerJoined back = nearEvents.next(PeerJoined.class);
            assertThat(back.id()).isEqualTo(farId);
            assertThat(farEvents.next(PeerJoined.class).id()).isEqualTo(nearId);
            assertThat(redis.command("HLEN", prefix + "room:split")).isEqualTo(":2");
            assertThat(redis.command("HLEN", prefix + "room:local")).isEqualTo(":2");
            near.send(new Candidate(farId, null, "across again", "0", 0, null)).get(20, TimeUnit.SECONDS);
            Candidate across = farEvents.next(Candidate.class);
            assertThat(across.candidate()).isEqualTo("across again");
            assertThat(across.from()).isEqualTo(nearId);
            assertThat(late.join("split", null, null).get(20, TimeUnit.SECONDS).members()).hasSize(2);
            nearEvents.next(PeerJoined.class);
            farEvents.next(PeerJoined.class);
            nearEvents.assertExhausted();
            farEvents.assertExhausted();
            localBEvents.assertExhausted();
        }
    }

    @Test
    void aNodeStartedWithoutRedisIsDegradedUntilRedisAnswers() throws Exception {
        redis.stop();
        try (SignalingServer node = TestServers.start(ClusterNodes.keys(redis, prefix, Map.of()));
             SignalingClient alice = connected(node.uri())) {
            assertThat(ClusterNodes.health(node.httpUri())).startsWith("503 degraded: ");
            assertThatThrownBy(() -> alice.join("room", null, null).get(20, TimeUnit.SECONDS))
                    .cause().satisfies(e -> assertThat(((SignalingException) e).code()).isEqualTo(ErrorCode.INTERNAL));
            redis.start();
            TestServers.await("the node registered", () -> ClusterNodes.health(node.httpUri()).equals("200 ok"));
            assertThat(alice.join("room", null, null).get(20, TimeUnit.SECONDS).room()).isEqualTo("room");
            assertThat(redis.command("HLEN", prefix + "room:room")).isEqualTo(":1");
        }
    }
}
