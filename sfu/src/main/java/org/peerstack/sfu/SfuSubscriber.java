package org.peerstack.sfu;

import java.util.concurrent.CompletableFuture;
import org.peerstack.event.EventDispatcher;
import org.peerstack.event.EventListener;
import org.peerstack.event.EventTarget;
import org.peerstack.event.EventType;
import org.peerstack.sfu.internal.forward.SessionEvents;
import org.peerstack.sfu.internal.forward.SubscriberSession;

/**
 * One subscriber's connection to the SFU, made by {@link SfuRoom#subscribe()}. The SFU is the offerer:
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
        return closed.copy();
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
