package org.peerstack.signaling.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.peerstack.exc.SignalingException;
import org.peerstack.exc.ErrorCode;
import org.peerstack.signaling.SignalingClient;
import org.peerstack.signaling.SignalingMessage.Answer;
import org.peerstack.signaling.SignalingMessage.AppMessage;
import org.peerstack.signaling.SignalingMessage.Bye;
import org.peerstack.signaling.SignalingMessage.Candidate;
import org.peerstack.signaling.SignalingMessage.ErrorMessage;
import org.peerstack.signaling.SignalingMessage.Joined;
import org.peerstack.signaling.SignalingMessage.Member;
import org.peerstack.signaling.SignalingMessage.Offer;
import org.peerstack.signaling.SignalingMessage.PeerJoined;
import org.peerstack.signaling.SignalingMessage.PeerLeft;

/** A real server on 127.0.0.1 with real {@link SignalingClient}s: join, relay, leave. */
class RelayTest {

    private static SignalingServer server;

    @BeforeAll
    static void startServer() {
        server = TestServers.start(Map.of());
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void twoPeersFindEachOtherAndExchangeOfferAnswerCandidatesAndBye() throws Exception {
        try (SignalingClient alice = TestServers.client(server.uri());
             SignalingClient bob = TestServers.client(server.uri())) {
            ClientRecorder aliceEvents = new ClientRecorder("alice", alice, false);
            ClientRecorder bobEvents = new ClientRecorder("bob", bob, false);
            alice.connect().get(20, TimeUnit.SECONDS);
            bob.connect().get(20, TimeUnit.SECONDS);

            Joined aliceJoined = alice.join("call-1", "Alice", null).get(20, TimeUnit.SECONDS);
            assertThat(aliceJoined.members()).isEmpty();
            assertThat(aliceEvents.next(Joined.class)).isEqualTo(aliceJoined);
            Joined bobJoined = bob.join("call-1", "Bob", null).get(20, TimeUnit.SECONDS);
            assertThat(bobEvents.next(Joined.class)).isEqualTo(bobJoined);
            assertThat(bobJoined.members()).containsExactly(new Member(aliceJoined.id(), "Alice"));
            assertThat(bobJoined.id()).isNotEqualTo(aliceJoined.id());
            assertThat(aliceEvents.next(PeerJoined.class)).isEqualTo(new PeerJoined(bobJoined.id(), "Bob"));

            bob.send(new Offer(aliceJoined.id(), null, "v=0 offer")).get(20, TimeUnit.SECONDS);
            assertThat(aliceEvents.next(Offer.class)).isEqualTo(new Offer(aliceJoined.id(), bobJoined.id(), "v=0 offer"));
            alice.send(new Answer(bobJoined.id(), null, "v=0 answer"));
            assertThat(bobEvents.next(Answer.class).from()).isEqualTo(aliceJoined.id());
            alice.send(new Candidate(bobJoined.id(), null, "candidate:1 1 udp 1 127.0.0.1 5000 typ host", "0", 0, "uf"));
            assertThat(bobEvents.next(Candidate.class)).isEqualTo(new Candidate(bobJoined.id(), aliceJoined.id(),
                    "candidate:1 1 udp 1 127.0.0.1 5000 typ host", "0", 0, "uf"));
            bob.send(new Bye(aliceJoined.id(), null));
            assertThat(aliceEvents.next(Bye.class).from()).isEqualTo(bobJoined.id());

            bob.leave().get(20, TimeUnit.SECONDS);
            bobEvents.next(org.peerstack.signaling.SignalingMessage.Left.class);
            assertThat(aliceEvents.next(PeerLeft.class).id()).isEqualTo(bobJoined.id());
            aliceEvents.assertExhausted();
            bobEvents.assertExhausted();
        }
    }

    @Test
    void serverStampsFromSoAClientCannotSpoofAnotherPeer() throws Exception {
        try (SignalingClient alice = TestServers.client(server.uri());
             SignalingClient bob = TestServers.client(server.uri())) {
            ClientRecorder aliceEvents = new ClientRecorder("alice", alice, false);
            alice.connect().get(20, TimeUnit.SECONDS);
            bob.connect().get(20, TimeUnit.SECONDS);
            String aliceId = alice.join("spoof", null, null).get(20, TimeUnit.SECONDS).id();
            String bobId = bob.join("spoof", null, null).get(20, TimeUnit.SECONDS).id();
            aliceEvents.next(Joined.class);
            aliceEvents.next(PeerJoined.class);

            bob.send(new Offer(aliceId, "somebody-else", "sdp"));
            assertThat(aliceEvents.next(Offer.class).from()).isEqualTo(bobId);
            aliceEvents.assertExhausted();
        }
    }

    @Test
    void applicationMessagesGoToOneMemberOrToAllOthers() throws Exception {
        try (SignalingClient a = TestServers.client(server.uri());
             SignalingClient b = TestServers.client(server.uri());
             SignalingClient c = TestServers.client(server.uri())) {
            ClientRecorder aEvents = new ClientRecorder("a", a, false);
            ClientRecorder bEvents = new ClientRecorder("b", b, false);
            ClientRecorder cEvents = new ClientRecorder("c", c, false);
            a.connect().get(20, TimeUnit.SECONDS);
            b.connect().get(20, TimeUnit.SECONDS);
            c.connect().get(20, TimeUnit.SECONDS);
            String aId = a.join("chat", null, null).get(20, TimeUnit.SECONDS).id();
            String bId = b.join("chat", null, null).get(20, TimeUnit.SECONDS).id();
            c.join("chat", null, null).get(20, TimeUnit.SECONDS);
            aEvents.next(Joined.class);
            aEvents.next(PeerJoined.class);
            aEvents.next(PeerJoined.class);
            bEvents.next(Joined.class);
            bEvents.next(PeerJoined.class);
            cEvents.next(Joined.class);

            a.send(new AppMessage(null, null, JsonNodeFactory.instance.objectNode().put("hello", "all")));
            assertThat(bEvents.next(AppMessage.class).data().get("hello").asText()).isEqualTo("all");
            AppMessage atC = cEvents.next(AppMessage.class);
            assertThat(atC.from()).isEqualTo(aId);

            c.send(new AppMessage(bId, null, JsonNodeFactory.instance.numberNode(42)));
            AppMessage direct = bEvents.next(AppMessage.class);
            assertThat(direct.data().asInt()).isEqualTo(42);
            assertThat(direct.to()).isEqualTo(bId);
            // the sender does not receive its own broadcast, and a gets nothing of the direct message
            aEvents.assertExhausted();
            assertThat(a.ping().get(20, TimeUnit.SECONDS)).isPositive();
            assertThat(aEvents.next(org.peerstack.signaling.SignalingMessage.Pong.class)).isNotNull();
            aEvents.assertExhausted();
            bEvents.assertExhausted();
            cEvents.assertExhausted();
        }
    }

    @Test
    void addressingAPeerOutsideTheRoomOrUnknownGivesUnknownPeer() throws Exception {
        try (SignalingClient a = TestServers.client(server.uri());
             SignalingClient outsider = TestServers.client(server.uri())) {
            ClientRecorder aEvents = new ClientRecorder("a", a, false);
            ClientRecorder outsiderEvents = new ClientRecorder("outsider", outsider, false);
            a.connect().get(20, TimeUnit.SECONDS);
            outsider.connect().get(20, TimeUnit.SECONDS);
            String aId = a.join("room-a", null, null).get(20, TimeUnit.SECONDS).id();
            outsider.join("room-b", null, null).get(20, TimeUnit.SECONDS);
            aEvents.next(Joined.class);
            outsiderEvents.next(Joined.class);

            outsider.send(new Offer(aId, null, "sdp"));
            ErrorMessage error = outsiderEvents.next(ErrorMessage.class);
            assertThat(error.code()).isEqualTo(ErrorCode.UNKNOWN_PEER);
            assertThat(error.ref()).isEqualTo("offer");
            outsider.send(new Candidate("nobody", null, "", null, null, null));
            assertThat(outsiderEvents.next(ErrorMessage.class).code()).isEqualTo(ErrorCode.UNKNOWN_PEER);
            aEvents.assertExhausted();
            outsiderEvents.assertExhausted();
        }
    }

    @Test
    void messagesBeforeJoiningAndSecondJoinsAreRefused() throws Exception {
        try (SignalingClient a = TestServers.client(server.uri())) {
            ClientRecorder events = new ClientRecorder("a", a, false);
            a.connect().get(20, TimeUnit.SECONDS);
            a.send(new Offer("x", null, "sdp"));
            assertThat(events.next(ErrorMessage.class).code()).isEqualTo(ErrorCode.NOT_JOINED);
            assertThatThrownBy(() -> a.leave().get(20, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(SignalingException.class).hasMessageContaining("not in a room");
            events.next(ErrorMessage.class);
            a.join("once", null, null).get(20, TimeUnit.SECONDS);
            events.next(Joined.class);
            assertThatThrownBy(() -> a.join("twice", null, null).get(20, TimeUnit.SECONDS))
                    .cause().isInstanceOf(SignalingException.class)
                    .satisfies(e -> assertThat(((SignalingException) e).code()).isEqualTo(ErrorCode.ALREADY_JOINED));
            events.next(ErrorMessage.class);
            events.assertExhausted();
        }
    }

    @Test
    void roomIsRemovedWhenItsLastMemberLeavesOrDisconnects() throws Exception {
        try (SignalingClient a = TestServers.client(server.uri())) {
            SignalingClient b = TestServers.client(server.uri());
            ClientRecorder aEvents = new ClientRecorder("a", a, false);
            a.connect().get(20, TimeUnit.SECONDS);
            b.connect().get(20, TimeUnit.SECONDS);
            a.join("ephemeral", null, null).get(20, TimeUnit.SECONDS);
            String bId = b.join("ephemeral", null, null).get(20, TimeUnit.SECONDS).id();
            aEvents.next(Joined.class);
            aEvents.next(PeerJoined.class);
            int roomsWithBoth = server.roomCount();
            assertThat(roomsWithBoth).isPositive();

            b.close();
            assertThat(aEvents.next(PeerLeft.class).id()).isEqualTo(bId);
            a.leave().get(20, TimeUnit.SECONDS);
            aEvents.next(org.peerstack.signaling.SignalingMessage.Left.class);
            TestServers.await("room 'ephemeral' removed",
                    () -> server.roomCount() == roomsWithBoth - 1);
            // and it can be created again
            assertThat(a.join("ephemeral", null, null).get(20, TimeUnit.SECONDS).members()).isEmpty();
            aEvents.next(Joined.class);
            aEvents.assertExhausted();
        }
    }

    @Test
    void clientCloseIsIdempotentAndLeavesNoThreads() throws Exception {
        SignalingClient client = TestServers.client(server.uri());
        client.connect().get(20, TimeUnit.SECONDS);
        client.join("threads", null, null).get(20, TimeUnit.SECONDS);
        client.close();
        client.close();
        assertThat(client.state()).isEqualTo(SignalingClient.State.CLOSED);
        assertThatThrownBy(() -> client.ping().get(20, TimeUnit.SECONDS)).hasMessageContaining("not connected");
        TestServers.await("client threads gone", () -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().startsWith("peerstack-signaling-") && t.isAlive()));
    }

    @Test
    void connectingToAClosedPortFailsWithATypedException() {
        SignalingClient client = SignalingClient.create(TestServers.options(
                java.net.URI.create("ws://127.0.0.1:1/signaling")).connectTimeout(Duration.ofSeconds(5)).build());
        try (client) {
            assertThatThrownBy(() -> client.connect().get(20, TimeUnit.SECONDS))
                    .cause().isInstanceOf(org.peerstack.exc.SignalingConnectionException.class);
            assertThat(client.state()).isEqualTo(SignalingClient.State.DISCONNECTED);
        }
    }
}
