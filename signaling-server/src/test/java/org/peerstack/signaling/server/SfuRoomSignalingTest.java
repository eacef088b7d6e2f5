package org.peerstack.signaling.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.peerstack.exc.ErrorCode;
import org.peerstack.exc.SignalingException;
import org.peerstack.signaling.SignalingClient;
import org.peerstack.signaling.SignalingMessage.Answer;
import org.peerstack.signaling.SignalingMessage.Bye;
import org.peerstack.signaling.SignalingMessage.Candidate;
import org.peerstack.signaling.SignalingMessage.ErrorMessage;
import org.peerstack.signaling.SignalingMessage.Join;
import org.peerstack.signaling.SignalingMessage.Joined;
import org.peerstack.signaling.SignalingMessage.Offer;
import org.peerstack.signaling.SignalingMessage.PeerJoined;

/**
 * SFU rooms on a real server with its real SFU on 127.0.0.1, with real {@link SignalingClient}s speaking
 * hand-written SDP (no media: the media tests with libwebrtc peers are in the whip module, SfuRoomMediaTest).
 * Covers the room mode, the reserved peer id "sfu", the negotiation rules and every error of the contract.
 */
class SfuRoomSignalingTest {

    private static SignalingServer server;

    @BeforeAll
    static void startServer() {
        server = TestServers.start(Map.of("sfu.enabled", "true", "sfu.port", "0", "sfu.bind-address", "127.0.0.1",
                "sfu.rooms", "[\"auto-sfu-*\"]", "sfu.max-members-per-room", "3", "limits.max-members-per-room", "2"));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    /** A publisher's offer as libwebrtc writes it (audio + video, BUNDLE, rtcp-mux), with MediaStream {@code stream}. */
    static String publishOffer(String stream) {
        String fp = "AB:".repeat(31) + "AB";
        return String.join("\r\n", "v=0", "o=- 4611731400430051336 2 IN IP4 127.0.0.1", "s=-", "t=0 0",
                "a=group:BUNDLE 0 1", "a=msid-semantic: WMS " + stream,
                "m=audio 9 UDP/TLS/RTP/SAVPF 111", "c=IN IP4 0.0.0.0", "a=rtcp:9 IN IP4 0.0.0.0",
                "a=ice-ufrag:pubA", "a=ice-pwd:abcdefghijklmnopqrstuvwx", "a=fingerprint:sha-256 " + fp, "a=setup:actpass",
                "a=mid:0", "a=sendonly", "a=msid:" + stream + " audio-" + stream, "a=rtcp-mux",
                "a=rtpmap:111 opus/48000/2", "a=fmtp:111 minptime=10;useinbandfec=1", "a=ssrc:1001 cname:c-" + stream,
                "m=video 9 UDP/TLS/RTP/SAVPF 96 97", "c=IN IP4 0.0.0.0", "a=rtcp:9 IN IP4 0.0.0.0",
                "a=ice-ufrag:pubA", "a=ice-pwd:abcdefghijklmnopqrstuvwx", "a=fingerprint:sha-256 " + fp, "a=setup:actpass",
                "a=mid:1", "a=sendonly", "a=msid:" + stream + " video-" + stream, "a=rtcp-mux", "a=rtcp-rsize",
                "a=rtpmap:96 VP8/90000", "a=rtcp-fb:96 nack", "a=rtcp-fb:96 nack pli", "a=rtpmap:97 rtx/90000",
                "a=fmtp:97 apt=96", "a=ssrc-group:FID 2001 2002", "a=ssrc:2001 cname:c-" + stream,
                "a=ssrc:2002 cname:c-" + stream) + "\r\n";
    }

    /** A subscriber's answer to the SFU's offer: every live m-line accepted recvonly with its codecs. */
    static String answerTo(String offer) {
        List<String> out = new ArrayList<>(List.of("v=0", "o=- 1 2 IN IP4 127.0.0.1", "s=-", "t=0 0"));
        for (String line : offer.split("\r\n")) {
            if (line.startsWith("a=group:") || line.startsWith("m=") || line.startsWith("c=") || line.startsWith("a=mid:")
                    || line.startsWith("a=rtpmap:") || line.startsWith("a=fmtp:") || line.equals("a=rtcp-mux")) {
                out.add(line);
            }
            if (line.startsWith("m=")) {
                out.addAll(List.of("a=ice-ufrag:subB", "a=ice-pwd:abcdefghijklmnopqrstuvwx",
                        "a=fingerprint:sha-256 " + "CD:".repeat(31) + "CD", "a=setup:active", "a=recvonly"));
            }
        }
        return String.join("\r\n", out) + "\r\n";
    }

    /**
     * A member's offer on its connection after {@code negotiated} (the server's last offer, answered):
     * those m-lines first, in their order, received (recvonly), then the m-lines of {@code publishOffer(stream)}.
     */
    static String memberOffer(String negotiated, String stream) {
        List<String> out = new ArrayList<>(List.of("v=0", "o=- 1 3 IN IP4 127.0.0.1", "s=-", "t=0 0"));
        for (String line : negotiated.split("\r\n")) {
            if (line.startsWith("m=") || line.startsWith("c=") || line.startsWith("a=mid:")
                    || line.startsWith("a=rtpmap:") || line.startsWith("a=fmtp:") || line.equals("a=rtcp-mux")) {
                out.add(line);
            }
            if (line.startsWith("m=")) {
                out.addAll(List.of("a=ice-ufrag:memB", "a=ice-pwd:abcdefghijklmnopqrstuvwx",
                        "a=fingerprint:sha-256 " + "CD:".repeat(31) + "CD", "a=setup:actpass", "a=recvonly"));
            }
        }
        String own = publishOffer(stream);
        out.addAll(List.of(own.substring(own.indexOf("m=audio")).split("\r\n")));
        return String.join("\r\n", out) + "\r\n";
    }

    private static long mLines(String sdp) {
        return sdp.lines().filter(l -> l.startsWith("m=")).count();
    }

    private static SignalingClient connected() throws Exception {
        SignalingClient client = TestServers.client(server.uri());
        client.connect().get(20, TimeUnit.SECONDS);
        return client;
    }

    private static Joined join(SignalingClient client, String room, Boolean sfu) throws Exception {
        return client.join(new Join(room, null, null, sfu)).get(20, TimeUnit.SECONDS);
    }

    private static ErrorCode joinError(SignalingClient client, String room, Boolean sfu) {
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> client.join(new Join(room, null, null, sfu)).get(20, TimeUnit.SECONDS));
        assertThat(e.getCause()).isInstanceOf(SignalingException.class);
        return ((SignalingException) e.getCause()).code();
    }

    @Test
    void membersPublishAndReceiveOnOneConnectionRenegotiatedWhenTracksComeAndGo() throws Exception {
        try (SignalingClient a = connected(); SignalingClient b = connected()) {
            ClientRecorder aEvents = new ClientRecorder("a", a, false);
            ClientRecorder bEvents = new ClientRecorder("b", b, false);
            Joined aJoined = join(a, "sfu-call", true);
            assertThat(aJoined.sfuRoom()).isTrue();
            aEvents.next(Joined.class);

            a.send(new Offer(SfuRoomsPeer.ID, null, publishOffer("streamA"))).get(20, TimeUnit.SECONDS);
            Answer answer = aEvents.next(Answer.class);
            assertThat(answer.from()).isEqualTo(SfuRoomsPeer.ID);
            assertThat(answer.sdp()).contains("a=ice-lite", "a=mid:0", "a=mid:1", "a=recvonly", "a=end-of-candidates");
            a.send(new Candidate(SfuRoomsPeer.ID, null, "candidate:1 1 udp 1 127.0.1.2 5000 typ host", "0", 0, null))
                    .get(20, TimeUnit.SECONDS);
            // the same connection may be renegotiated (the m-lines keep their order)
            a.send(new Offer(SfuRoomsPeer.ID, null, publishOffer("streamA"))).get(20, TimeUnit.SECONDS);
            assertThat(aEvents.next(Answer.class).sdp()).contains("a=mid:0", "a=mid:1");

            Joined bJoined = join(b, "sfu-call", null); // the room decides
            assertThat(bJoined.sfuRoom()).isTrue();
            bEvents.next(Joined.class);
            assertThat(aEvents.next(PeerJoined.class).id()).isEqualTo(bJoined.id());
            Offer offer = bEvents.next(Offer.class);
            assertThat(offer.from()).isEqualTo(SfuRoomsPeer.ID);
            assertThat(offer.streams()).containsExactly(Map.entry("streamA", aJoined.id()));
            assertThat(offer.sdp()).contains("a=msid:streamA audio-streamA", "a=msid:streamA video-streamA", "a=sendonly");

            b.send(new Answer(SfuRoomsPeer.ID, null, "not sdp")).get(20, TimeUnit.SECONDS);
            ErrorMessage bad = bEvents.next(ErrorMessage.class);
            assertThat(bad.code()).isEqualTo(ErrorCode.SFU_REFUSED);
            assertThat(bad.ref()).isEqualTo("answer");
            b.send(new Answer(SfuRoomsPeer.ID, null, answerTo(offer.sdp()))).get(20, TimeUnit.SECONDS);

            // B publishes on the same connection: its offer keeps the received m-lines and adds its own
            b.send(new Offer(SfuRoomsPeer.ID, null, memberOffer(offer.sdp(), "streamB"))).get(20, TimeUnit.SECONDS);
            Answer toB = bEvents.next(Answer.class);
            assertThat(mLines(toB.sdp())).as("B's m-lines: two received, two published").isEqualTo(4);
            Offer toA = aEvents.next(Offer.class);
            assertThat(toA.streams()).containsExactly(Map.entry("streamB", bJoined.id()));
            assertThat(toA.sdp()).doesNotContain("a=msid:streamA").contains("a=msid:streamB", "a=recvonly", "a=sendonly");
            a.send(new Answer(SfuRoomsPeer.ID, null, answerTo(toA.sdp()))).get(20, TimeUnit.SECONDS);

            // A hangs up its connection: it hears bye from "sfu" and gets a new connection's offer; B's m-lines
            // of A's tracks go inactive (no stream any more)
            a.send(new Bye(SfuRoomsPeer.ID, null)).get(20, TimeUnit.SECONDS);
            assertThat(aEvents.next(Bye.class).from()).isEqualTo(SfuRoomsPeer.ID);
            Offer fresh = aEvents.next(Offer.class);
            assertThat(fresh.streams()).containsExactly(Map.entry("streamB", bJoined.id()));
            Offer ended = bEvents.next(Offer.class);
            assertThat(ended.streams()).isEmpty();
            assertThat(ended.sdp()).contains("a=inactive").doesNotContain("a=msid:");
            assertThat(mLines(ended.sdp())).isEqualTo(4);
            b.send(new Answer(SfuRoomsPeer.ID, null, answerTo(ended.sdp()))).get(20, TimeUnit.SECONDS);

            // A answers, then publishes again on its new connection: B's inactive m-lines carry A's new tracks
            a.send(new Answer(SfuRoomsPeer.ID, null, answerTo(fresh.sdp()))).get(20, TimeUnit.SECONDS);
            a.send(new Offer(SfuRoomsPeer.ID, null, memberOffer(fresh.sdp(), "streamA2"))).get(20, TimeUnit.SECONDS);
            aEvents.next(Answer.class);
            Offer again = bEvents.next(Offer.class);
            assertThat(again.streams()).containsExactly(Map.entry("streamA2", aJoined.id()));
            assertThat(mLines(again.sdp())).as("ended m-lines are reused, the SDP does not grow").isEqualTo(4);
            a.leave().get(20, TimeUnit.SECONDS);
            assertThat(bEvents.next(org.peerstack.signaling.SignalingMessage.PeerLeft.class).id()).isEqualTo(aJoined.id());
            Thread.sleep(300); // the change lands while the offer is outstanding: one more offer after the answer
            assertThat(bEvents.hasPending()).as("one outstanding offer at most").isFalse();
            b.send(new Answer(SfuRoomsPeer.ID, null, answerTo(again.sdp()))).get(20, TimeUnit.SECONDS);
            Offer afterLeave = bEvents.next(Offer.class);
            assertThat(afterLeave.streams()).isEmpty();
            b.send(new Answer(SfuRoomsPeer.ID, null, answerTo(afterLeave.sdp()))).get(20, TimeUnit.SECONDS);
            Thread.sleep(200);
            bEvents.assertExhausted();
        }
        TestServers.await("the SFU room is closed with its last member",
                () -> server.whip().orElseThrow().sfu().rooms().stream().noneMatch(r -> r.id().startsWith("signaling-")));
    }

    /**
     * A publisher that comes back before another member answered the offer ending its old tracks: its new
     * tracks wait for that answer and then take the m-lines it freed (the SDP does not grow). Before, they
     * took new m-lines whenever the republish reached the server first (the race behind a 6 instead of 4
     * m-lines failure of the test above).
     */
    @Test
    void tracksPublishedWhileTheEndOfOthersIsBeingNegotiatedTakeTheMLinesItFrees() throws Exception {
        try (SignalingClient a = connected(); SignalingClient b = connected()) {
            ClientRecorder aEvents = new ClientRecorder("a", a, false);
            ClientRecorder bEvents = new ClientRecorder("b", b, false);
            Joined aJoined = join(a, "sfu-recycle", true);
            aEvents.next(Joined.class);
            join(b, "sfu-recycle", true);
            bEvents.next(Joined.class);
            aEvents.next(PeerJoined.class);

            a.send(new Offer(SfuRoomsPeer.ID, null, publishOffer("streamA"))).get(20, TimeUnit.SECONDS);
            aEvents.next(Answer.class);
            Offer first = bEvents.next(Offer.class);
            assertThat(mLines(first.sdp())).isEqualTo(2);
            b.send(new Answer(SfuRoomsPeer.ID, null, answerTo(first.sdp()))).get(20, TimeUnit.SECONDS);

            // A hangs up; B is offered the end of A's tracks and does not answer yet
            a.send(new Bye(SfuRoomsPeer.ID, null)).get(20, TimeUnit.SECONDS);
            assertThat(aEvents.next(Bye.class).from()).isEqualTo(SfuRoomsPeer.ID);
            Offer ended = bEvents.next(Offer.class);
            assertThat(ended.sdp()).contains("a=inactive").doesNotContain("a=msid:");

            // A publishes again on a new connection before B answered
            a.send(new Offer(SfuRoomsPeer.ID, null, publishOffer("streamA2"))).get(20, TimeUnit.SECONDS);
            aEvents.next(Answer.class);
            Thread.sleep(300);
            assertThat(bEvents.hasPending()).as("no offer to B while its answer to the last one is awaited").isFalse();

            b.send(new Answer(SfuRoomsPeer.ID, null, answerTo(ended.sdp()))).get(20, TimeUnit.SECONDS);
            Offer again = bEvents.next(Offer.class);
            assertThat(again.streams()).containsExactly(Map.entry("streamA2", aJoined.id()));
            assertThat(mLines(again.sdp())).as("A's new tracks on the m-lines its old ones freed").isEqualTo(2);
            assertThat(again.sdp()).contains("a=msid:streamA2 audio-streamA2", "a=msid:streamA2 video-streamA2")
                    .doesNotContain("a=inactive");
            b.send(new Answer(SfuRoomsPeer.ID, null, answerTo(again.sdp()))).get(20, TimeUnit.SECONDS);
            Thread.sleep(200);
            bEvents.assertExhausted();
        }
    }

    /**
     * A member that hangs up while the server's offer is out still answers that offer (it answers offers in
     * the order they came), possibly after the offer of its new connection arrived: that late answer belongs
     * to the closed connection and is dropped; the answer to the new offer is the one applied.
     */
    @Test
    void theAnswerToAnOfferOfAHungUpConnectionIsNotTakenForTheNewOnesAnswer() throws Exception {
        try (SignalingClient a = connected(); SignalingClient b = connected()) {
            ClientRecorder aEvents = new ClientRecorder("a", a, false);
            ClientRecorder bEvents = new ClientRecorder("b", b, false);
            Joined aJoined = join(a, "sfu-late-answer", true);
            aEvents.next(Joined.class);
            a.send(new Offer(SfuRoomsPeer.ID, null, publishOffer("streamA"))).get(20, TimeUnit.SECONDS);
            aEvents.next(Answer.class);
            join(b, "sfu-late-answer", null);
            bEvents.next(Joined.class);
            Offer old = bEvents.next(Offer.class);

            b.send(new Bye(SfuRoomsPeer.ID, null)).get(20, TimeUnit.SECONDS); // hangs up with the offer out
            assertThat(bEvents.next(Bye.class).from()).isEqualTo(SfuRoomsPeer.ID);
            Offer fresh = bEvents.next(Offer.class);
            assertThat(fresh.streams()).containsExactly(Map.entry("streamA", aJoined.id()));
            b.send(new Answer(SfuRoomsPeer.ID, null, answerTo(old.sdp()))).get(20, TimeUnit.SECONDS); // late
            b.send(new Answer(SfuRoomsPeer.ID, null, answerTo(fresh.sdp()))).get(20, TimeUnit.SECONDS);

            // the new connection's offer was answered: the next change gets the next offer, and nothing was refused
            a.leave().get(20, TimeUnit.SECONDS);
            assertThat(bEvents.next(org.peerstack.signaling.SignalingMessage.PeerLeft.class).id()).isEqualTo(aJoined.id());
            Offer afterLeave = bEvents.next(Offer.class);
            assertThat(afterLeave.streams()).isEmpty();
            b.send(new Answer(SfuRoomsPeer.ID, null, answerTo(afterLeave.sdp()))).get(20, TimeUnit.SECONDS);
            Thread.sleep(200);
            bEvents.assertExhausted();
        }
    }

    @Test
    void errorsOfTheContract() throws Exception {
        try (SignalingClient a = connected(); SignalingClient b = connected(); SignalingClient c = connected()) {
            ClientRecorder aEvents = new ClientRecorder("a", a, false);
            // "sfu": true into an existing mesh room
            Joined mesh = join(a, "mesh-room", null);
            assertThat(mesh.sfuRoom()).isFalse();
            assertThat(joinError(b, "mesh-room", true)).isEqualTo(ErrorCode.ROOM_MODE);
            a.leave().get(20, TimeUnit.SECONDS);

            // a room named in sfu.rooms is an SFU room without the option; its limit is sfu.max-members-per-room
            Joined auto = join(a, "auto-sfu-1", null);
            assertThat(auto.sfuRoom()).isTrue();
            Joined second = join(b, "auto-sfu-1", false);
            join(c, "auto-sfu-1", null); // 3 > limits.max-members-per-room (2), within the SFU limit (3)
            try (SignalingClient d = connected()) {
                assertThat(joinError(d, "auto-sfu-1", true)).isEqualTo(ErrorCode.ROOM_FULL);
            }
            aEvents.nextOf(Joined.class);

            // media messages to another member are refused, never relayed
            for (var message : List.of(new Offer(second.id(), null, "v=0"), new Answer(second.id(), null, "v=0"),
                    new Candidate(second.id(), null, "", null, null, null), new Bye(second.id(), null))) {
                a.send(message).get(20, TimeUnit.SECONDS);
                ErrorMessage error = aEvents.nextOf(ErrorMessage.class);
                assertThat(error.code()).isEqualTo(ErrorCode.SFU_ROOM);
            }
            // bad SDP, an offer with nothing forwardable, an answer without an offer
            a.send(new Offer(SfuRoomsPeer.ID, null, "hello")).get(20, TimeUnit.SECONDS);
            ErrorMessage syntax = aEvents.nextOf(ErrorMessage.class);
            assertThat(syntax.code()).isEqualTo(ErrorCode.SFU_REFUSED);
            assertThat(syntax.message()).startsWith("sdp-syntax-error");
            a.send(new Offer(SfuRoomsPeer.ID, null, publishOffer("s").replace("opus", "PCMU").replace("VP8", "theora")))
                    .get(20, TimeUnit.SECONDS);
            ErrorMessage noMedia = aEvents.nextOf(ErrorMessage.class);
            assertThat(noMedia.code()).isEqualTo(ErrorCode.SFU_REFUSED);
            assertThat(noMedia.message()).startsWith("no-media");
            a.send(new Answer(SfuRoomsPeer.ID, null, "v=0")).get(20, TimeUnit.SECONDS);
            ErrorMessage noOffer = aEvents.nextOf(ErrorMessage.class);
            assertThat(noOffer.code()).isEqualTo(ErrorCode.SFU_REFUSED);
            assertThat(noOffer.ref()).isEqualTo("answer");
            // chat still reaches everyone
            b.send(new org.peerstack.signaling.SignalingMessage.AppMessage(null, null,
                    com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.textNode("hi"))).get(20, TimeUnit.SECONDS);
            assertThat(aEvents.nextOf(org.peerstack.signaling.SignalingMessage.AppMessage.class).from()).isEqualTo(second.id());
        }
    }

    @Test
    void sfuJoinsAreRefusedWhereThereIsNoSfu() throws Exception {
        try (SignalingServer plain = TestServers.start(Map.of());
             SignalingClient a = SignalingClient.create(TestServers.options(plain.uri()).build())) {
            ClientRecorder events = new ClientRecorder("a", a, false);
            a.connect().get(20, TimeUnit.SECONDS);
            assertThat(joinError(a, "x", true)).isEqualTo(ErrorCode.SFU_UNAVAILABLE);
            assertThat(events.nextOf(ErrorMessage.class).message()).contains("sfu.enabled");
            assertThat(join(a, "x", false).sfuRoom()).isFalse();
            a.send(new Offer(SfuRoomsPeer.ID, null, "v=0")).get(20, TimeUnit.SECONDS);
            assertThat(events.nextOf(ErrorMessage.class).code()).as("no peer \"sfu\" in a mesh room")
                    .isEqualTo(ErrorCode.UNKNOWN_PEER);
        }
    }

    /** The reserved peer id. */
    static final class SfuRoomsPeer {
        static final String ID = org.peerstack.signaling.server.sfu.SfuRooms.PEER_ID;
    }
}
