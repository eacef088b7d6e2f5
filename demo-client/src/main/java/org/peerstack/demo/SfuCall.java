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
import org.peerstack.media.MediaStreamTrack;
import org.peerstack.rtc.RTCConfiguration;
import org.peerstack.rtc.RTCPeerConnection;
import org.peerstack.rtc.RTCPeerConnectionState;
import org.peerstack.rtc.RTCRtpTransceiverDirection;
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
 * server's SFU, peer id {@value #SFU_ID}, instead of a mesh. Two peer connections with the server:
 * <ul>
 *   <li>the <b>publish</b> connection sends {@link #publish published} tracks (sendonly transceivers); the
 *       bot offers, the server answers. The server does not renegotiate it: {@link #publish} again says
 *       {@code bye} to the SFU and offers on a new connection;</li>
 *   <li>the <b>subscribe</b> connection receives the other members' tracks: the server offers whenever
 *       tracks come or go and the bot answers. Each server offer maps MediaStream ids to the peer id of
 *       their publisher; the call groups received tracks by it into one {@link Peer} per remote member.</li>
 * </ul>
 * The bots' {@link Room.Handler}s work unchanged on it: {@link Room.Handler#track} gets each received
 * track with its publisher's {@link Peer} (whose {@code pc()} is the shared subscribe connection),
 * {@link Room.Handler#peerConnected} runs once the subscribe connection is up, and
 * {@link Room.Handler#peerClosed} runs when a member's tracks are gone from the server's offer or the
 * member left. {@link Room.Handler#peerCreated} and data channels are not used: what a bot sends is the
 * stream given to {@link #join} (no data channels through the SFU). Chat goes through the server as an
 * application message {@code {"chat": "text"}}, the page's format: {@link #sendChat}, {@link #onChat}.
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
    private volatile RTCPeerConnection publisher;
    /** What {@link #publish} was last given (published again after a reconnect), null when not publishing. */
    private MediaStream[] published;
    private volatile RTCPeerConnection subscriber;
    /** Server offers are applied one after the other. */
    private CompletableFuture<Void> offers = CompletableFuture.completedFuture(null);
    private volatile String selfId = "";
    private volatile boolean closed;

    private SfuCall(SignalingClient client, WebRtcEngine engine, Room.Handler handler) {
        this.client = client;
        this.engine = engine;
        this.configuration = RTCConfiguration.from(engine.config());
        this.handler = handler;
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

    /**
     * Runs on the signaling client's event thread before the server's first offer is handled there (a
     * subscribe connection made after the join future completed missed an offer sent right after
     * {@code joined}). After a reconnect the server knows us under a new id: everything starts again.
     */
    private synchronized void joined(SignalingMessage.Joined joined) {
        if (closed || !joined.sfuRoom()) {
            return;
        }
        RTCPeerConnection previous = subscriber;
        if (previous != null) {
            List.copyOf(peers.keySet()).forEach(this::closePeer);
            owners.clear();
            names.clear();
            previous.close();
        }
        selfId = joined.id();
        if (previous != null && published != null) {
            // The server closed our publish connection with the old connection: publish again.
            RTCPeerConnection stale = publisher;
            publisher = null;
            if (stale != null) {
                stale.close();
            }
            MediaStream[] again = published;
            CompletableFuture.runAsync(() -> publish(again));
        }
        joined.members().forEach(m -> names.put(m.id(), m.name() == null ? "" : m.name()));
        RTCPeerConnection pc = engine.createPeerConnection(configuration);
        pc.addEventListener(RTCPeerConnection.TRACK, this::track);
        pc.addEventListener(RTCPeerConnection.CONNECTION_STATE_CHANGE, e -> {
            if (pc.connectionState() == RTCPeerConnectionState.CONNECTED) {
                for (Peer peer : peers.values()) {
                    connected(peer);
                }
            }
        });
        subscriber = pc;
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
            RTCPeerConnection pc = publisher;
            if (SFU_ID.equals(answer.from()) && pc != null) {
                pc.setRemoteDescription(RTCSessionDescription.answer(answer.sdp())).exceptionally(e -> {
                    LOG.warn("the SFU's answer to our publish offer was refused: {}", e.toString());
                    return null;
                });
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

    /** Applies a server offer on the subscribe connection, answers it, then drops members whose tracks went. */
    private synchronized void serverOffer(SignalingMessage.Offer offer) {
        Map<String, String> streams = offer.streams() == null ? Map.of() : offer.streams();
        offers = offers.thenCompose(v -> {
            RTCPeerConnection pc = subscriber;
            if (pc == null || closed) {
                return CompletableFuture.completedFuture(null);
            }
            LOG.debug("{}: the SFU offers streams {}", selfId, streams);
            // Known before the track events that applying the offer fires.
            owners.putAll(streams);
            return pc.setRemoteDescription(RTCSessionDescription.offer(offer.sdp()))
                    .thenCompose(x -> pc.setLocalDescription())
                    .thenCompose(x -> {
                        LOG.debug("{}: answering the SFU's offer", selfId);
                        return client.send(new SignalingMessage.Answer(SFU_ID, null, pc.localDescription().sdp()));
                    })
                    .thenRun(() -> {
                        owners.keySet().retainAll(streams.keySet());
                        for (String id : List.copyOf(peers.keySet())) {
                            if (!owners.containsValue(id)) {
                                closePeer(id);
                            }
                        }
                    });
        }).exceptionally(e -> {
            if (closed) {
                LOG.debug("the SFU's offer came while leaving: {}", e.toString());
            } else {
                LOG.warn("cannot apply the SFU's offer: {}", e.toString());
            }
            return null;
        });
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
            peer = peers.computeIfAbsent(owner, id -> new Peer(id, names.get(id), subscriber, false));
        }
        handler.track(peer, event);
        if (subscriber.connectionState() == RTCPeerConnectionState.CONNECTED) {
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
     * Sends the tracks of {@code streams} to the SFU on a new publish connection (sendonly transceivers),
     * after a {@code bye} to the SFU when something was published before.
     *
     * @return completes when the offer was sent
     */
    public synchronized CompletableFuture<Void> publish(MediaStream... streams) {
        for (MediaStream stream : streams) {
            Objects.requireNonNull(stream, "stream");
        }
        if (closed) {
            return CompletableFuture.completedFuture(null);
        }
        unpublish();
        published = streams.clone();
        RTCPeerConnection pc = engine.createPeerConnection(configuration);
        publisher = pc;
        pc.batch(() -> {
            for (MediaStream stream : streams) {
                for (MediaStreamTrack track : stream.getTracks()) {
                    pc.addTransceiver(track, RTCRtpTransceiverDirection.SENDONLY, stream);
                }
            }
        });
        return pc.setLocalDescription()
                .thenCompose(v -> client.send(new SignalingMessage.Offer(SFU_ID, null, pc.localDescription().sdp())))
                .exceptionally(e -> {
                    LOG.warn("cannot publish to the SFU: {}", e.toString());
                    return null;
                });
    }

    /** Stops publishing: {@code bye} to the SFU, the publish connection closes. */
    public synchronized void unpublish() {
        published = null;
        RTCPeerConnection pc = publisher;
        if (pc != null) {
            publisher = null;
            client.send(new SignalingMessage.Bye(SFU_ID, null)).exceptionally(e -> null);
            pc.close();
        }
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

    /** The publish connection, while publishing. */
    public java.util.Optional<RTCPeerConnection> publisher() {
        return java.util.Optional.ofNullable(publisher);
    }

    /** The signaling server this call joined. */
    public URI server() {
        return client.options().uri();
    }

    /** Leaves: closes both connections (each member's {@code peerClosed} runs), leaves and closes the client. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        unpublishQuietly();
        for (String id : List.copyOf(peers.keySet())) {
            closePeer(id);
        }
        RTCPeerConnection pc = subscriber;
        if (pc != null) {
            pc.close();
        }
        client.close();
    }

    private void unpublishQuietly() {
        RTCPeerConnection pc = publisher;
        publisher = null;
        if (pc != null) {
            pc.close();
        }
    }
}
