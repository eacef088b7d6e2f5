package org.peerstack.signaling.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.peerstack.signaling.SignalingClient;
import org.peerstack.signaling.SignalingMessage.Candidate;
import org.peerstack.signaling.SignalingMessage.Joined;
import org.peerstack.signaling.SignalingMessage.PeerJoined;
import org.peerstack.signaling.SignalingMessage.PeerLeft;

/**
 * The server flushes relayed messages once per read ({@link RelayBatch}); a burst from one sender must
 * still arrive complete and in order at receivers on the sender's event loop and on the other one,
 * and the sender's {@code peer-left} after its last message.
 */
class RelayOrderTest {

    private static final int PER_RECEIVER = 1000;
    private static SignalingServer server;

    @BeforeAll
    static void startServer() {
        server = TestServers.start(Map.of("limits.max-messages-per-second", "100000",
                "limits.message-burst", "100000"));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void aBurstArrivesCompleteAndInOrderOnBothEventLoopsBeforeTheSendersPeerLeft() throws Exception {
        // the server's two event loops take accepted connections in turn: sender and first receiver
        // are on different loops, sender and second receiver on the same one
        try (SignalingClient sender = TestServers.client(server.uri());
             SignalingClient other = TestServers.client(server.uri());
             SignalingClient same = TestServers.client(server.uri())) {
            ClientRecorder otherEvents = new ClientRecorder("other-loop", other, false);
            ClientRecorder sameEvents = new ClientRecorder("same-loop", same, false);
            sender.connect().get(20, TimeUnit.SECONDS);
            other.connect().get(20, TimeUnit.SECONDS);
            same.connect().get(20, TimeUnit.SECONDS);
            String senderId = sender.join("burst", null, null).get(20, TimeUnit.SECONDS).id();
            String otherId = other.join("burst", null, null).get(20, TimeUnit.SECONDS).id();
            otherEvents.next(Joined.class);
            String sameId = same.join("burst", null, null).get(20, TimeUnit.SECONDS).id();
            otherEvents.next(PeerJoined.class);
            sameEvents.next(Joined.class);

            List<CompletableFuture<Void>> sent = new ArrayList<>();
            for (int i = 0; i < PER_RECEIVER; i++) {
                sent.add(sender.send(new Candidate(otherId, null, "candidate " + i, "0", 0, null)));
                sent.add(sender.send(new Candidate(sameId, null, "candidate " + i, "0", 0, null)));
            }
            CompletableFuture.allOf(sent.toArray(new CompletableFuture<?>[0])).get(20, TimeUnit.SECONDS);
            sender.close();

            for (ClientRecorder events : List.of(otherEvents, sameEvents)) {
                for (int i = 0; i < PER_RECEIVER; i++) {
                    Candidate candidate = events.next(Candidate.class);
                    assertThat(candidate.candidate()).isEqualTo("candidate " + i);
                    assertThat(candidate.from()).isEqualTo(senderId);
                }
                assertThat(events.next(PeerLeft.class).id()).isEqualTo(senderId);
                events.assertExhausted();
            }
        }
    }
}
