package org.peerstack.rtc;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.peerstack.event.EventDispatcher;
import org.peerstack.event.EventListener;
import org.peerstack.event.EventTarget;
import org.peerstack.event.EventType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The W3C "perfect negotiation" pattern as a helper: both peers may renegotiate at any time (add a
 * track, restart ICE) and offer glare resolves itself. One peer is <em>polite</em> (it rolls back its own
 * offer when offers collide), the other <em>impolite</em> (it ignores the colliding offer). Decide the
 * roles out of band, e.g. the peer that joined a room later is polite.
 *
 * <pre>{@code
 * PerfectNegotiation negotiation = PerfectNegotiation.attach(pc, polite, signaling::sendDescription,
 *         signaling::sendCandidate);
 * // from the signaling channel:
 * negotiation.onRemoteDescription(description);
 * negotiation.onRemoteCandidate(candidate);
 * }</pre>
 *
 * <p>It listens to {@code negotiationneeded} (creates and sends an offer) and {@code icecandidate}
 * (sends candidates). Explicit rollback is used because webrtc-java does not expose libwebrtc's
 * implicit-rollback option. Every method returns at once; the returned futures tell when an incoming
 * message has been applied.
 *
 * <p>Order guarantee: each local ICE candidate ({@code sendCandidate}) is handed out after the offer or
 * answer whose setLocalDescription gathered it ({@code sendDescription} returned), in the order the
 * connection fired them: the connection's {@code icecandidate} events are held from before that
 * setLocalDescription until the description was handed out (or could not be made). Candidates therefore
 * never reach the remote peer before the description they belong to, provided the signaling channel keeps
 * the order of the calls, as a WebSocket does. An end-of-candidates marker
 * ({@link RTCIceCandidate#isEndOfCandidates()}) takes the same path; the event that ends gathering carries
 * no candidate and is not passed to {@code sendCandidate}.
 *
 * <p>An answer is sent before any offer this side makes after it. After a glare the
 * polite side answers the other offer first and then offers its own changes (a {@code negotiationneeded}
 * delivered while it answers, or while an offer of its own is on its way, makes no second offer: the
 * event comes again once the connection is {@code stable}). The remote side must then take an offer that
 * arrives while it is still applying the answer before it as no collision (W3C's
 * {@code isSettingRemoteAnswerPending}; this class applies incoming descriptions one after another, so
 * it does). Remote descriptions are applied on a peerstack callback thread.
 *
 * <p>A remote description that cannot be applied (libwebrtc refuses it) fires {@link #ERROR} once, besides
 * failing the future: the remote peer then waits for an answer that will not come, so the application
 * must act (tell the peer, hang up). An offer ignored on glare by the impolite side is not an error.
 */
public final class PerfectNegotiation implements EventTarget {

    /** A remote description was refused, or the answer to it could not be made. */
    public static final EventType<NegotiationErrorEvent> ERROR = EventType.of("error", NegotiationErrorEvent.class);

    private static final Logger LOG = LoggerFactory.getLogger(PerfectNegotiation.class);

    private final RTCPeerConnection pc;
    private final boolean polite;
    private final Consumer<RTCSessionDescription> sendDescription;
    private final EventDispatcher events;
    private volatile Runnable beforeAnswer = () -> { };
    private volatile boolean makingOffer;
    private volatile boolean ignoreOffer;
    /** A remote offer passed the collision check and its answer is not sent yet; written under {@code this}. */
    private volatile boolean answering;
    /** negotiate() skipped an offer while {@link #answering}; guarded by {@code this}. */
    private boolean skippedWhileAnswering;
    private CompletableFuture<Void> incoming = CompletableFuture.completedFuture(null);

    private PerfectNegotiation(RTCPeerConnection pc, boolean polite, Consumer<RTCSessionDescription> sendDescription) {
        this.pc = pc;
        this.polite = polite;
        this.sendDescription = sendDescription;
        this.events = new EventDispatcher(pc.engine.options().eventLoop());
    }

    /**
     * Starts negotiating {@code pc} over the given signaling callbacks.
     *
     * @param polite           whether this side yields on glare
     * @param sendDescription  sends an offer or answer to the remote peer; called on a peerstack callback or
     *                         event thread, it should hand the description over and return (the connection's
     *                         candidates wait for it)
     * @param sendCandidate    sends a local ICE candidate to the remote peer; called on the connection's event
     *                         thread, after the description the candidate belongs to was handed over
     */
    public static PerfectNegotiation attach(RTCPeerConnection pc, boolean polite,
                                            Consumer<RTCSessionDescription> sendDescription,
                                            Consumer<RTCIceCandidate> sendCandidate) {
        Objects.requireNonNull(sendCandidate, "sendCandidate");
        PerfectNegotiation negotiation = new PerfectNegotiation(Objects.requireNonNull(pc, "pc"), polite,
                Objects.requireNonNull(sendDescription, "sendDescription"));
        pc.addEventListener(RTCPeerConnection.NEGOTIATION_NEEDED, e -> negotiation.negotiate());
        pc.addEventListener(RTCPeerConnection.ICE_CANDIDATE, e -> e.candidate().ifPresent(sendCandidate));
        return negotiation;
    }

    public boolean isPolite() {
        return polite;
    }

    /**
     * {@code hook} runs each time a remote offer has been applied, before the answer is created: add the
     * tracks to answer with there, as browser answerers do between {@code setRemoteDescription} and
     * {@code setLocalDescription}, and one offer/answer sets the call up (a track added after the answer
     * needs a second offer). It runs on a peerstack callback thread; an exception it throws is logged and
     * the answer is made anyway.
     */
    public void beforeAnswer(Runnable hook) {
        this.beforeAnswer = Objects.requireNonNull(hook, "hook");
    }

    private void negotiate() {
        CompletableFuture<Void> offered;
        // Atomic with apply()'s collision check: once makingOffer is seen true, this offer is already in
        // the operations chain, so a rollback queued by apply() runs after it (in JavaScript both run on
        // one thread; here the wire and the event thread race, and a rollback queued first failed in
        // "stable", dropping the remote offer and leaving both peers in have-local-offer for ever).
        synchronized (this) {
            // W3C fires negotiationneeded in a task that re-checks "stable" just before the listener runs;
            // here the event was queued while stable and idle, but a remote offer may have been taken in
            // since (its setRemoteDescription queued or done). An offer now would be queued behind it and
            // turn into a second answer. Skip: libwebrtc reports the need again once the answer has made
            // the connection stable (SignalingEvents), so our changes go out in the next offer, after the
            // answer.
            RTCSignalingState state = pc.signalingState();
            if (makingOffer) {
                // A second event while our offer is on its way (one re-asked after an answer, one reported
                // by libwebrtc): that offer holds every change made before it; later ones are reported
                // again when its answer makes the connection stable.
                LOG.debug("negotiationneeded while making an offer: nothing to do (polite: {})", polite);
                return;
            }
            if (answering || state != RTCSignalingState.STABLE) {
                LOG.debug("negotiationneeded in {} (answering a remote offer: {}): offering after it (polite: {})",
                        state, answering, polite);
                skippedWhileAnswering = true;
                return;
            }
            makingOffer = true;
            offered = describe();
        }
        LOG.debug("negotiationneeded: making an offer (polite: {})", polite);
        offered.whenComplete((v, error) -> {
            try {
                if (error == null && pc.localDescription() != null) {
                    sendDescription.accept(pc.localDescription());
                } else if (error != null) {
                    LOG.debug("offer abandoned: {}", error.toString());
                }
            } finally {
                makingOffer = false;
                pc.signalingEvents.releaseCandidates();
            }
        });
    }

    /**
     * {@code setLocalDescription()} with the connection's {@code icecandidate} events held until the caller
     * releases them, after it handed the description to the signaling channel (or gave up): the stage that
     * sends it may run after the operations chain went idle, which alone releases the candidates.
     */
    private CompletableFuture<Void> describe() {
        pc.signalingEvents.holdCandidates();
        try {
            return pc.setLocalDescription();
        } catch (RuntimeException e) {
            pc.signalingEvents.releaseCandidates();
            throw e;
        }
    }

    /** Makes the answer to the applied remote offer and hands it to the signaling channel. */
    private CompletableFuture<Void> answer() {
        return describe().thenRun(() -> sendDescription.accept(pc.localDescription()))
                .whenComplete((v, error) -> pc.signalingEvents.releaseCandidates());
    }

    /** Applies a description from the remote peer (an offer or an answer), in arrival order. */
    public synchronized CompletableFuture<Void> onRemoteDescription(RTCSessionDescription description) {
        Objects.requireNonNull(description, "description");
        // Applied on a callback thread, never under this object's lock: the before-answer hook (user code)
        // may run inline in apply(), and negotiate() must not wait for it.
        incoming = incoming.handle((v, e) -> null).thenComposeAsync(v -> apply(description), pc.operations.callbacks());
        return incoming.whenComplete((v, error) -> {
            if (error != null && !pc.isClosed()) {
                Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                        ? error.getCause() : error;
                LOG.warn("remote {} not applied: {}", description.type(), cause.toString());
                events.dispatch(new NegotiationErrorEvent(ERROR, this, description.type(), cause));
            }
        });
    }

    @Override
    public <E extends org.peerstack.event.Event> void addEventListener(EventType<E> type,
                                                                       EventListener<? super E> listener) {
        events.add(type, listener);
    }

    @Override
    public <E extends org.peerstack.event.Event> void removeEventListener(EventType<E> type,
                                                                          EventListener<? super E> listener) {
        events.remove(type, listener);
    }

    private CompletableFuture<Void> apply(RTCSessionDescription description) {
        boolean offer = description.type() == RTCSdpType.OFFER;
        boolean collision;
        // The decision is atomic with negotiate(): an offer it makes from now on sees "answering" and waits.
        synchronized (this) {
            RTCSignalingState state = pc.signalingState();
            collision = offer && (makingOffer || state != RTCSignalingState.STABLE);
            ignoreOffer = !polite && collision;
            LOG.debug("remote {} in {} (making an offer: {}, polite: {}): {}", description.type(), state, makingOffer,
                    polite, ignoreOffer ? "ignored" : collision ? "rolling back our offer" : "applying");
            if (ignoreOffer) {
                return CompletableFuture.completedFuture(null);
            }
            if (offer) {
                answering = true;
            }
        }
        // A rollback that finds nothing to roll back (our offer failed meanwhile) is not a reason to drop
        // the remote offer: go on with it.
        CompletableFuture<Void> ready = collision
                ? pc.setLocalDescription(RTCSessionDescription.rollback()).handle((v, e) -> null)
                : CompletableFuture.completedFuture(null);
        CompletableFuture<Void> applied = ready.thenCompose(v -> pc.setRemoteDescription(description));
        if (!offer) {
            return applied;
        }
        // The answer is sent in the stages of its setLocalDescription. Those usually run before the operations
        // chain is idle again, but a stage attached after the operation completed runs later, on this thread:
        // often, as libwebrtc completes setRemoteDescription before its blocking call returns here. Then
        // negotiationneeded may have fired ("answering" holds negotiate() back until the answer is out, so it
        // always goes before the next offer) and the chain no longer holds the candidates (answer() does).
        return applied.thenRun(this::runBeforeAnswer).thenCompose(v -> answer())
                .whenComplete((v, error) -> answered(error));
    }

    /** The answer went out, or the remote offer failed (then no return to stable re-reports the need). */
    private synchronized void answered(Throwable error) {
        answering = false;
        if (skippedWhileAnswering && !pc.isClosed()) {
            // The event we skipped may have been libwebrtc's report after this very answer (the chain can go
            // idle before the stages that send the answer ran), or the offer failed and no return to
            // stable re-reports: either way ask for the event again.
            pc.signalingEvents.negotiationNeededAgain();
        }
        skippedWhileAnswering = false;
    }

    private void runBeforeAnswer() {
        try {
            beforeAnswer.run();
        } catch (RuntimeException e) {
            LOG.warn("before-answer hook failed: {}", e.toString());
        }
    }

    /** Adds a candidate from the remote peer; failures are ignored while a colliding offer is ignored. */
    public synchronized CompletableFuture<Void> onRemoteCandidate(RTCIceCandidate candidate) {
        incoming = incoming.handle((v, e) -> null).thenCompose(v -> pc.addIceCandidate(candidate)
                .exceptionally(error -> {
                    if (!ignoreOffer) {
                        LOG.warn("remote candidate rejected: {}", error.toString());
                    }
                    return null;
                }));
        return incoming;
    }
}
