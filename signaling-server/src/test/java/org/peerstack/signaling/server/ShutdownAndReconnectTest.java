package org.peerstack.signaling.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.peerstack.exc.ErrorCode;
import org.peerstack.signaling.SignalingClient;
import org.peerstack.signaling.SignalingMessage.ErrorMessage;
import org.peerstack.signaling.SignalingMessage.Joined;
import org.peerstack.signaling.SignalingMessage.PeerJoined;

/** Graceful shutdown tells members; the client reconnects with backoff and rejoins its room. */
class ShutdownAndReconnectTest {

    @Test
    void shutdownSendsGoingAwayAndTheClientReconnectsAndRejoinsANewServerOnTheSamePort() throws Exception {
        SignalingServer first = TestServers.start(Map.of());
        int port = first.port();
        try (SignalingClient alice = TestServers.client(first.uri());
             SignalingClient bob = TestServers.client(first.uri())) {
            ClientRecorder aliceEvents = new ClientRecorder("alice", alice, true);
            alice.connect().get(20, TimeUnit.SECONDS);
            assertThat(aliceEvents.next(SignalingClient.State.class)).isEqualTo(SignalingClient.State.CONNECTING);
            assertThat(aliceEvents.next(SignalingClient.State.class)).isEqualTo(SignalingClient.State.OPEN);
            String firstId = alice.join("durable", "Alice", null).get(20, TimeUnit.SECONDS).id();
            aliceEvents.next(Joined.class);
            bob.connect().get(20, TimeUnit.SECONDS);
            bob.join("durable", "Bob", null).get(20, TimeUnit.SECONDS);
            aliceEvents.next(PeerJoined.class);

            first.close();
            // Bob's connection may be closed first, so a peer-left can come before the going-away.
            assertThat(aliceEvents.nextOf(ErrorMessage.class).code()).isEqualTo(ErrorCode.GOING_AWAY);
            assertThat(aliceEvents.next(SignalingClient.State.class)).isEqualTo(SignalingClient.State.RECONNECTING);

            try (SignalingServer second = TestServers.start(Map.of("server.port", Integer.toString(port)))) {
                assertThat(aliceEvents.next(SignalingClient.State.class)).isEqualTo(SignalingClient.State.OPEN);
                Joined rejoined = aliceEvents.nextOf(Joined.class);
                assertThat(rejoined.room()).isEqualTo("durable");
                assertThat(rejoined.id()).isNotEqualTo(firstId);
                assertThat(alice.id()).hasValue(rejoined.id());
                TestServers.await("bob rejoined too", () -> second.websocketCount() == 2 && bob.room().isPresent());
                assertThat(second.roomCount()).isEqualTo(1);
            }
        }
    }

    @Test
    void closingTheServerTwiceIsHarmless() {
        SignalingServer server = TestServers.start(Map.of());
        server.close();
        server.close();
    }
}
