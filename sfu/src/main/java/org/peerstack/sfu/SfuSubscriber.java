package org.peerstack.sfu;

import java.util.concurrent.CompletableFuture;
import org.peerstack.event.EventDispatcher;
import org.peerstack.event.EventListener;
import org.peerstack.event.EventTarget;
import org.peerstack.event.EventType;
import org.peerstack.sfu.internal.forward.SessionEvents;
import org.peerstack.sfu.internal.forward.SubscriberSession;

/**
 * One subscriber's connection to the SFU, made by {@link SfuRoom#subscribe()} (the SFU offers) or by
 * {@link SfuRoom#subscribe(String)} (the subscriber offered; {@link #answer()} is the SFU's answer and
 * there is no renegotiation). When the SFU is the offerer:
 * {@link #createOffer()} gives the SDP offer (one sendonly m-line per forwarded track), the application
 * sends it to the subscriber and hands its answer to {@link #setAnswer(String)}. When tracks are
 * published or end, {@link #NEGOTIATION_NEEDED} fires and the same two steps run again.
 *
 * <p>Events are delivered on the peerstack event thread, in order.
 */
public final class SfuSubscriber implements EventTarget, AutoCloseable {

    /** DTLS completed: media flows. */
    public static final EventType<SfuPeerEvent> CONNECTED = EventType.of("connected", SfuPeerEvent.class);
    /** Tracks came or went: call {@link #createOffer()} again. */
    public static final EventType<SfuPeerEvent> NEGOTIATION_NEEDED = EventType.of("negotiationneeded", SfuPeerEvent.class);
    /** The subscriber closed. Fired once. */
    public static final EventType<SfuPeerEvent> CLOSE = EventType.of("close", SfuPeerEvent.class);

    private final SfuRoom room;
    private final EventDispatcher events = new EventDispatcher();
    private final CompletableFuture<String> closed = new CompletableFuture<>();
    private volatile SubscriberSession session;

    SfuSubscriber(SfuRoom room) {
        this.room = room;
    }

    void bind(SubscriberSession session) {
        this.session = session;
    }

    SessionEvents sessionEvents() {
        return new SessionEvents() {
            @Override
            public void connected() {
                events.dispatch(new SfuPeerEvent(CONNECTED, SfuSubscriber.this, ""));
            }

            @Override
            public void closed(String reason) {
                events.dispatch(new SfuPeerEvent(CLOSE, SfuSubscriber.this, reason));
                closed.complete(reason);
            }

            @Override
            public void negotiationNeeded() {
                events.dispatch(new SfuPeerEvent(NEGOTIATION_NEEDED, SfuSubscriber.this, ""));
            }
        };
    }

    public String id() {
        return session.id();
    }

    public SfuRoom room() {
        return room;
    }

    /**
     * The subscriber's estimate of the bandwidth it can receive (W3C {@code availableIncomingBitrate} of its
     * candidate pair), from its last REMB, in bits per second; empty before one arrived or when it sends
     * none. A subscriber forwarding layer choice can cap on it.
     */
    public java.util.OptionalLong availableIncomingBitrate() {
        SubscriberSession s = session;
        long estimate = s == null ? -1 : s.remoteBitrateEstimate();
        return estimate < 0 ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(estimate);
    }

    /** The SFU's answer when the subscriber made the offer ({@link SfuRoom#subscribe(String)}), else null. */
    public String answer() {
        return session.answer();
    }

    /**
     * An SDP offer with every track the subscriber should receive (tracks that ended: port 0).
     * Fails with {@link org.peerstack.exc.InvalidStateException} when closed or when nothing is published.
     */
    public CompletableFuture<String> createOffer() {
        return room.engine().call(() -> room.state().createOffer(session));
    }

    /**
     * Applies the subscriber's answer to the last offer. Fails with
     * {@link org.peerstack.exc.OperationException} ("sdp-syntax-error") for malformed SDP.
     */
    public CompletableFuture<Void> setAnswer(String answerSdp) {
        return room.engine().call(() -> {
            room.state().setAnswer(session, answerSdp);
            return null;
        });
    }

    /** This connection's counters now; fails with {@link org.peerstack.exc.InvalidStateException} when the SFU is closed. */
    public CompletableFuture<SfuPeerStats> stats() {
        SubscriberSession s = session;
        return room.engine().call(s::stats);
    }

    /** Completes with the reason once the subscriber closed. */
    public CompletableFuture<String> closed() {
        return closed.copy();
    }

    /**
     * ICE restart (RFC 8445 §9; WHIP's PATCH with {@code If-Match: "*"}, RFC 9725 §4.3.2): the remote's new
     * {@code usernameFragment} and {@code password} replace the old ones, the SFU takes new ones (the result,
     * for the remote) and selects the address the remote's next nominated check comes from. DTLS and SRTP
     * state are kept: media resumes on the new credentials and address. Fails with
     * {@link org.peerstack.exc.OperationException} "sdp-syntax-error" for credentials RFC 8839 forbids and
     * {@link org.peerstack.exc.InvalidStateException} when closed.
     */
    public CompletableFuture<SfuIceParameters> restartIce(String remoteUsernameFragment, String remotePassword) {
        SubscriberSession s = session;
        return room.engine().call(() -> room.state().restartIce(s, remoteUsernameFragment, remotePassword));
    }

    @Override
    public <E extends org.peerstack.event.Event> void addEventListener(EventType<E> type, EventListener<? super E> listener) {
        events.add(type, listener);
    }

    @Override
    public <E extends org.peerstack.event.Event> void removeEventListener(EventType<E> type, EventListener<? super E> listener) {
        events.remove(type, listener);
    }

    /** Closes the connection; nothing else in the room changes. Idempotent. */
    @Override
    public void close() {
        SubscriberSession s = session;
        if (s != null) {
            room.engine().execute(() -> room.state().close(s, "closed by the application"));
        }
    }

    @Override
    public String toString() {
        return "SfuSubscriber[" + (session == null ? "?" : session.id()) + "]";
    }
}
