package org.peerstack.rtc;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.peerstack.event.Event;
import org.peerstack.event.EventDispatcher;
import org.peerstack.event.EventListener;
import org.peerstack.event.EventTarget;
import org.peerstack.event.EventType;
import org.peerstack.exc.InvalidAccessException;
import org.peerstack.exc.InvalidStateException;
import org.peerstack.internal.rtc.NativePeer;
import org.peerstack.internal.rtc.OperationsChain;
import org.peerstack.internal.rtc.SerialExecutor;
import org.peerstack.media.MediaStream;
import org.peerstack.media.MediaStreamTrack;

/**
 * W3C {@code RTCPeerConnection} over libwebrtc. Promises are {@link CompletableFuture}s completed with
 * typed exceptions ({@code org.peerstack.exc}); events are typed constants on this class.
 *
 * <h2>Threads</h2>
 * <ul>
 *   <li>Listeners run on peerstack event threads, in firing order per connection, never on libwebrtc
 *       threads (see {@code org.peerstack.event}).</li>
 *   <li>Futures complete on peerstack callback threads; a dependent stage may block, call back into this
 *       connection or close it without deadlocking. State-change events an operation causes are fired
 *       before its future completes.</li>
 *   <li>Every method may be called from any thread, including listeners. Synchronous getters read state
 *       cached on peerstack's side and never wait for libwebrtc.</li>
 * </ul>
 *
 * <h2>Lifecycle</h2>
 * {@link #close()} is idempotent and releases everything the connection owns in the order libwebrtc
 * needs (sinks, data channels, senders, the connection, native tracks and sources). Remote tracks end;
 * their clones fire {@code ended}. Operations after close fail with {@link InvalidStateException}.
 */
public final class RTCPeerConnection implements EventTarget, AutoCloseable {

    /**
     * Fired when changes need an offer: only in {@code stable} with the operations chain idle and no
     * {@link #batch} open, at most once per {@code stable} period (W3C: the negotiation-needed flag is already
     * set), and again after each return to {@code stable} while changes are still not negotiated. The event
     * is queued; by the time a listener runs, a remote offer may have been taken in, so a listener checks
     * {@link #signalingState()} as W3C's firing task does ({@link PerfectNegotiation} does this for you).
     */
    public static final EventType<Event> NEGOTIATION_NEEDED = EventType.of("negotiationneeded", Event.class);
    /**
     * A local ICE candidate to signal to the remote peer, or (no candidate) the end of gathering.
     *
     * <p>Order with the description: W3C fires these events as tasks after setLocalDescription's promise
     * resolved, so a browser's {@code await} continuation signals the description first. Here the events of
     * the candidates a setLocalDescription gathers are dispatched only after its future completed and the
     * stages attached to that future <em>before</em> it completed returned. A stage attached after the future
     * completed runs at once on the attaching thread, in no order with these events, and for a call made off
     * this connection's event thread that is common: libwebrtc often completes an operation before the native
     * call has returned to the caller (an answer made by
     * {@code setRemoteDescription(offer).thenCompose(v -> setLocalDescription()).thenRun(send)} on a plain
     * thread was sent after its first candidates in 5 of 200 calls). So:
     * <ul>
     *   <li>{@link PerfectNegotiation} always hands a description to the signaling channel before the
     *       candidates it gathers;</li>
     *   <li>so does {@code setLocalDescription().thenRun(send)} made in a listener of this connection (for
     *       example {@link #NEGOTIATION_NEEDED}): these events are not delivered before that listener
     *       returned;</li>
     *   <li>any other caller queues the candidates until it has sent the description.</li>
     * </ul>
     */
    public static final EventType<RTCPeerConnectionIceEvent> ICE_CANDIDATE =
            EventType.of("icecandidate", RTCPeerConnectionIceEvent.class);
    public static final EventType<Event> SIGNALING_STATE_CHANGE = EventType.of("signalingstatechange", Event.class);
    public static final EventType<Event> ICE_GATHERING_STATE_CHANGE =
            EventType.of("icegatheringstatechange", Event.class);
    public static final EventType<Event> ICE_CONNECTION_STATE_CHANGE =
            EventType.of("iceconnectionstatechange", Event.class);
    public static final EventType<Event> CONNECTION_STATE_CHANGE = EventType.of("connectionstatechange", Event.class);
    public static final EventType<RTCTrackEvent> TRACK = EventType.of("track", RTCTrackEvent.class);
    public static final EventType<RTCDataChannelEvent> DATA_CHANNEL = EventType.of("datachannel", RTCDataChannelEvent.class);

    final WebRtcEngine engine;
    /** The native side: libwebrtc's connection, its lock and executor; nothing else here touches libwebrtc. */
    final NativePeer peer;
    final OperationsChain operations;
    final EventDispatcher events;
    final RemoteTracks remote = new RemoteTracks(this);
    final SignalingEvents signalingEvents = new SignalingEvents(this);
    final LocalMedia media = new LocalMedia(this);
    private final RTCConfiguration configuration;
    private volatile RTCSignalingState signalingState = RTCSignalingState.STABLE;
    private volatile RTCIceGatheringState iceGatheringState = RTCIceGatheringState.NEW;
    private volatile RTCIceConnectionState iceConnectionState = RTCIceConnectionState.NEW;
    private volatile RTCPeerConnectionState connectionState = RTCPeerConnectionState.NEW;
    private volatile RTCSessionDescription localDescription;
    private volatile RTCSessionDescription remoteDescription;

    /** A connection on the process-wide {@link WebRtcEngine#shared()} engine. */
    public RTCPeerConnection(RTCConfiguration configuration) {
        this(configuration, WebRtcEngine.shared());
    }

    /** A connection on {@code engine}. */
    public RTCPeerConnection(RTCConfiguration configuration, WebRtcEngine engine) {
        this.configuration = Objects.requireNonNull(configuration, "configuration");
        this.engine = Objects.requireNonNull(engine, "engine");
        EngineOptions options = engine.options();
        this.events = new EventDispatcher(options.eventLoop());
        engine.register(this);
        try {
            this.peer = new NativePeer(engine.nativeFactory(), configuration, new ConnectionEvents(this),
                    new SerialExecutor(options.connectionExecutor()));
        } catch (RuntimeException e) {
            engine.unregister(this);
            throw e;
        }
        this.operations = new OperationsChain(peer.executor(), options.callbackExecutor());
        operations.onIdle(signalingEvents::operationsSettled);
    }

    // ---- offer/answer ----

    public CompletableFuture<RTCSessionDescription> createOffer() {
        return createOffer(false);
    }

    /** Creates an offer; {@code iceRestart} gathers new ICE credentials (W3C {@code {iceRestart: true}}). */
    public CompletableFuture<RTCSessionDescription> createOffer(boolean iceRestart) {
        return operation("createOffer", () -> peer.createOffer(iceRestart));
    }

    public CompletableFuture<RTCSessionDescription> createAnswer() {
        return operation("createAnswer", peer::createAnswer);
    }

    /** Applies {@code description} locally. */
    public CompletableFuture<Void> setLocalDescription(RTCSessionDescription description) {
        Objects.requireNonNull(description, "description");
        return operation("setLocalDescription", () -> applyLocal(description));
    }

    /**
     * The implicit form: creates the offer or answer the signaling state calls for and applies it. The
     * candidates it gathers are fired as {@link #ICE_CANDIDATE} says (after the stages attached in time).
     */
    public CompletableFuture<Void> setLocalDescription() {
        return operation("setLocalDescription", () -> {
            boolean answer = signalingState == RTCSignalingState.HAVE_REMOTE_OFFER
                    || signalingState == RTCSignalingState.HAVE_LOCAL_PRANSWER;
            CompletableFuture<RTCSessionDescription> created = answer ? peer.createAnswer() : peer.createOffer(false);
            // Applied inside libwebrtc's OnSuccess, on its signalling thread, where the native call is direct
            // (the common browser-engine pattern); a hop to another thread would cost a wake-up per step.
            return created.thenCompose(this::applyLocal);
        });
    }

    private CompletableFuture<Void> applyLocal(RTCSessionDescription description) {
        if (peer.isClosed()) {
            return CompletableFuture.failedFuture(NativePeer.closedError("setLocalDescription"));
        }
        return peer.setLocalDescription(description).thenCompose(v -> {
            if (description.type() == RTCSdpType.ROLLBACK) {
                return CompletableFuture.runAsync(this::refreshAfterRollback, operations.callbacks());
            }
            // What was applied is the local description: a field write, fine on libwebrtc's thread.
            localDescription = description;
            return CompletableFuture.completedFuture(null);
        });
    }

    public CompletableFuture<Void> setRemoteDescription(RTCSessionDescription description) {
        Objects.requireNonNull(description, "description");
        return operation("setRemoteDescription", () -> {
            remote.applying(description);
            return peer.setRemoteDescription(description).thenCompose(v -> {
                if (Msid.stopsAnMLine(description.sdp())) {
                    // Ending the tracks of stopped transceivers needs native reads, so it runs on the
                    // connection's executor (not on libwebrtc's thread); the operation completes after it,
                    // so that no caller reads a transceiver libwebrtc has just removed and freed.
                    return CompletableFuture.runAsync(() -> {
                        synchronized (peer.lock()) {
                            if (!peer.isClosed()) {
                                remote.endStoppedTransceivers();
                            }
                        }
                    }, peer.executor()).thenCompose(ended -> remoteApplied(description));
                }
                return remoteApplied(description);
            });
        });
    }

    private CompletableFuture<Void> remoteApplied(RTCSessionDescription description) {
        if (description.type() == RTCSdpType.ROLLBACK) {
            return CompletableFuture.runAsync(this::refreshAfterRollback, operations.callbacks());
        }
        remoteDescription = description;
        return CompletableFuture.completedFuture(null);
    }

    /**
     * Adds a remote ICE candidate. The end-of-candidates marker ({@link RTCIceCandidate#isEndOfCandidates()})
     * resolves without a native call.
     *
     * @return fails with {@link InvalidStateException} when no remote description is set
     */
    public CompletableFuture<Void> addIceCandidate(RTCIceCandidate candidate) {
        Objects.requireNonNull(candidate, "candidate");
        IceCandidates.validate(candidate);
        return operation("addIceCandidate", () -> {
            if (remoteDescription == null) {
                return CompletableFuture.failedFuture(new InvalidStateException(
                        "addIceCandidate needs a remote description first"));
            }
            if (!candidate.isEndOfCandidates()) {
                peer.addIceCandidate(candidate);
            }
            return CompletableFuture.completedFuture(null);
        });
    }

    /** Asks for new ICE credentials at the next offer; {@code negotiationneeded} fires. */
    public void restartIce() {
        peer.withLock("restartIce", () -> {
            peer.restartIce();
            return null;
        });
    }

    // ---- media ----

    /**
     * Makes the changes {@code changes} applies (addTrack, addTransceiver, removeTrack, createDataChannel,
     * restartIce, direction changes...) one batch: {@link #NEGOTIATION_NEEDED} is not fired before the batch
     * returned, so they go out in one offer. This is the Java form of a browser queueing negotiationneeded
     * as a task after the script's current task: a listener of this connection is already such a task (events
     * of one connection are delivered one after another), but a change made from any other thread may race
     * the event thread's offer, e.g. an audio and a video transceiver added back to back. Batches may nest
     * and may be opened from several threads; the event waits for the last one to end.
     *
     * @throws RuntimeException whatever {@code changes} throws, after the batch ended
     */
    public void batch(Runnable changes) {
        Objects.requireNonNull(changes, "changes");
        signalingEvents.beginBatch();
        try {
            changes.run();
        } finally {
            signalingEvents.endBatch();
        }
    }

    /**
     * Sends {@code track} (any peerstack track, local or remote) in the given streams.
     *
     * @throws InvalidAccessException if a sender for the track already exists
     */
    public RTCRtpSender addTrack(MediaStreamTrack track, MediaStream... streams) {
        return media.addTrack(track, streams);
    }

    /** Stops sending {@code sender}'s track; the remote side sees the track removed after renegotiation. */
    public void removeTrack(RTCRtpSender sender) {
        media.removeTrack(sender);
    }

    /** Adds a transceiver sending {@code track} (W3C {@code addTransceiver(track, init)}). */
    public RTCRtpTransceiver addTransceiver(MediaStreamTrack track, RTCRtpTransceiverDirection direction,
                                            MediaStream... streams) {
        return media.addTransceiver(track, direction, streams);
    }

    /**
     * Adds a transceiver sending {@code track} as {@code init} says (W3C {@code addTransceiver(track, init)}):
     * with several {@link RTCRtpTransceiverInit#sendEncodings()} the sender sends simulcast (one RTP stream
     * per encoding, rids "0", "1", ... in order; see {@link RTCRtpTransceiverInit}).
     */
    public RTCRtpTransceiver addTransceiver(MediaStreamTrack track, RTCRtpTransceiverInit init) {
        return media.addTransceiver(track, init);
    }

    /**
     * Adds a transceiver of {@code kind} with no track to send (W3C {@code addTransceiver(kind, init)}),
     * e.g. {@code RECVONLY} to receive without sending; {@link RTCRtpSender#replaceTrack} can add a track
     * later without renegotiation.
     */
    public RTCRtpTransceiver addTransceiver(org.peerstack.media.MediaKind kind, RTCRtpTransceiverDirection direction,
                                            MediaStream... streams) {
        return media.addTransceiver(kind, direction, streams);
    }

    public List<RTCRtpSender> getSenders() {
        return media.senders();
    }

    public List<RTCRtpReceiver> getReceivers() {
        return remote.receivers();
    }

    public List<RTCRtpTransceiver> getTransceivers() {
        synchronized (peer.lock()) {
            if (!peer.isClosed()) {
                // Picks up transceivers a remote offer created without a track event (e.g. it only receives).
                remote.adoptTransceivers();
            }
        }
        return remote.transceivers();
    }

    // ---- data ----

    /** Creates a data channel; the remote side receives {@link #DATA_CHANNEL} unless it is negotiated out of band. */
    public RTCDataChannel createDataChannel(String label, RTCDataChannelInit init) {
        return media.createDataChannel(label, init);
    }

    public RTCDataChannel createDataChannel(String label) {
        return createDataChannel(label, RTCDataChannelInit.defaults());
    }

    // ---- state ----

    public RTCSignalingState signalingState() {
        return signalingState;
    }

    public RTCIceGatheringState iceGatheringState() {
        return iceGatheringState;
    }

    public RTCIceConnectionState iceConnectionState() {
        return iceConnectionState;
    }

    public RTCPeerConnectionState connectionState() {
        return connectionState;
    }

    /** The local description in effect (pending if there is one), or null. */
    public RTCSessionDescription localDescription() {
        return localDescription;
    }

    /** The remote description in effect (pending if there is one), or null. */
    public RTCSessionDescription remoteDescription() {
        return remoteDescription;
    }

    public RTCConfiguration getConfiguration() {
        return configuration;
    }

    /** Statistics of the whole connection. */
    public CompletableFuture<RTCStatsReport> getStats() {
        return Stats.collect(this, null);
    }

    @Override
    public <E extends Event> void addEventListener(EventType<E> type, EventListener<? super E> listener) {
        events.add(type, listener);
    }

    @Override
    public <E extends Event> void removeEventListener(EventType<E> type, EventListener<? super E> listener) {
        events.remove(type, listener);
    }

    /** W3C {@code close()}: idempotent; fires no events. */
    @Override
    public void close() {
        synchronized (peer.lock()) {
            if (!peer.markClosed()) {
                return;
            }
            Teardown.run(this, media);
            signalingState = RTCSignalingState.CLOSED;
            iceConnectionState = RTCIceConnectionState.CLOSED;
            connectionState = RTCPeerConnectionState.CLOSED;
        }
        engine.unregister(this);
    }

    public boolean isClosed() {
        return peer.isClosed();
    }

    @Override
    public String toString() {
        return "RTCPeerConnection[" + signalingState.token() + ", " + connectionState.token() + "]";
    }

    // ---- plumbing ----

    <T> CompletableFuture<T> operation(String name, Supplier<CompletableFuture<T>> body) {
        if (peer.isClosed()) {
            return CompletableFuture.failedFuture(NativePeer.closedError(name));
        }
        return operations.enqueue(() -> {
            synchronized (peer.lock()) {
                if (peer.isClosed()) {
                    return CompletableFuture.failedFuture(NativePeer.closedError(name));
                }
                return body.get();
            }
        });
    }

    /** Runs {@code body} on the executor with the native lock; the result completes on a callback thread. */
    <T> CompletableFuture<T> onExecutor(Supplier<T> body) {
        CompletableFuture<T> result = new CompletableFuture<>();
        peer.executor().execute(() -> {
            T value;
            try {
                value = peer.withLock("operation", body);
            } catch (RuntimeException e) {
                operations.callbacks().execute(() -> result.completeExceptionally(e));
                return;
            }
            operations.callbacks().execute(() -> result.complete(value));
        });
        return result;
    }

    /** A rollback restores descriptions libwebrtc knows: read them back (native reads, so never on its thread). */
    private void refreshAfterRollback() {
        synchronized (peer.lock()) {
            if (!peer.isClosed()) {
                localDescription = peer.localDescription();
                remoteDescription = peer.remoteDescription();
            }
        }
    }

    // ---- state updates, from ConnectionEvents (inline on libwebrtc's thread: field writes and queued events) ----

    /** Sets the signaling state; true if it changed (the caller fires the event). */
    boolean updateSignalingState(RTCSignalingState next) {
        if (next == signalingState) {
            return false;
        }
        signalingState = next;
        return true;
    }

    boolean updateIceGatheringState(RTCIceGatheringState next) {
        if (next == iceGatheringState) {
            return false;
        }
        iceGatheringState = next;
        return true;
    }

    boolean updateIceConnectionState(RTCIceConnectionState next) {
        if (next == iceConnectionState) {
            return false;
        }
        iceConnectionState = next;
        return true;
    }

    boolean updateConnectionState(RTCPeerConnectionState next) {
        if (next == connectionState) {
            return false;
        }
        connectionState = next;
        return true;
    }
}
