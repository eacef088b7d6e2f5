package org.peerstack.sfurooms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.peerstack.exc.ErrorCode;
import org.peerstack.rtc.RTCStats;
import org.peerstack.rtc.RTCStatsReport;
import org.peerstack.signaling.SignalingMessage.ErrorMessage;
import org.peerstack.signaling.server.SignalingServer;
import org.peerstack.signaling.server.SignalingServerConfig;
import org.peerstack.signaling.server.placement.SfuPlacement;

/**
 * An SFU room across two cluster nodes and a real redis-server, with real libwebrtc members (JavaMember:
 * publish and subscribe connections with the peer "sfu"), inside the test's network namespace. Node B is a
 * child JVM, node A this JVM. The room is placed on B (its first member joined there); a member on A reaches
 * B's SFU through Redis for its signaling and sends and receives its media straight to and from B's SFU. Both
 * decode each other's video (>= 95 % of the frames sent, at 640x480) and receive each other's audio.
 * Then B is killed (SIGKILL): A's member is told ({@code bye} from "sfu", then the error
 * {@code sfu-node-lost}) within the heartbeat bound, leaves and joins again: the room is placed on A, the
 * survivor, and media flows again with a new member there.
 */
class SfuRoomClusterMediaTest {

    private static final String ADDRESS = SfuRoomMediaTest.ADDRESS;
    private static final long WINDOW_MILLIS = 3_000;
    /** Node TTL 1000 ms + one heartbeat and one check interval (200 ms each) + margin for a loaded machine. */
    private static final long TOLD_WITHIN_MILLIS = 5_000;

    @Test
    void membersOnTwoNodesExchangeMediaAndTheSurvivorRejoinsWhenTheOwnerIsKilled() throws Exception {
        String prefix = "sfu-media-" + System.nanoTime() + "-";
        List<JavaMember> members = new ArrayList<>();
        try (ClusterNode.Redis redis = new ClusterNode.Redis();
             ClusterNode b = new ClusterNode(ADDRESS, ClusterNode.keys(redis.uri(), prefix, ADDRESS))) {
            Map<String, String> aKeys = ClusterNode.keys(redis.uri(), prefix, ADDRESS);
            aKeys.put("server.host", ADDRESS);
            aKeys.put("server.port", "0");
            try (SignalingServer a = SignalingServer.start(SignalingServerConfig.of(aKeys))) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (a.placement().orElseThrow().liveNodes().get(5, TimeUnit.SECONDS).size() < 2
                        || a.degradedReason().isPresent()) {
                    assertThat(System.nanoTime()).as("both nodes are in the cluster").isLessThan(deadline);
                    Thread.sleep(50);
                }

                JavaMember ann = new JavaMember("ann", b.uri());
                members.add(ann);
                assertThat(ann.join("cross").sfuRoom()).isTrue();
                JavaMember ben = new JavaMember("ben", a.uri());
                members.add(ben);
                assertThat(ben.join("cross").sfuRoom()).isTrue();
                assertThat(owner(a, "cross").self()).as("the room is placed on B, where its first member joined").isFalse();
                ann.publish();
                ben.publish();
                assertMediaFlows(ann, ben);

                b.kill();
                long killed = System.nanoTime();
                ErrorMessage told = ben.errors.poll(20, TimeUnit.SECONDS);
                long toldAfter = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
                System.out.printf("SfuRoomClusterMediaTest: ben was told %d ms after B was killed%n", toldAfter);
                assertThat(told).as("ben is told").isNotNull();
                assertThat(told.code()).isEqualTo(ErrorCode.SFU_NODE_LOST);
                assertThat(toldAfter).as("told within the heartbeat bound").isLessThan(TOLD_WITHIN_MILLIS);
                long byeDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (ben.subscribeConnections.get() < 2 && System.nanoTime() < byeDeadline) {
                    Thread.sleep(20); // the bye is handled on ben's negotiation thread
                }
                assertThat(ben.subscribeConnections.get()).as("bye from sfu: a new subscribe connection").isEqualTo(2);

                ben.client.leave().get(20, TimeUnit.SECONDS);
                assertThat(ben.join("cross").sfuRoom()).isTrue();
                assertThat(owner(a, "cross").self()).as("placed again on A, the survivor").isTrue();
                JavaMember cyd = new JavaMember("cyd", a.uri());
                members.add(cyd);
                assertThat(cyd.join("cross").sfuRoom()).isTrue();
                ben.publishAgain();
                cyd.publish();
                assertMediaFlows(ben, cyd);
                assertThat(ben.errors).as("ben's errors after the rejoin").isEmpty();
                assertThat(cyd.errors).as("cyd's errors").isEmpty();
            } catch (Exception | AssertionError e) {
                String out = b.output();
                System.out.println("SfuRoomClusterMediaTest: node B's output (last 6000 characters):\n"
                        + out.substring(Math.max(0, out.length() - 6000)));
                for (JavaMember m : members) {
                    System.out.println("SfuRoomClusterMediaTest: " + m.name + " errors " + m.errors + " failure " + m.negotiationFailure);
                }
                throw e;
            } finally {
                for (int i = members.size() - 1; i >= 0; i--) {
                    members.get(i).close();
                }
            }
        }
    }

    /** The owner of {@code room}, once placed (a node places the room right after its member's joined message). */
    private static SfuPlacement.Owner owner(SignalingServer node, String room) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            Optional<SfuPlacement.Owner> owner = node.placement().orElseThrow().locate(room, false).get(5, TimeUnit.SECONDS);
            if (owner.isPresent() || System.nanoTime() > deadline) {
                return owner.orElseThrow(() -> new AssertionError("room " + room + " not placed within 5 s"));
            }
            Thread.sleep(20);
        }
    }

    /**
     * One member's view of another's media at one moment: the publisher's frames and audio packets sent,
     * the frames at 640x480 the member decoded and the audio packets it received. Both getStats calls are
     * issued together and the decode counter is read while they run, so the four counts are taken close
     * in time even when the machine is loaded (read one after another, getStats calls of a second each
     * skewed the window).
     */
    private record Snapshot(long sent, long audioSent, long decoded, long audioReceived) {
        static Snapshot of(JavaMember member, JavaMember publisher) throws Exception {
            CompletableFuture<RTCStatsReport> sent = publisher.publisher.getStats();
            CompletableFuture<RTCStatsReport> received = member.subscriber.getStats();
            long decoded = member.received.get(publisher.id()).framesAt640x480.get();
            RTCStatsReport out = sent.get(10, TimeUnit.SECONDS);
            RTCStatsReport in = received.get(10, TimeUnit.SECONDS);
            return new Snapshot(sum(out, "outbound-rtp", "video", "framesSent"), sum(out, "outbound-rtp", "audio", "packetsSent"),
                    decoded, sum(in, "inbound-rtp", "audio", "packetsReceived"));
        }

        private static long sum(RTCStatsReport report, String type, String kind, String member) {
            long total = 0;
            for (RTCStats stats : report.ofType(type)) {
                if (kind.equals(stats.string("kind").orElse(""))) {
                    total += stats.number(member).map(Number::longValue).orElse(0L);
                }
            }
            return total;
        }
    }

    /** Both members decode >= 95 % of the other's video frames at 640x480 and receive >= 95 % of its audio packets. */
    private static void assertMediaFlows(JavaMember one, JavaMember two) throws Exception {
        JavaMember[] pair = {one, two};
        for (JavaMember m : pair) {
            JavaMember other = m == one ? two : one;
            assertThat(m.awaitMedia(other.id()).tracks).extracting(t -> t.kind().token())
                    .contains("audio", "video");
        }
        Thread.sleep(1_000); // past the first keyframes
        Snapshot[] before = {Snapshot.of(one, two), Snapshot.of(two, one)};
        Thread.sleep(WINDOW_MILLIS);
        Snapshot[] after = {Snapshot.of(one, two), Snapshot.of(two, one)};
        for (int i = 0; i < 2; i++) {
            JavaMember m = pair[i];
            JavaMember other = pair[1 - i];
            long sent = after[i].sent() - before[i].sent();
            long decoded = after[i].decoded() - before[i].decoded();
            long audioSent = after[i].audioSent() - before[i].audioSent();
            long audio = after[i].audioReceived() - before[i].audioReceived();
            System.out.printf("SfuRoomClusterMediaTest: %s decoded %d of %d frames of %s at 640x480, %d of %d audio packets%n",
                    m.name, decoded, sent, other.name, audio, audioSent);
            assertThat(sent).as("frames %s sent in %d ms", other.name, WINDOW_MILLIS).isGreaterThan(WINDOW_MILLIS * 15 / 1000);
            assertThat((double) decoded / sent).as("%s decoded %d of %d frames of %s", m.name, decoded, sent, other.name)
                    .isGreaterThanOrEqualTo(0.95);
            assertThat((double) audio / audioSent).as("%s audio packets received / sent by %s", m.name, other.name)
                    .isGreaterThanOrEqualTo(0.95);
            assertThat(m.negotiationFailure).as(m.name + " negotiation").isNull();
        }
    }
}
