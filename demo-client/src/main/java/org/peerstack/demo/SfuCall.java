package org.peerstack.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.peerstack.event.EventType;
import org.peerstack.exc.SignalingConnectionException;
import org.peerstack.media.MediaStream;
import org.peerstack.rtc.RTCConfiguration;
import org.peerstack.rtc.RTCPeerConnection;
import org.peerstack.rtc.RTCPeerConnectionState;
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
 * A bot's presence in an SFU room (docs/signaling-protocol.md, "SFU rooms"): the media goes through the
 * server's SFU, peer id {@value #SFU_ID}, on ONE peer connection that carries what the bot
 * {@link #publish publishes} (sendonly transceivers of its own) and every track of the others, renegotiated
 * by W3C perfect negotiation with the bot polite ({@link SfuConnection}): the bot offers when it
 * publishes more, the server when others' tracks come or go, and the server's offer wins a collision.
 * Server offers map MediaStream ids to their publisher's peer id: received tracks are grouped by it into
 * one {@link Peer} per member (whose {@code pc()} is the shared connection) for the {@link Room.Handler}:
 * {@code track}, {@code peerConnected} once the connection is up, {@code peerClosed} when a member's
 * tracks left the server's offer or it left ({@code peerCreated} and data channels are not used).
 * {@link #unpublish} hangs the connection up ({@code bye} to the SFU: the bot's tracks end) and starts a
 * new one that only receives; a {@code bye} from the server starts a new one too. Chat goes through the
 * server as an application message {@code {"chat": "text"}}: {@link #sendChat}, {@link #onChat}.
 *
 * <p>Threads: handler methods run on peerstack event threads (tracks) or on the signaling client's event
 * thread (members leaving); they must not block for long.
 */
public final class SfuCall implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SfuCall.class);

    /** The server's reserved peer id in SFU rooms. */
    public static final String SFU_ID = "sfu";
    /** Key of a chat line in an application message's {@code data}, as the page sends it. */
    public static final String CHAT_KEY = "chat";

    private final SignalingClient client;
    private final RTCConfiguration configuration;
    private final WebRtcEngine engine;
    private final Room.Handler handler;
    /** Member id -> display name (null when it gave none). */
    private final Map<String, String> names = new ConcurrentHashMap<>();
    /** MediaStream id -> publisher's peer id, from the server's offers. */
    private final Map<String, String> owners = new ConcurrentHashMap<>();
    /** Members whose tracks we receive. */
    private final Map<String, Peer> peers = new ConcurrentHashMap<>();
    private volatile Consumer<String[]> chat = line -> { };
    private final SfuLayerPreferences layers;
    /** What {@link #publish} was given (published again on a new connection), empty when not publishing. */
    private final List<MediaStream> published = new java.util.ArrayList<>();
    /** The one connection with the server. */
    private volatile SfuConnection connection;
    /** We said bye to the SFU: its bye back is for the connection we already replaced. */
    private boolean byeSent;
    private volatile String selfId = "";
    private volatile boolean closed;

    private SfuCall(SignalingClient client, WebRtcEngine engine, Room.Handler handler) {
        this.client = client;
        this.engine = engine;
        this.configuration = RTCConfiguration.from(engine.config());
        this.handler = handler;
        this.layers = new SfuLayerPreferences(m -> client.send(m).exceptionally(e -> null));
    }

    /**
     * Connects to the server, joins {@code options.room()} as an SFU room ({@code "sfu": true}) and
     * publishes {@code publish}'s tracks.
     *
     * @param publish what to send, or null to only receive
     * @throws SignalingConnectionException when the server cannot be reached or refuses the join
     *         ({@code room-mode}: a mesh room of that name exists; {@code sfu-unavailable}: no SFU there)
     */
    public static SfuCall join(Room.Options options, WebRtcEngine engine, Room.Handler handler, MediaStream publish) {
        SignalingClient client = SignalingClient.create(SignalingClientOptions.newBuilder(options.server()).build());
        SfuCall call = new SfuCall(client, Objects.requireNonNull(engine, "engine"), Objects.requireNonNull(handler, "handler"));
        call.listen();
        try {
            long timeoutMs = options.joinTimeout().toMillis();
            client.connect().get(timeoutMs, TimeUnit.MILLISECONDS);
            SignalingMessage.Joined joined = joinSfu(client, options).get(timeoutMs, TimeUnit.MILLISECONDS);
            if (!joined.sfuRoom()) {
                throw new SignalingConnectionException("room '" + options.room() + "' at " + options.server()
                        + " is not an SFU room", null);
            }
            call.selfId = joined.id(); // the JOINED event sets it too, maybe a moment later on its thread
        } catch (ExecutionException | TimeoutException e) {
            call.close();
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new SignalingConnectionException("cannot join SFU room '" + options.room() + "' at "
                    + options.server() + ": " + cause, cause);
        } catch (InterruptedException e) {
            call.close();
            Thread.currentThread().interrupt();
            throw new SignalingConnectionException("interrupted while joining room '" + options.room() + "'", e);
        } catch (RuntimeException e) {
            call.close();
            throw e;
        }
        if (publish != null) {
            call.publish(publish);
        }
        return call;
    }

    /** The join with {@code "sfu": true}: the server creates an SFU room or refuses (room-mode, sfu-unavailable). */
    private static CompletableFuture<SignalingMessage.Joined> joinSfu(SignalingClient client, Room.Options options) {
        return client.join(new SignalingMessage.Join(options.room(), options.name(), options.token(), true));
    }

    /** On the signaling client's event thread, before the server's first offer; after a reconnect everything starts again. */
    private synchronized void joined(SignalingMessage.Joined joined) {
        if (closed || !joined.sfuRoom()) {
            return;
        }
        if (connection != null) {
            List.copyOf(peers.keySet()).forEach(this::closePeer);
            owners.clear();
            names.clear();
        }
        selfId = joined.id();
        joined.members().forEach(m -> names.put(m.id(), m.name() == null ? "" : m.name()));
        connect();
    }

    /** A new connection with the server (closing the previous one), sending what is published. */
    private synchronized void connect() {
        SfuConnection previous = connection;
        if (previous != null) {
            previous.close();
        }
        layers.connectionReplaced();
        SfuConnection[] next = new SfuConnection[1];
        next[0] = new SfuConnection(engine, configuration, d -> {
            if (connection == next[0]) {
                client.send(d.type() == RTCSdpType.OFFER ? new SignalingMessage.Offer(SFU_ID, null, d.sdp())
                        : new SignalingMessage.Answer(SFU_ID, null, d.sdp())).exceptionally(e -> null);
            }
        }, this::track, () -> peers.values().forEach(this::connected));
        connection = next[0];
        next[0].send(published);
    }

    private void listen() {
        on(SignalingClient.JOINED, this::joined);
        on(SignalingClient.PEER_JOINED, p -> names.put(p.id(), p.name() == null ? "" : p.name()));
        on(SignalingClient.PEER_LEFT, p -> {
            names.remove(p.id());
            closePeer(p.id());
        });
        on(SignalingClient.OFFER, offer -> {
            if (SFU_ID.equals(offer.from())) {
                serverOffer(offer);
            }
        });
        on(SignalingClient.ANSWER, answer -> {
            SfuConnection c = connection;
            if (SFU_ID.equals(answer.from()) && c != null) {
                c.remote(RTCSessionDescription.answer(answer.sdp())).exceptionally(e -> null); // logged by the negotiation
            }
        });
        on(SignalingClient.BYE, bye -> {
            if (SFU_ID.equals(bye.from())) {
                serverBye();
            }
        });
        on(SignalingClient.MESSAGE, message -> {
            JsonNode text = message.data() == null ? null : message.data().get(CHAT_KEY);
            if (text != null && text.isTextual()) {
                chat.accept(new String[] {name(message.from()), text.asText()});
            }
        });
        // A refused join fails the join future (the caller reports it); everything else is logged here.
        on(SignalingClient.ERROR, error -> {
            if (!"join".equals(error.ref())) {
                LOG.warn("signaling error {}: {}", error.code(), error.message());
            }
        });
    }

    private <M extends SignalingMessage> void on(EventType<SignalingMessageEvent<M>> type, Consumer<M> consumer) {
        client.addEventListener(type, event -> consumer.accept(event.message()));
    }

    /** Applies a server offer (rolling back an offer of ours), answers it, then drops members whose tracks went. */
    private void serverOffer(SignalingMessage.Offer offer) {
        Map<String, String> streams = offer.streams() == null ? Map.of() : offer.streams();
        SfuConnection c = connection;
        if (c == null || closed) {
            return;
        }
        LOG.debug("{}: the SFU offers streams {}", selfId, streams);
        owners.putAll(streams); // known before the track events that applying the offer fires
        c.remote(RTCSessionDescription.offer(offer.sdp())).thenRun(() -> {
            layers.offered(offer.sdp(), streams);
            owners.keySet().retainAll(streams.keySet());
            for (String id : List.copyOf(peers.keySet())) {
                if (!owners.containsValue(id)) {
                    closePeer(id);
                }
            }
        }).exceptionally(e -> {
            LOG.debug("the SFU's offer was not applied: {}", e.toString()); // logged by the negotiation
            return null;
        });
    }

    /** The server closed our connection (or confirms our bye): the members' tracks went; a new connection starts. */
    private synchronized void serverBye() {
        if (byeSent) {
            byeSent = false;
            return;
        }
        if (closed) {
            return;
        }
        LOG.debug("{}: the SFU hung up our connection; starting a new one", selfId);
        List.copyOf(peers.keySet()).forEach(this::closePeer);
        owners.clear();
        connect();
    }

    private void track(RTCTrackEvent event) {
        String owner = event.streams().isEmpty() ? null : owners.get(event.streams().get(0).id());
        if (owner == null) {
            LOG.warn("the SFU sent a {} track of no known member (streams {}): ignored", event.track().kind().token(),
                    event.streams().stream().map(MediaStream::id).toList());
            return;
        }
        Peer peer;
        synchronized (this) {
            if (closed) {
                return;
            }
            peer = peers.computeIfAbsent(owner, id -> new Peer(id, names.get(id), connection.pc(), false));
        }
        handler.track(peer, event);
        if (peer.pc().connectionState() == RTCPeerConnectionState.CONNECTED) {
            connected(peer);
        }
    }

    private void connected(Peer peer) {
        if (peer.connectTime().isEmpty()) {
            peer.connected();
            handler.peerConnected(peer);
        }
    }

    private void closePeer(String id) {
        Peer peer = peers.remove(id);
        if (peer != null) {
            handler.peerClosed(peer);
        }
    }

    /**
     * Sends the tracks of {@code streams} to the SFU: tracks not sent yet go on new sendonly transceivers of
     * the connection (it is renegotiated); when a track sent before is not in {@code streams}, the
     * connection is replaced first ({@link #unpublish}).
     *
     * @return completes at once (the offer follows from negotiationneeded)
     */
    public synchronized CompletableFuture<Void> publish(MediaStream... streams) {
        for (MediaStream stream : streams) {
            Objects.requireNonNull(stream, "stream");
        }
        if (closed) {
            return CompletableFuture.completedFuture(null);
        }
        java.util.Set<String> wanted = new java.util.HashSet<>();
        for (MediaStream stream : streams) {
            stream.getTracks().forEach(t -> wanted.add(t.id()));
        }
        SfuConnection c = connection;
        published.clear();
        published.addAll(List.of(streams));
        if (c != null && !c.sendsOnly(wanted)) {
            hangUp();
        } else if (c != null) {
            c.send(published);
        }
        return CompletableFuture.completedFuture(null);
    }

    /**
     * Stops publishing: the bot's tracks end at the others. The connection is hung up ({@code bye} to the
     * SFU) and a new one receives the others' tracks.
     */
    public synchronized void unpublish() {
        published.clear();
        SfuConnection c = connection;
        if (c != null && c.isSending()) {
            hangUp();
        }
    }

    private void hangUp() {
        byeSent = true;
        List.copyOf(peers.keySet()).forEach(this::closePeer);
        owners.clear();
        client.send(new SignalingMessage.Bye(SFU_ID, null)).exceptionally(e -> null);
        connect();
    }

    /** Sends a chat line to every member (an application message {@code {"chat": text}}); returns how many members there are. */
    public int sendChat(String text) {
        client.send(new SignalingMessage.AppMessage(null, null, JsonNodeFactory.instance.objectNode().put(CHAT_KEY, text)))
                .exceptionally(e -> null);
        return names.size();
    }

    /** Receives every chat line as (sender's name, text); runs on the signaling client's event thread. */
    public void onChat(BiConsumer<String, String> listener) {
        Objects.requireNonNull(listener, "listener");
        chat = line -> listener.accept(line[0], line[1]);
    }

    private String name(String id) {
        String name = id == null ? null : names.get(id);
        return name == null || name.isBlank() ? String.valueOf(id) : name;
    }

    /** The maximum resolutions this call wants of the simulcast video it receives ({@code max-resolution}). */
    public SfuLayerPreferences layerPreferences() {
        return layers;
    }

    /** Our peer id in the room ("" before the server assigned one). */
    public String selfId() {
        return selfId;
    }

    /** The other members whose tracks we receive now, in no particular order. */
    public List<Peer> peers() {
        return List.copyOf(peers.values());
    }

    /** The other members of the room (peer ids), whether they publish or not. */
    public List<String> members() {
        return List.copyOf(names.keySet());
    }

    /** The connection with the server, while publishing. */
    public java.util.Optional<RTCPeerConnection> publisher() {
        SfuConnection c = connection;
        return c != null && c.isSending() ? java.util.Optional.of(c.pc()) : java.util.Optional.empty();
    }

    /** The one connection with the server (null before the join). */
    public RTCPeerConnection connection() {
        SfuConnection c = connection;
        return c == null ? null : c.pc();
    }

    /** The signaling server this call joined. */
    public URI server() {
        return client.options().uri();
    }

    /** Leaves: closes the connection (each member's {@code peerClosed} runs), leaves and closes the client. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        for (String id : List.copyOf(peers.keySet())) {
            closePeer(id);
        }
        SfuConnection current = connection;
        if (current != null) {
            current.close();
        }
        client.close();
    }
}
