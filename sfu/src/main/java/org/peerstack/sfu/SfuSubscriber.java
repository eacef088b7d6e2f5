package org.peerstack.sfu;

import java.util.concurrent.CompletableFuture;
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
    private final PeerEvents events = new PeerEvents(this, CONNECTED, CLOSE, NEGOTIATION_NEEDED);
    private volatile SubscriberSession session;

    SfuSubscriber(SfuRoom room) {
        this.room = room;
    }

    void bind(SubscriberSession session) {
        this.session = session;
    }

    SessionEvents sessionEvents() {
        return events.sessionEvents();
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
     * none. Only subscribers that made the offer ({@link SfuRoom#subscribe(String)}) are answered
     * {@code goog-remb} and send REMB. A forwarding layer choice can cap on it.
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

    /**
     * Limits the video of track {@code trackId} (an {@link SfuTrack#id()}) that this subscriber receives to
     * layers of at most {@code width x height} pixels: of a simulcast track the SFU forwards the largest
     * layer that fits (the smallest when none does), switching at that layer's next keyframe. Like
     * {@code scaleResolutionDownBy} in reverse, it is a preference: the subscriber's bandwidth estimate may
     * lower the layer further. No effect on a track without simulcast. Fails with
     * {@link org.peerstack.exc.TypeException} for a non-positive size and
     * {@link org.peerstack.exc.OperationException} ("no-such-track") for a video track this subscriber does
     * not receive.
     */
    public CompletableFuture<Void> setMaxResolution(String trackId, int width, int height) {
        if (width <= 0 || height <= 0) {
            return CompletableFuture.failedFuture(new org.peerstack.exc.TypeException(
                    "setMaxResolution needs a positive width and height, got " + width + "x" + height));
        }
        return room.engine().call(() -> {
            session.layerAllocator().setMaxResolution(trackId, width, height);
            return null;
        });
    }

    /** Lifts the limit {@link #setMaxResolution} set: the largest layer the bandwidth allows is forwarded. */
    public CompletableFuture<Void> clearMaxResolution(String trackId) {
        return room.engine().call(() -> {
            session.layerAllocator().setMaxResolution(trackId, 0, 0);
            return null;
        });
    }

    /**
     * The layers of video track {@code trackId} as this subscriber sees them: for each its rid, frame size,
     * bitrate, whether the publisher sends it and whether this subscriber gets it (one entry for a track
     * without simulcast). Fails with {@link org.peerstack.exc.OperationException} ("no-such-track").
     */
    public CompletableFuture<java.util.List<SfuLayer>> layers(String trackId) {
        return room.engine().call(() -> session.layerAllocator().layers(trackId, System.nanoTime()));
    }

    /** Completes with the reason once the subscriber closed. */
    public CompletableFuture<String> closed() {
        return events.closed();
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
