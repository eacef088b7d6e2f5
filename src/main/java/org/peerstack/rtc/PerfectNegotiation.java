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
     * @param sendDescription  sends an offer or answer to the remote peer
     * @param sendCandidate    sends a local ICE candidate to the remote peer
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
            makingOffer = true;
            offered = pc.setLocalDescription();
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
            }
        });
    }

    /** Applies a description from the remote peer (an offer or an answer), in arrival order. */
    public synchronized CompletableFuture<Void> onRemoteDescription(RTCSessionDescription description) {
        Objects.requireNonNull(description, "description");
        incoming = incoming.handle((v, e) -> null).thenCompose(v -> apply(description));
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

    private synchronized CompletableFuture<Void> apply(RTCSessionDescription description) {
        boolean offer = description.type() == RTCSdpType.OFFER;
        RTCSignalingState state = pc.signalingState();
        boolean collision = offer && (makingOffer || state != RTCSignalingState.STABLE);
        ignoreOffer = !polite && collision;
        LOG.debug("remote {} in {} (making an offer: {}, polite: {}): {}", description.type(), state, makingOffer, polite,
                ignoreOffer ? "ignored" : collision ? "rolling back our offer" : "applying");
        if (ignoreOffer) {
            return CompletableFuture.completedFuture(null);
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
        return applied.thenRun(this::runBeforeAnswer).thenCompose(v -> pc.setLocalDescription())
                .thenRun(() -> sendDescription.accept(pc.localDescription()));
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
