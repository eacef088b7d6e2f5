package org.peerstack.bench.rtc;

import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.peerstack.event.EventType;
import org.peerstack.media.MediaStream;
import org.peerstack.rtc.PerfectNegotiation;
import org.peerstack.rtc.RTCConfiguration;
import org.peerstack.rtc.RTCDataChannelInit;
import org.peerstack.rtc.RTCIceCandidate;
import org.peerstack.rtc.RTCPeerConnection;
import org.peerstack.rtc.RTCPeerConnectionState;
import org.peerstack.rtc.RTCSdpType;
import org.peerstack.rtc.RTCSessionDescription;
import org.peerstack.rtc.WebRtcEngine;
import org.peerstack.signaling.SignalingClient;
import org.peerstack.signaling.SignalingClientOptions;
import org.peerstack.signaling.SignalingMessage;
import org.peerstack.signaling.SignalingMessageEvent;

/**
 * One side of a two-member call set up through a signaling server, as an application (or the demo's
 * bots) does it: a {@link SignalingClient}, and on {@code joined} a call to the member already there with
 * {@link PerfectNegotiation}. The member that joins second calls: it sends {@code send}'s tracks and a
 * data channel; the other answers. Records when its connection first reads {@code connected}.
 *
 * <p>When its {@link RTCPeerConnection} is made: by default when the remote member is known (on
 * {@code joined} for the caller, on {@code peer-joined} for the member already there, as the demo's
 * {@code Room} does), or earlier with {@link #prepare()}: constructing a connection needs nothing from
 * the remote member (the tracks, the data channel and the negotiation are still added once it is known),
 * so an application can do it while its {@code join} is on the wire, or while it waits alone in a room.
 * With {@link #joinAndCall} the newcomer goes further and makes its offer while the join is on the wire.
 *
 * <p>Roles: by peer id by default; "the newcomer is polite" with {@link #joinAndCall} and
 * {@link #newcomerIsPolite()} (both sides must use the same rule).
 */
public final class SignaledCallSide implements AutoCloseable {

    private static final long TIMEOUT_S = 30;

    private final SignalingClient client;
    private final WebRtcEngine engine;
    private final MediaStream send;
    private final CallTrace trace;
    private final String role;
    private final CompletableFuture<Long> connectedAt = new CompletableFuture<>();
    private volatile String selfId = "";
    private RTCPeerConnection pc;
    private PerfectNegotiation negotiation;
    /** The member this side calls or answers; null until known. Guarded by this. */
    private String remoteId;
    /** What the negotiation sent before {@link #remoteId} was known ({@link #joinAndCall}). Guarded by this. */
    private final List<Function<String, SignalingMessage>> held = new ArrayList<>();
    /** Roles by "the newcomer is polite" instead of by peer id (set by {@link #joinAndCall} and {@link #newcomerIsPolite()}). */
    private volatile boolean newcomerRule;
    private volatile boolean calledEarly;

    /** Connects to {@code server} (not joined yet). */
    public SignaledCallSide(WebRtcEngine engine, URI server, MediaStream send) throws Exception {
        this(engine, server, send, CallTrace.NONE, "");
    }

    /**
     * Connects to {@code server} (not joined yet); the steps of the call are stamped into {@code trace},
     * each step's name prefixed with {@code role}.
     */
    public SignaledCallSide(WebRtcEngine engine, URI server, MediaStream send, CallTrace trace, String role)
            throws Exception {
        this.engine = engine;
        this.send = send;
        this.trace = trace;
        this.role = role + " ";
        this.client = SignalingClient.create(SignalingClientOptions.newBuilder(server).build());
        on(SignalingClient.JOINED, joined -> {
            if (!joined.members().isEmpty()) {
                mark("joined received");
            }
            selfId = joined.id();
            if (calledEarly) {
                joined.members().stream().findFirst().ifPresent(m -> bind(m.id()));
            } else {
                joined.members().forEach(m -> call(m.id()));
            }
        });
        // As the demo's Room does: the member already there prepares its connection when the newcomer is
        // announced, so that work overlaps the newcomer's offer instead of following it.
        on(SignalingClient.PEER_JOINED, m -> {
            mark("peer-joined received");
            peer(m.id());
        });
        on(SignalingClient.OFFER, m -> {
            mark("offer received");
            peer(m.from()).onRemoteDescription(RTCSessionDescription.offer(m.sdp()))
                    .thenRun(() -> mark("offer applied, answer handed to the client"));
        });
        on(SignalingClient.ANSWER, m -> {
            mark("answer received");
            peer(m.from()).onRemoteDescription(RTCSessionDescription.answer(m.sdp()))
                    .thenRun(() -> mark("answer applied"));
        });
        on(SignalingClient.CANDIDATE, m -> {
            mark("candidate received (first)");
            markLast("candidate received (last)");
            peer(m.from()).onRemoteCandidate(new RTCIceCandidate(m.candidate(), m.sdpMid(), m.sdpMLineIndex()))
                    .thenRun(() -> mark("candidate added (first)"));
        });
        client.connect().get(TIMEOUT_S, TimeUnit.SECONDS);
    }

    /**
     * Constructs this side's connection now unless it exists already (a {@code joined} or
     * {@code peer-joined} handled first made it); the call then uses it.
     */
    public synchronized void prepare() {
        if (pc == null) {
            mark("preparing connection");
            pc = newConnection();
            mark("connection prepared");
        }
    }

    /**
     * For the member that joins second: sends the {@code join}, then at once prepares the connection,
     * attaches the negotiation and adds the track and data channel, so that the offer is made while the
     * join is on the wire; it goes out (with the candidates gathered meanwhile, in order) as soon as
     * {@code joined} names the member to call. Roles follow "the newcomer is polite", which this side
     * knows before the server answers: the other side must use {@link #newcomerIsPolite()}. (An
     * application that may find the room empty would discard the offer then; the benchmark's room never is.)
     *
     * @return the join's future
     */
    public CompletableFuture<?> joinAndCall(String room, String name) {
        newcomerRule = true;
        calledEarly = true;
        CompletableFuture<?> joined = client.join(room, name, null);
        synchronized (this) {
            prepare();
            if (negotiation == null) {
                attach(true);
            }
        }
        addMedia();
        return joined;
    }

    /** For the member already in the room when the other uses {@link #joinAndCall}: it is impolite. */
    public void newcomerIsPolite() {
        newcomerRule = true;
    }

    /** Sends the {@code join}; the calls follow from the server's answer. */
    public CompletableFuture<?> join(String room, String name) {
        return client.join(room, name, null);
    }

    /** When this side's connection first read {@code connected} ({@link System#nanoTime()}). */
    public long connectedAt() throws Exception {
        return connectedAt.get(TIMEOUT_S, TimeUnit.SECONDS);
    }

    private <M extends SignalingMessage> void on(EventType<SignalingMessageEvent<M>> type, Consumer<M> handler) {
        client.addEventListener(type, event -> handler.accept(event.message()));
    }

    private void call(String remoteId) {
        peer(remoteId);
        addMedia();
    }

    private void addMedia() {
        RTCPeerConnection pc;
        synchronized (this) {
            pc = this.pc;
        }
        pc.batch(() -> {
            if (send != null) {
                send.getTracks().forEach(t -> pc.addTrack(t, send));
            }
            pc.createDataChannel("bench", RTCDataChannelInit.defaults());
        });
        mark("tracks and channel added");
    }

    private void mark(String step) {
        trace.mark(role + step);
    }

    private void markLast(String step) {
        trace.markLast(role + step);
    }

    /** Stamps the connection's own events (registered before the negotiation's listeners: they run first). */
    private void traceEvents(RTCPeerConnection created) {
        if (trace == CallTrace.NONE) {
            return;
        }
        created.addEventListener(RTCPeerConnection.NEGOTIATION_NEEDED, e -> mark("negotiationneeded"));
        created.addEventListener(RTCPeerConnection.SIGNALING_STATE_CHANGE,
                e -> mark("signaling " + created.signalingState()));
        created.addEventListener(RTCPeerConnection.ICE_CANDIDATE, e -> {
            if (e.candidate().isPresent()) {
                mark("icecandidate (first)");
                markLast("icecandidate (last)");
            } else {
                mark("icecandidate (end)");
            }
        });
        created.addEventListener(RTCPeerConnection.ICE_CONNECTION_STATE_CHANGE,
                e -> mark("ice " + created.iceConnectionState()));
        created.addEventListener(RTCPeerConnection.CONNECTION_STATE_CHANGE,
                e -> mark("connection " + created.connectionState()));
    }

    private void sent(String what, java.util.concurrent.CompletableFuture<Void> written) {
        mark(what + " handed to the client");
        written.thenRun(() -> mark(what + " written"));
    }

    /** Sends to the remote member, or holds the message until it is known (order kept). */
    private synchronized void sendToRemote(Function<String, SignalingMessage> message) {
        if (remoteId == null) {
            held.add(message);
        } else {
            send(message.apply(remoteId));
        }
    }

    /** The remote member is known: the held messages go out first, in order. */
    private synchronized void bind(String id) {
        if (remoteId == null) {
            remoteId = id;
            held.forEach(m -> send(m.apply(id)));
            held.clear();
        }
    }

    private void send(SignalingMessage message) {
        String what = message instanceof SignalingMessage.Offer ? "offer"
                : message instanceof SignalingMessage.Answer ? "answer" : "candidate (first)";
        sent(what, client.send(message));
    }

    /** Lock held. Attaches the negotiation to {@link #pc} with the given role. */
    private void attach(boolean polite) {
        negotiation = PerfectNegotiation.attach(pc, polite,
                d -> sendToRemote(to -> d.type() == RTCSdpType.OFFER
                        ? new SignalingMessage.Offer(to, null, d.sdp())
                        : new SignalingMessage.Answer(to, null, d.sdp())),
                c -> sendToRemote(to -> new SignalingMessage.Candidate(to, null, c.candidate(), c.sdpMid(),
                        c.sdpMLineIndex(), null)));
    }

    private RTCPeerConnection newConnection() {
        RTCPeerConnection created = engine.createPeerConnection(RTCConfiguration.from(engine.config()));
        traceEvents(created);
        created.addEventListener(RTCPeerConnection.CONNECTION_STATE_CHANGE, e -> {
            if (created.connectionState() == RTCPeerConnectionState.CONNECTED) {
                connectedAt.complete(System.nanoTime());
            }
        });
        return created;
    }

    private synchronized PerfectNegotiation peer(String remoteId) {
        if (pc == null) {
            mark("creating connection");
            pc = newConnection();
            mark("connection created");
        }
        if (negotiation == null) {
            // Without the newcomer rule, roles by peer id; with it, a side attaching here is the one that
            // was in the room first (the newcomer attached in joinAndCall): impolite.
            attach(!newcomerRule && selfId.compareTo(remoteId) < 0);
        }
        bind(remoteId);
        return negotiation;
    }

    @Override
    public void close() {
        // The client first: candidates still in flight then stop here instead of reaching a closed connection.
        client.close();
        synchronized (this) {
            if (pc != null) {
                pc.close();
            }
        }
    }
}
