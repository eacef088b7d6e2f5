package org.peerstack.sfurooms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.peerstack.media.MediaStreamTrackState;
import org.peerstack.signaling.server.SignalingServer;
import org.peerstack.signaling.server.SignalingServerConfig;

/**
 * Three Java members in an SFU room of a real signaling server, over the real WebSocket protocol, each
 * with ONE real libwebrtc connection with the server's SFU (publishing and receiving), all inside the test's
 * network namespace (tools/netns/bin/java; the veth address 127.0.1.1, since libwebrtc ignores loopback).
 * Each member publishes a fake camera (640x480) and microphone and receives the two others' tracks as
 * remote MediaStreams, named by the offers' {@code streams}; a member that leaves or says {@code bye} to
 * "sfu" ends its tracks at the others (their m-lines go inactive), and publishing again renegotiates the
 * others' same connections. (The protocol's errors are covered without media by
 * SfuRoomSignalingTest in signaling-server.)
 */
class SfuRoomMediaTest {

    static final String ADDRESS = "127.0.1.1";
    private static final long WINDOW_MILLIS = 3_000;

    private static SignalingServer server;

    @BeforeAll
    static void startServer() {
        server = SignalingServer.start(SignalingServerConfig.of(Map.of("server.host", ADDRESS, "server.port", "0",
                "http.static-dir", "", "sfu.enabled", "true", "sfu.bind-address", ADDRESS, "sfu.port", "0")));
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void threeMembersReceiveEachOthersMediaAndTracksEndWhenOneLeavesOrStopsPublishing() throws Exception {
        List<JavaMember> members = new ArrayList<>();
        try {
            for (String name : List.of("ann", "ben", "cyd")) {
                JavaMember m = new JavaMember(name, server.uri());
                members.add(m);
                assertThat(m.join("sfu-media").sfuRoom()).as(name + " joined an SFU room").isTrue();
            }
            for (JavaMember m : members) {
                m.publish();
            }
            for (JavaMember m : members) {
                for (JavaMember other : members) {
                    if (other != m) {
                        JavaMember.Received r = m.awaitMedia(other.id());
                        assertThat(r.streams).as("%s's streams from %s", m.name, other.name).hasSize(1);
                        assertThat(r.streams.get(0).id()).as("the publisher's MediaStream id").isEqualTo(other.camera.id());
                        assertThat(r.streams.get(0)).as("a remote stream, not the publisher's own").isNotSameAs(other.camera);
                        assertThat(r.tracks).extracting(t -> t.kind().token()).containsExactlyInAnyOrder("audio", "video");
                        assertThat(r.tracks).noneMatch(t -> other.camera.getTracks().contains(t));
                    }
                }
                assertThat(m.received).as("%s never receives its own tracks", m.name).doesNotContainKey(m.id());
                assertThat(m.negotiationFailure).as(m.name + " negotiation").isNull();
            }

            Thread.sleep(1_000); // past the first keyframes
            long[] sentBefore = new long[3];
            long[] audioSentBefore = new long[3];
            long[][] decodedBefore = new long[3][3];
            long[] audioReceivedBefore = new long[3];
            for (int i = 0; i < 3; i++) {
                sentBefore[i] = JavaMember.sum(members.get(i).publisher, "outbound-rtp", "video", "framesSent");
                audioSentBefore[i] = JavaMember.sum(members.get(i).publisher, "outbound-rtp", "audio", "packetsSent");
                audioReceivedBefore[i] = JavaMember.sum(members.get(i).subscriber, "inbound-rtp", "audio", "packetsReceived");
                for (int j = 0; j < 3; j++) {
                    if (i != j) {
                        decodedBefore[i][j] = members.get(i).received.get(members.get(j).id()).framesAt640x480.get();
                    }
                }
            }
            Thread.sleep(WINDOW_MILLIS);
            long[] sent = new long[3];
            long[] audioSent = new long[3];
            for (int j = 0; j < 3; j++) {
                sent[j] = JavaMember.sum(members.get(j).publisher, "outbound-rtp", "video", "framesSent") - sentBefore[j];
                audioSent[j] = JavaMember.sum(members.get(j).publisher, "outbound-rtp", "audio", "packetsSent") - audioSentBefore[j];
                assertThat(JavaMember.sum(members.get(j).publisher, "outbound-rtp", "video", "frameWidth")).isEqualTo(640);
                assertThat(sent[j]).as("frames %s sent in %d ms", members.get(j).name, WINDOW_MILLIS)
                        .isGreaterThan(WINDOW_MILLIS * 15 / 1000);
            }
            for (int i = 0; i < 3; i++) {
                JavaMember m = members.get(i);
                long audioExpected = 0;
                for (int j = 0; j < 3; j++) {
                    if (i == j) {
                        continue;
                    }
                    long got = m.received.get(members.get(j).id()).framesAt640x480.get() - decodedBefore[i][j];
                    System.out.printf("SfuRoomMediaTest: %s decoded %d of %d frames of %s at 640x480%n", m.name, got, sent[j],
                            members.get(j).name);
                    assertThat((double) got / sent[j]).as("%s decoded %d of %d frames of %s at 640x480", m.name, got, sent[j],
                            members.get(j).name).isGreaterThanOrEqualTo(0.95);
                    audioExpected += audioSent[j];
                }
                long audio = JavaMember.sum(m.subscriber, "inbound-rtp", "audio", "packetsReceived") - audioReceivedBefore[i];
                System.out.printf("SfuRoomMediaTest: %s received %d audio packets of the others' %d%n", m.name, audio, audioExpected);
                assertThat((double) audio / audioExpected).as("%s audio packets received / sent by the others", m.name)
                        .isGreaterThanOrEqualTo(0.95);
            }

            // /metrics: the room and every member's two connections, counted by the SFU during this call
            Thread.sleep(1_500); // a poll of the SFU's counters after the window
            Metrics metrics = Metrics.scrape(server);
            assertThat(metrics.value("sfu_room_members", Map.of("room", "sfu-media"))).isEqualTo(3);
            for (JavaMember m : members) {
                Map<String, String> one = Map.of("room", "sfu-media", "peer", m.id(), "connection", "member");
                assertThat(metrics.value("sfu_peer_packets_received_total", one)).as(m.name + " media in")
                        .isGreaterThan(100);
                assertThat(metrics.value("sfu_peer_bytes_received_total", one)).isGreaterThan(100_000);
                assertThat(metrics.value("sfu_peer_received_bitrate", one)).as(m.name + " bit/s in").isGreaterThan(100_000);
                assertThat(metrics.value("sfu_peer_plis_sent_total", one)).as("keyframe requests for the others")
                        .isGreaterThanOrEqualTo(1);
                assertThat(metrics.value("sfu_peer_nacks_sent_total", one)).isGreaterThanOrEqualTo(0);
                assertThat(metrics.value("sfu_peer_packets_lost_total", one)).isGreaterThanOrEqualTo(0);
                assertThat(metrics.value("sfu_peer_packets_sent_total", one)).as(m.name + " media out").isGreaterThan(100);
                assertThat(metrics.value("sfu_peer_sent_bitrate", one)).as(m.name + " bit/s out").isGreaterThan(100_000);
                assertThat(metrics.value("sfu_peer_nacks_received_total", one)).isGreaterThanOrEqualTo(0);
                assertThat(metrics.value("sfu_peer_plis_received_total", one)).isGreaterThanOrEqualTo(0);
                assertThat(metrics.has("sfu_peer_packets_received_total", Map.of("room", "sfu-media", "peer", m.id(),
                        "connection", "publish"))).as("no second connection").isFalse();
            }
            double roomIn = metrics.value("sfu_room_bytes_received_total", Map.of("room", "sfu-media"));
            double peersIn = 0;
            for (JavaMember m : members) {
                peersIn += metrics.value("sfu_peer_bytes_received_total", Map.of("room", "sfu-media", "peer", m.id(),
                        "connection", "member"));
            }
            assertThat(roomIn).as("the room counts its members' connections").isEqualTo(peersIn);
            assertThat(metrics.value("sfu_room_sent_bitrate", Map.of("room", "sfu-media"))).isGreaterThan(600_000);

            // cyd leaves: its tracks end at ann and ben, who stay subscribed to each other
            JavaMember ann = members.get(0);
            JavaMember ben = members.get(1);
            JavaMember cyd = members.get(2);
            var cydAtAnn = ann.received.get(cyd.id()).allEnded();
            var cydAtBen = ben.received.get(cyd.id()).allEnded();
            cyd.client.leave().get(20, TimeUnit.SECONDS);
            cydAtAnn.get(20, TimeUnit.SECONDS);
            cydAtBen.get(20, TimeUnit.SECONDS);
            assertThat(ann.received.get(ben.id()).tracks).allSatisfy(t ->
                    assertThat(t.readyState()).isEqualTo(MediaStreamTrackState.LIVE));
            long benFrames = ann.received.get(ben.id()).frames.get();
            Metrics afterLeave = Metrics.scrape(server);
            assertThat(afterLeave.labelValues("peer")).as("cyd's series are gone").doesNotContain(cyd.id())
                    .contains(ann.id(), ben.id());
            assertThat(afterLeave.value("sfu_room_members", Map.of("room", "sfu-media"))).isEqualTo(2);
            assertThat(afterLeave.value("sfu_room_bytes_received_total", Map.of("room", "sfu-media")))
                    .as("the room keeps what cyd counted").isGreaterThanOrEqualTo(roomIn);

            // cyd's departure changed nothing else: ann keeps decoding ben (frames keep coming after the
            // renegotiation; polled, since a loaded machine may decode in bursts)
            long benDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (ann.received.get(ben.id()).frames.get() <= benFrames && System.nanoTime() < benDeadline) {
                Thread.sleep(20);
            }
            assertThat(ann.received.get(ben.id()).frames.get()).as("ann still decodes ben after cyd left").isGreaterThan(benFrames);

            // ben says bye to "sfu": its connection closes and its tracks go at ann (ann's m-lines of them go
            // inactive); ben gets a new connection that receives ann
            var benAtAnn = ann.received.get(ben.id()).allEnded();
            ben.unpublish();
            benAtAnn.get(20, TimeUnit.SECONDS);
            JavaMember.Received annAtBen = ben.awaitNewMedia(ann.id());
            decodes(ben, annAtBen, "ben decodes ann on its new connection");
            // ben publishes again: ann's same connection carries ben's new tracks on the m-lines of the old ones
            ben.publishAgain();
            JavaMember.Received again = ann.awaitNewMedia(ben.id());
            decodes(ann, again, "ann decodes ben's second publication");
            assertThat(ann.subscribeConnections.get()).as("ann's connections: one, renegotiated throughout").isEqualTo(1);
            assertThat(cyd.subscribeConnections.get()).as("cyd's connections").isEqualTo(1);
            assertThat(ben.subscribeConnections.get()).as("ben's connections (a new one after its bye)").isEqualTo(2);
            assertThat(ann.offersMade.get()).as("ann offered once (it published once)").isEqualTo(1);
            for (JavaMember m : members) {
                assertThat(m.negotiationFailure).as(m.name + " negotiation").isNull();
                assertThat(m.errors).as(m.name + " errors").isEmpty();
            }
        } finally {
            for (int i = members.size() - 1; i >= 0; i--) {
                members.get(i).close();
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (Metrics.scrape(server).has("sfu_room_members", Map.of("room", "sfu-media"))) {
            assertThat(System.nanoTime()).as("the room's series are removed when it closes").isLessThan(deadline);
            Thread.sleep(100);
        }
        assertThat(Metrics.scrape(server).labelValues("peer")).as("no peer series left").isEmpty();
    }

    /**
     * More than 15 frames at the publisher's 640x480 decoded by {@code at} on new tracks, counted from when
     * they were signaled (before their connection is up: ICE, DTLS and the first keyframe are inside the
     * wait, so it is polled for up to 5 s; the time taken is printed).
     */
    private static void decodes(JavaMember at, JavaMember.Received r, String what) throws Exception {
        long start = System.nanoTime();
        long before = r.framesAt640x480.get();
        long framesBefore = r.frames.get();
        long deadline = start + TimeUnit.SECONDS.toNanos(5);
        while (r.framesAt640x480.get() - before <= 15 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        System.out.println("SfuRoomMediaTest: " + what + ": 16 frames at 640x480 after " + ms + " ms");
        assertThat(r.framesAt640x480.get() - before).as(what + " (frames of any size " + (r.frames.get() - framesBefore)
                + ", last " + r.lastSize + "; connection " + at.subscriber.connectionState() + ", "
                + at.subscriber.iceConnectionState() + ", " + at.subscriber.signalingState() + ", local description "
                + (at.subscriber.localDescription() == null ? "none" : at.subscriber.localDescription().type())
                + ", negotiation failure " + at.negotiationFailure + ", errors " + at.errors + ")").isGreaterThan(15);
    }
}
