package org.peerstack.demo;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.peerstack.event.EventType;
import org.peerstack.exc.SignalingConnectionException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.peerstack.rtc.NegotiationErrorEvent;
import org.peerstack.rtc.PerfectNegotiation;
import org.peerstack.rtc.RTCConfiguration;
import org.peerstack.rtc.RTCDataChannel;
import org.peerstack.rtc.RTCDataChannelInit;
import org.peerstack.rtc.RTCIceCandidate;
import org.peerstack.rtc.RTCPeerConnection;
import org.peerstack.media.MediaKind;
import org.peerstack.rtc.RTCPeerConnectionState;
import org.peerstack.rtc.RTCRtpTransceiverDirection;
import org.peerstack.rtc.RTCSdpType;
import org.peerstack.rtc.RTCSessionDescription;
import org.peerstack.rtc.RTCTrackEvent;
import org.peerstack.rtc.WebRtcEngine;
import org.peerstack.signaling.SignalingClient;
import org.peerstack.signaling.SignalingClientOptions;
import org.peerstack.signaling.SignalingMessage;
import org.peerstack.signaling.SignalingMessageEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bot's presence in a signaling room: one {@link SignalingClient} and one {@link RTCPeerConnection}
 * per other member (a full mesh, like the browser page). Every connection is negotiated with
 * {@link PerfectNegotiation}; of two members the one with the smaller peer id is polite, the same rule
 * the browser page uses, so either side may add tracks at any time.
 *
 * <p>Who calls whom (the same rule as the page): the member who joins calls every member already
 * there. Its handler's {@link Handler#peerCreated} runs at once; a caller gets a receive-only
 * transceiver for each kind (audio, video) it does not send, so that every call starts with an offer that
 * can receive both, and an out-of-band data channel ({@code SCTP_CHANNEL_LABEL}) so that the callee's
 * first data channel needs no offer of its own (all in one {@link RTCPeerConnection#batch}: one offer). A member already in the room
 * waits for the newcomer's offer, applies it, runs {@code peerCreated} and only then answers, as browser
 * answerers do: the tracks it adds there are in its answer, so one offer/answer sets the call up and the
 * first offer never collides with another one. A refused offer or answer is answered with a signaling
 * {@code message} {@code {"error": {"ref": "offer", "reason": "..."}}} to its sender.
 *
 * <pre>{@code
 * try (Room room = Room.join(Room.Options.of(uri, "standup", "my-bot"), engine, new Room.Handler() {
 *         public void track(Peer peer, RTCTrackEvent e) { System.out.println(peer.name() + " sends " + e.track()); }
 *     })) {
 *     ...
 * }
 * }</pre>
 *
 * <p>Threads: handler methods run on peerstack event threads (tracks, data channels) or on the signaling
 * client's event thread (peer created/closed); they must not block for long.
 */
public final class Room implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Room.class);

    /**
     * Label and stream id of the data channel a caller adds to its first offer, negotiated out of band
     * (never announced to the callee): it only puts the SCTP m-line in that offer, so the callee's own first
     * data channel (the page's chat) needs no renegotiation that would cross ours. Stream id 1023: far from
     * the ids in-band channels take first (0, 1, 2...).
     */
    static final String SCTP_CHANNEL_LABEL = "peerstack-sctp";
    static final int SCTP_CHANNEL_ID = 1023;

    /** What a bot does with the members of the room. Every method has an empty default. */
    public interface Handler {
        /** A connection to a new member exists; add tracks and data channels here (see the class doc for when). */
        default void peerCreated(Peer peer) {
        }

        /** A remote track arrived from {@code peer}. */
        default void track(Peer peer, RTCTrackEvent event) {
        }

        /** {@code peer} opened a data channel towards us. */
        default void dataChannel(Peer peer, RTCDataChannel channel) {
        }

        /** The connection to {@code peer} reached {@code connected} for the first time. */
        default void peerConnected(Peer peer) {
        }

        /**
         * {@code peer} left, said bye, or its connection failed (ICE {@code failed}, not
         * {@code disconnected}); its connection is already closed.
         */
        default void peerClosed(Peer peer) {
        }
    }

    /**
     * Where and as whom to join.
     *
     * @param server      the signaling server's WebSocket URI, e.g. {@code ws://127.0.0.1:8080/signaling}
     * @param room        room name
     * @param name        display name shown to the others (may be null)
     * @param token       room token when the server requires one (may be null)
     * @param joinTimeout longest wait for connecting and joining
     */
    public record Options(URI server, String room, String name, String token, Duration joinTimeout) {
        /** Default for {@link #joinTimeout}. */
        public static final Duration DEFAULT_JOIN_TIMEOUT = Duration.ofSeconds(15);

        public Options {
            Objects.requireNonNull(server, "server");
            Objects.requireNonNull(room, "room");
            Objects.requireNonNull(joinTimeout, "joinTimeout");
        }

        public static Options of(URI server, String room, String name) {
            return new Options(server, room, name, null, DEFAULT_JOIN_TIMEOUT);
        }
    }

    private final SignalingClient client;
    private final WebRtcEngine engine;
    private final RTCConfiguration configuration;
    private final Handler handler;
    private final Map<String, Peer> peers = new ConcurrentHashMap<>();
    private volatile String selfId = "";
    private volatile boolean closed;

    private Room(SignalingClient client, WebRtcEngine engine, Handler handler) {
        this.client = client;
        this.engine = engine;
        this.configuration = RTCConfiguration.from(engine.config());
        this.handler = handler;
    }

    /**
     * Connects to the server, joins the room and calls every member already there.
     *
     * @throws SignalingConnectionException when the server cannot be reached or refuses the join in time
     */
    public static Room join(Options options, WebRtcEngine engine, Handler handler) {
        SignalingClient client = SignalingClient.create(SignalingClientOptions.newBuilder(options.server()).build());
        Room room = new Room(client, Objects.requireNonNull(engine, "engine"), Objects.requireNonNull(handler, "handler"));
        room.listen();
        try {
            long timeoutMs = options.joinTimeout().toMillis();
            client.connect().get(timeoutMs, TimeUnit.MILLISECONDS);
            room.selfId = client.join(options.room(), options.name(), options.token())
                    .get(timeoutMs, TimeUnit.MILLISECONDS).id();
            return room;
        } catch (ExecutionException | TimeoutException e) {
            room.close();
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new SignalingConnectionException("cannot join room '" + options.room() + "' at "
                    + options.server() + ": " + cause, cause);
        } catch (InterruptedException e) {
            room.close();
            Thread.currentThread().interrupt();
            throw new SignalingConnectionException("interrupted while joining room '" + options.room() + "'", e);
        }
    }

    private void listen() {
        on(SignalingClient.JOINED, joined -> {
            selfId = joined.id();
            // After a reconnect the server gave us a new id: the old connections are stale.
            peers.keySet().forEach(this::closePeer);
            joined.members().forEach(m -> start(peer(m.id(), m.name(), true)));
        });
        on(SignalingClient.PEER_JOINED, p -> peer(p.id(), p.name(), false));
        on(SignalingClient.PEER_LEFT, p -> closePeer(p.id()));
        on(SignalingClient.BYE, bye -> closePeer(bye.from()));
        on(SignalingClient.OFFER, offer -> {
            Peer peer = peer(offer.from(), null, false);
            if (peer != null) {
                peer.negotiation().onRemoteDescription(RTCSessionDescription.offer(offer.sdp()))
                        .whenComplete((v, error) -> start(peer));
            }
        });
        on(SignalingClient.ANSWER, answer -> {
            Peer peer = peers.get(answer.from());
            if (peer != null) {
                peer.negotiation().onRemoteDescription(RTCSessionDescription.answer(answer.sdp()));
            }
        });
        on(SignalingClient.CANDIDATE, c -> {
            Peer peer = peers.get(c.from());
            if (peer != null && (c.sdpMid() != null || c.sdpMLineIndex() != null)) {
                peer.negotiation().onRemoteCandidate(new RTCIceCandidate(c.candidate(), c.sdpMid(), c.sdpMLineIndex()));
            }
        });
        on(SignalingClient.ERROR, error -> LOG.warn("signaling error {}: {}", error.code(), error.message()));
    }

    /** Runs {@code handler} with the message of every {@code type} event of the signaling client. */
    private <M extends SignalingMessage> void on(EventType<SignalingMessageEvent<M>> type, Consumer<M> handler) {
        client.addEventListener(type, event -> handler.accept(event.message()));
    }

    /** The connection to member {@code id}, created on first use; {@code caller}: we call it (it was there first). */
    private synchronized Peer peer(String id, String name, boolean caller) {
        Peer existing = peers.get(id);
        if (existing != null || closed) {
            return existing;
        }
        RTCPeerConnection pc = engine.createPeerConnection(configuration);
        Peer peer = new Peer(id, name, pc, caller);
        peers.put(id, peer);
        pc.addEventListener(RTCPeerConnection.TRACK, e -> handler.track(peer, e));
        pc.addEventListener(RTCPeerConnection.DATA_CHANNEL, e -> handler.dataChannel(peer, e.channel()));
        pc.addEventListener(RTCPeerConnection.CONNECTION_STATE_CHANGE, e -> {
            RTCPeerConnectionState state = pc.connectionState();
            if (state == RTCPeerConnectionState.CONNECTED && peer.connectTime().isEmpty()) {
                peer.connected();
                handler.peerConnected(peer);
            } else if (state == RTCPeerConnectionState.FAILED) {
                // ICE (or DTLS) gave up: the peer is gone (frozen, unplugged). End it now, as a page does,
                // rather than record silence until the server's idle timeout. "disconnected" waits: it
                // often recovers.
                LOG.warn("connection to {} failed: closing it", peer.name());
                closePeer(peer.id(), peer);
            }
        });
        boolean polite = selfId.compareTo(id) < 0;
        PerfectNegotiation negotiation = PerfectNegotiation.attach(pc, polite,
                description -> send(description.type() == RTCSdpType.OFFER
                        ? new SignalingMessage.Offer(id, null, description.sdp())
                        : new SignalingMessage.Answer(id, null, description.sdp())),
                candidate -> send(new SignalingMessage.Candidate(id, null, candidate.candidate(),
                        candidate.sdpMid(), candidate.sdpMLineIndex(), null)));
        // A callee's tracks go into its first answer: one offer/answer sets the call up.
        negotiation.beforeAnswer(() -> start(peer));
        negotiation.addEventListener(PerfectNegotiation.ERROR, e -> refused(peer, e));
        peer.negotiation(negotiation);
        return peer;
    }

    /** Hands {@code peer} to the handler once: as the caller right away, as the callee after the first offer. */
    private void start(Peer peer) {
        if (peer == null || !peer.start()) {
            return;
        }
        try {
            // One batch: the handler's tracks and the receive-only transceivers go out in one offer.
            peer.pc().batch(() -> {
                handler.peerCreated(peer);
                if (peer.isCaller()) {
                    // A renegotiation of the callee's crossing ours made the polite side roll back, and after
                    // that rollback libwebrtc (webrtc-java 0.14.0) decoded the callee's media but delivered no
                    // frame to the receiver's track (GlareKeepsMediaFlowingTest): the echo bot that joined
                    // after a page echoed nothing. With SCTP in the first offer the page's chat channel needs
                    // no offer of its own.
                    peer.pc().createDataChannel(SCTP_CHANNEL_LABEL,
                            RTCDataChannelInit.newBuilder().negotiated(SCTP_CHANNEL_ID).build());
                    for (MediaKind kind : MediaKind.values()) {
                        if (peer.pc().getTransceivers().stream().noneMatch(t -> t.receiver().track().kind() == kind)) {
                            peer.pc().addTransceiver(kind, RTCRtpTransceiverDirection.RECVONLY);
                        }
                    }
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("bot failed to set up the connection to {}: {}", peer.name(), e.toString());
        }
    }

    /**
     * The sender's offer or answer was refused: it waits for an answer that will not come, so tell it
     * (a signaling {@code message} whose {@code data} is {@code {"error": {"ref", "reason"}}}, see
     * docs/bots.md) besides logging.
     */
    private void refused(Peer peer, NegotiationErrorEvent event) {
        String ref = event.descriptionType().token();
        LOG.warn("{}'s {} refused: {}", peer.name(), ref, event.reason());
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.putObject("error").put("ref", ref).put("reason", event.reason());
        send(new SignalingMessage.AppMessage(peer.id(), null, data));
    }

    private void send(SignalingMessage message) {
        client.send(message).exceptionally(e -> {
            LOG.debug("signaling send failed: {}", e.toString());
            return null;
        });
    }

    private void closePeer(String id) {
        closePeer(id, null);
    }

    /** Closes the connection to {@code id}; with {@code only} set, only if it is still that one. */
    private void closePeer(String id, Peer only) {
        Peer peer = only == null ? peers.remove(id) : (peers.remove(id, only) ? only : null);
        if (peer != null) {
            peer.pc().close();
            handler.peerClosed(peer);
        }
    }

    /** Our peer id in the room ("" before the server assigned one). */
    public String selfId() {
        return selfId;
    }

    /** The other members we hold a connection to, in no particular order. */
    public List<Peer> peers() {
        return List.copyOf(peers.values());
    }

    /** Hangs up: says bye to every member, closes every connection, leaves and closes the client. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        for (String id : List.copyOf(peers.keySet())) {
            send(new SignalingMessage.Bye(id, null));
            closePeer(id);
        }
        client.close();
    }
}
