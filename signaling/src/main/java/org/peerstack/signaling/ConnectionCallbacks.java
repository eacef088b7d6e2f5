package org.peerstack.signaling;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.peerstack.event.EventType;
import org.peerstack.exc.SignalingConnectionException;
import org.peerstack.signaling.SignalingClient.State;
import org.peerstack.signaling.SignalingMessage.Answer;
import org.peerstack.signaling.SignalingMessage.AppMessage;
import org.peerstack.signaling.SignalingMessage.Bye;
import org.peerstack.signaling.SignalingMessage.Candidate;
import org.peerstack.signaling.SignalingMessage.ErrorMessage;
import org.peerstack.signaling.SignalingMessage.Joined;
import org.peerstack.signaling.SignalingMessage.Left;
import org.peerstack.signaling.SignalingMessage.Offer;
import org.peerstack.signaling.SignalingMessage.PeerJoined;
import org.peerstack.signaling.SignalingMessage.PeerLeft;
import org.peerstack.signaling.SignalingMessage.Pong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a {@link SignalingClient} does when its connection opens, receives a message or closes: rejoin
 * after a reconnect, complete the pending request a message answers, fire the message's event, and
 * decide between reconnecting and reporting the loss. Runs on the client's I/O thread, under the
 * client's lock; callbacks from a connection that is no longer the client's current one are ignored.
 */
final class ConnectionCallbacks implements ClientConnection.Callbacks {

    private static final Logger LOG = LoggerFactory.getLogger(SignalingClient.class);
    /** Close code after which the client does not reconnect (policy violation: retrying cannot help). */
    static final int POLICY_VIOLATION = 1008;

    private static final Map<Class<?>, EventType<?>> EVENTS_BY_TYPE = Map.ofEntries(
            Map.entry(Joined.class, SignalingClient.JOINED), Map.entry(PeerJoined.class, SignalingClient.PEER_JOINED),
            Map.entry(PeerLeft.class, SignalingClient.PEER_LEFT), Map.entry(Offer.class, SignalingClient.OFFER),
            Map.entry(Answer.class, SignalingClient.ANSWER), Map.entry(Candidate.class, SignalingClient.CANDIDATE),
            Map.entry(Bye.class, SignalingClient.BYE), Map.entry(AppMessage.class, SignalingClient.MESSAGE),
            Map.entry(Left.class, SignalingClient.LEFT), Map.entry(ErrorMessage.class, SignalingClient.ERROR),
            Map.entry(Pong.class, SignalingClient.PONG));

    private final SignalingClient client;

    ConnectionCallbacks(SignalingClient client) {
        this.client = client;
    }

    @Override
    public void opened(ClientConnection opened) {
        synchronized (client) {
            if (client.connection != opened) {
                return;
            }
            boolean rejoin = client.state == State.RECONNECTING && client.lastJoin != null;
            client.reconnectAttempt = 0;
            client.setState(State.OPEN);
            if (rejoin) {
                String room = client.lastJoin.room();
                CompletableFuture<Joined> rejoined = new CompletableFuture<>();
                client.pending.addJoin(rejoined);
                client.sendOrFail(client.lastJoin, rejoined);
                rejoined.whenComplete((j, e) -> {
                    if (e != null) {
                        LOG.warn("rejoining room '{}' after reconnect failed: {}", room, e.getMessage());
                    }
                });
            }
        }
    }

    @Override
    public void received(ClientConnection from, SignalingMessage message) {
        synchronized (client) {
            if (client.connection != from) {
                return;
            }
            if (message instanceof Joined joined) {
                client.joinedAs(joined.id(), joined.room());
                client.pending.joined(joined);
            } else if (message instanceof Left) {
                client.joinedAs(null, null);
                client.pending.left();
            } else if (message instanceof Pong) {
                client.pending.pong();
            } else if (message instanceof ErrorMessage error && client.pending.error(error)) {
                client.lastJoin = null;
            }
        }
        EventType<?> event = EVENTS_BY_TYPE.get(message.getClass());
        if (event != null) {
            emit(event, message);
        }
    }

    @SuppressWarnings("unchecked")
    private <M extends SignalingMessage> void emit(EventType<?> type, M message) {
        client.emit((EventType<SignalingMessageEvent<M>>) type, message);
    }

    @Override
    public void closed(ClientConnection closed, int closeCode, String reason) {
        synchronized (client) {
            if (client.connection != closed) {
                return;
            }
            client.connection = null;
            boolean wasOpen = client.state == State.OPEN;
            client.failPending(new SignalingConnectionException("signaling connection lost"
                    + (closeCode > 0 ? " (close code " + closeCode + (reason.isEmpty() ? "" : ", " + reason) + ")" : "")));
            if (wasOpen && client.options().reconnect() && closeCode != POLICY_VIOLATION) {
                client.setState(State.RECONNECTING);
                client.scheduleReconnect();
            } else if (client.state != State.CLOSED && client.state != State.RECONNECTING) {
                client.setState(State.DISCONNECTED);
            }
        }
    }
}
