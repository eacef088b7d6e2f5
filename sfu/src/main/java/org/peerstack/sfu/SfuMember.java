package org.peerstack.sfu;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.peerstack.event.EventListener;
import org.peerstack.event.EventTarget;
import org.peerstack.event.EventType;
import org.peerstack.sfu.internal.forward.MemberSession;
import org.peerstack.sfu.internal.forward.SessionEvents;

/**
 * A room member's single peer connection with the SFU ({@link SfuRoom#join(String)}): one ICE/DTLS/SRTP
 * transport, BUNDLE and rtcp-mux, carrying what the member publishes and every track of the other
 * members, renegotiated whenever either changes. Negotiation follows W3C "perfect negotiation" with the
 * SFU as the impolite peer:
 * <ul>
 *   <li>the member offers when it publishes, stops or publishes again: {@link #acceptOffer(String)}
 *       answers; it fails with "glare" while the SFU's offer waits for an answer (the member rolls back
 *       and answers that offer; its own offer follows);</li>
 *   <li>the SFU offers when tracks of others come or go ({@link #NEGOTIATION_NEEDED}):
 *       {@link #createOffer()}, then {@link #setAnswer(String)} with the member's answer; at most one
 *       offer is outstanding.</li>
 * </ul>
 * A member that never publishes only ever answers. The m-lines keep their order and mids; an ended
 * track's m-line goes {@code inactive} and carries the next track of its kind, so the SDP does not grow
 * with every track that came and went.
 *
 * <p>Events are delivered on the peerstack event thread, in order. Methods may be called from any thread.
 */
public final class SfuMember implements EventTarget, AutoCloseable {

    /** DTLS completed: media flows. */
    public static final EventType<SfuPeerEvent> CONNECTED = EventType.of("connected", SfuPeerEvent.class);
    /** Tracks of others came or went: call {@link #createOffer()} (or {@link #createOfferIfNeeded()}). */
    public static final EventType<SfuPeerEvent> NEGOTIATION_NEEDED = EventType.of("negotiationneeded", SfuPeerEvent.class);
    /** The connection closed; the member's tracks ended. Fired once. */
    public static final EventType<SfuPeerEvent> CLOSE = EventType.of("close", SfuPeerEvent.class);

    private final SfuRoom room;
    private final String owner;
    private final PeerEvents events = new PeerEvents(this, CONNECTED, CLOSE, NEGOTIATION_NEEDED);
    private volatile MemberSession session;

    SfuMember(SfuRoom room, String owner) {
        this.room = room;
        this.owner = owner;
    }

    void bind(MemberSession session) {
        this.session = session;
    }

    SessionEvents sessionEvents() {
        return events.sessionEvents();
    }

    public String id() {
        return session.id();
    }

    /** The owner key given to {@link SfuRoom#join(String)}. */
    public String owner() {
        return owner;
    }

    public SfuRoom room() {
        return room;
    }

    /**
     * Answers the member's offer. Fails with {@link org.peerstack.exc.OperationException} "glare" (an offer of
     * the SFU is outstanding), "sdp-syntax-error" (malformed, or m-lines reordered) or "no-media".
     */
    public CompletableFuture<String> acceptOffer(String offerSdp) {
        java.util.Objects.requireNonNull(offerSdp, "offerSdp");
        MemberSession s = session;
        return room.engine().call(() -> s.acceptOffer(offerSdp));
    }

    /**
     * The SFU's offer of every negotiated m-line and every new track. Fails with
     * {@link org.peerstack.exc.InvalidStateException} while an offer is outstanding, when there is nothing to
     * offer, or when closed.
     */
    public CompletableFuture<SfuOffer> createOffer() {
        MemberSession s = session;
        return room.engine().call(() -> new SfuOffer(s.createOffer(), s.streamOwners()));
    }

    /** An offer when tracks of others came or went since the last one and none is outstanding, else empty. */
    public CompletableFuture<Optional<SfuOffer>> createOfferIfNeeded() {
        MemberSession s = session;
        return room.engine().call(() -> s.negotiationNeeded()
                ? Optional.of(new SfuOffer(s.createOffer(), s.streamOwners())) : Optional.empty());
    }

    /** Applies the member's answer to the SFU's outstanding offer. Fails "sdp-syntax-error" or InvalidState (none outstanding). */
    public CompletableFuture<Void> setAnswer(String answerSdp) {
        java.util.Objects.requireNonNull(answerSdp, "answerSdp");
        MemberSession s = session;
        return room.engine().call(() -> {
            s.setAnswer(answerSdp);
            return null;
        });
    }

    /** The tracks the member publishes now. */
    public CompletableFuture<List<SfuTrack>> tracks() {
        MemberSession s = session;
        return room.engine().call(s::published);
    }

    /** This connection's counters now. */
    public CompletableFuture<SfuPeerStats> stats() {
        MemberSession s = session;
        return room.engine().call(s::stats);
    }

    /**
     * Limits the video of track {@code trackId} (an {@link SfuTrack#id()}) this member receives to layers of at
     * most {@code width x height}; see {@link SfuSubscriber#setMaxResolution}.
     */
    public CompletableFuture<Void> setMaxResolution(String trackId, int width, int height) {
        if (width <= 0 || height <= 0) {
            return CompletableFuture.failedFuture(new org.peerstack.exc.TypeException(
                    "setMaxResolution needs a positive width and height, got " + width + "x" + height));
        }
        MemberSession s = session;
        return room.engine().call(() -> {
            s.subscriber().layerAllocator().setMaxResolution(trackId, width, height);
            return null;
        });
    }

    /** Lifts the limit {@link #setMaxResolution} set. */
    public CompletableFuture<Void> clearMaxResolution(String trackId) {
        MemberSession s = session;
        return room.engine().call(() -> {
            s.subscriber().layerAllocator().setMaxResolution(trackId, 0, 0);
            return null;
        });
    }

    /** The layers of video track {@code trackId} as this member receives them; see {@link SfuSubscriber#layers}. */
    public CompletableFuture<List<SfuLayer>> layers(String trackId) {
        MemberSession s = session;
        return room.engine().call(() -> s.subscriber().layerAllocator().layers(trackId, System.nanoTime()));
    }

    /** Completes with the reason once the connection closed. */
    public CompletableFuture<String> closed() {
        return events.closed();
    }

    @Override
    public <E extends org.peerstack.event.Event> void addEventListener(EventType<E> type, EventListener<? super E> listener) {
        events.add(type, listener);
    }

    @Override
    public <E extends org.peerstack.event.Event> void removeEventListener(EventType<E> type, EventListener<? super E> listener) {
        events.remove(type, listener);
    }

    /** Closes the connection; the member's tracks end at the others. Idempotent. */
    @Override
    public void close() {
        MemberSession s = session;
        if (s != null) {
            room.engine().execute(() -> s.close("closed by the application"));
        }
    }

    @Override
    public String toString() {
        return "SfuMember[" + (session == null ? "?" : session.id()) + ", owner=" + owner + "]";
    }
}
