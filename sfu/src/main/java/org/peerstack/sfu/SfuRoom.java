package org.peerstack.sfu;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.peerstack.event.EventDispatcher;
import org.peerstack.event.EventListener;
import org.peerstack.event.EventTarget;
import org.peerstack.event.EventType;
import org.peerstack.sfu.internal.forward.MediaEngine;
import org.peerstack.sfu.internal.forward.RoomState;

/**
 * A room of an {@link SfuServer}: every track a publisher sends is forwarded, without re-encoding, to
 * every subscriber (except the publishers a subscriber excluded, usually its own member's).
 *
 * <p>Events ({@link #TRACK_ADDED}, {@link #TRACK_REMOVED}) are delivered on the peerstack event thread.
 * All methods may be called from any thread; the work runs on the SFU's media thread.
 */
public final class SfuRoom implements EventTarget, AutoCloseable {

    public static final EventType<SfuTrackEvent> TRACK_ADDED = EventType.of("trackadded", SfuTrackEvent.class);
    public static final EventType<SfuTrackEvent> TRACK_REMOVED = EventType.of("trackremoved", SfuTrackEvent.class);

    private final SfuServer server;
    private final MediaEngine engine;
    private final RoomState state;
    private final EventDispatcher events = new EventDispatcher();

    SfuRoom(SfuServer server, MediaEngine engine, String id) {
        this.server = server;
        this.engine = engine;
        this.state = new RoomState(engine, id, new RoomState.Listener() {
            @Override
            public void trackAdded(SfuTrack track) {
                events.dispatch(new SfuTrackEvent(TRACK_ADDED, SfuRoom.this, track));
            }

            @Override
            public void trackRemoved(SfuTrack track) {
                events.dispatch(new SfuTrackEvent(TRACK_REMOVED, SfuRoom.this, track));
            }
        });
    }

    MediaEngine engine() {
        return engine;
    }

    RoomState state() {
        return state;
    }

    public String id() {
        return state.id();
    }

    /**
     * Answers a publisher's SDP offer. The future fails with {@link org.peerstack.exc.OperationException}
     * for malformed SDP ("sdp-syntax-error"), an offer with nothing forwardable ("no-media"), or too many
     * peers ("too-many-peers").
     */
    public CompletableFuture<SfuPublisher> publish(String offerSdp) {
        return publish(offerSdp, null);
    }

    /**
     * As {@link #publish(String)} for an application-level owner (e.g. a signaling room's member): the
     * tracks are never forwarded to subscribers made by {@link #subscribeFor(String)} with the same owner,
     * whichever of the two came first.
     *
     * @param offerSdp the publisher's offer
     * @param owner    the owner key, or null for none
     */
    public CompletableFuture<SfuPublisher> publish(String offerSdp, String owner) {
        SfuPublisher publisher = new SfuPublisher(this);
        return engine.call(() -> {
            publisher.bind(state.publish(offerSdp, publisher.sessionEvents(), owner));
            return publisher;
        });
    }

    /**
     * A subscriber of every track of the room, now and later, except those published with the same
     * {@code owner} ({@link #publish(String, String)}): a member never receives its own tracks.
     *
     * @param owner the owner key (not null)
     */
    public CompletableFuture<SfuSubscriber> subscribeFor(String owner) {
        java.util.Objects.requireNonNull(owner, "owner");
        SfuSubscriber subscriber = new SfuSubscriber(this);
        return engine.call(() -> {
            subscriber.bind(state.subscribe(Set.of(), subscriber.sessionEvents(), owner));
            return subscriber;
        });
    }

    /**
     * A member of the room on one peer connection ({@link SfuMember}): it publishes on it and receives every
     * track of the room, now and later, except those of members with the same {@code owner} key (its own,
     * and those of {@link #publish(String, String)} with that owner). Nothing is negotiated yet.
     *
     * @param owner the member's owner key (e.g. its signaling peer id; not null)
     */
    public CompletableFuture<SfuMember> join(String owner) {
        java.util.Objects.requireNonNull(owner, "owner");
        SfuMember member = new SfuMember(this, owner);
        return engine.call(() -> {
            member.bind(state.join(owner, member.sessionEvents()));
            return member;
        });
    }

    /** A subscriber of every track of the room, now and later. */
    public CompletableFuture<SfuSubscriber> subscribe() {
        return subscribe(Set.of());
    }

    /** A subscriber of every track except those of the publishers whose ids are in {@code excludedPublisherIds}. */
    public CompletableFuture<SfuSubscriber> subscribe(Set<String> excludedPublisherIds) {
        SfuSubscriber subscriber = new SfuSubscriber(this);
        Set<String> excluded = Set.copyOf(excludedPublisherIds);
        return engine.call(() -> {
            subscriber.bind(state.subscribe(excluded, subscriber.sessionEvents()));
            return subscriber;
        });
    }

    /**
     * A subscriber that makes its own offer (the client-offer flow of WHEP): the SFU answers it
     * ({@link SfuSubscriber#answer()}) with one sendonly m-line per recvonly/sendrecv audio or video m-line
     * of the offer that shares a codec with what the SFU forwards (others are rejected). The room's
     * tracks, now and later, are forwarded on the m-lines of their kind and codec; when a track ends, the
     * next one of that kind continues on the same m-line (no renegotiation). The future fails with
     * {@link org.peerstack.exc.OperationException} "sdp-syntax-error" or "no-media" (nothing to answer).
     */
    public CompletableFuture<SfuSubscriber> subscribe(String offerSdp) {
        return subscribe(offerSdp, Set.of());
    }

    /** {@link #subscribe(String)}, except the tracks of the publishers whose ids are in {@code excludedPublisherIds}. */
    public CompletableFuture<SfuSubscriber> subscribe(String offerSdp, Set<String> excludedPublisherIds) {
        java.util.Objects.requireNonNull(offerSdp, "offerSdp");
        SfuSubscriber subscriber = new SfuSubscriber(this);
        Set<String> excluded = Set.copyOf(excludedPublisherIds);
        return engine.call(() -> {
            subscriber.bind(state.subscribe(offerSdp, excluded, subscriber.sessionEvents()));
            return subscriber;
        });
    }

    /** The tracks published now. */
    public CompletableFuture<List<SfuTrack>> tracks() {
        return engine.call(state::tracks);
    }

    /**
     * Attaches {@code listener} to the published track {@code trackId} ({@link SfuTrack#id()}): it receives
     * the track's decrypted RTP packets on the media thread (see {@link SfuRtpListener}). The future fails
     * with {@link org.peerstack.exc.OperationException} "no-such-track" when the room has no such track.
     */
    public CompletableFuture<SfuTap> tap(String trackId, SfuRtpListener listener) {
        java.util.Objects.requireNonNull(trackId, "trackId");
        java.util.Objects.requireNonNull(listener, "listener");
        return engine.call(() -> new SfuTap(engine, state, state.addTap(trackId, listener), listener));
    }

    @Override
    public <E extends org.peerstack.event.Event> void addEventListener(EventType<E> type, EventListener<? super E> listener) {
        events.add(type, listener);
    }

    @Override
    public <E extends org.peerstack.event.Event> void removeEventListener(EventType<E> type, EventListener<? super E> listener) {
        events.remove(type, listener);
    }

    /** Closes every publisher and subscriber of the room and removes it from the server. Idempotent. */
    @Override
    public void close() {
        engine.execute(state::close);
        server.forget(this);
    }

    @Override
    public String toString() {
        return "SfuRoom[" + id() + "]";
    }
}
