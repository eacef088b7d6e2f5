package org.peerstack.sfu;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.peerstack.event.EventListener;
import org.peerstack.event.EventTarget;
import org.peerstack.event.EventType;
import org.peerstack.sfu.internal.forward.PublisherSession;
import org.peerstack.sfu.internal.forward.SessionEvents;

/**
 * One publisher's connection to the SFU: made by {@link SfuRoom#publish(String)} from the publisher's
 * offer; {@link #answer()} is the SDP to send back. Its tracks are forwarded to the room's subscribers
 * until it closes: by {@link #close()}, by the remote (DTLS close_notify), by ICE consent expiry.
 *
 * <p>Events ({@link #CONNECTED}, {@link #CLOSE}) are delivered on the peerstack event thread, in order.
 */
public final class SfuPublisher implements EventTarget, AutoCloseable {

    /** DTLS completed: media flows. */
    public static final EventType<SfuPeerEvent> CONNECTED = EventType.of("connected", SfuPeerEvent.class);
    /** The publisher closed; its tracks ended. Fired once. */
    public static final EventType<SfuPeerEvent> CLOSE = EventType.of("close", SfuPeerEvent.class);

    private final SfuRoom room;
    private final PeerEvents events = new PeerEvents(this, CONNECTED, CLOSE, null);
    private volatile PublisherSession session;
    private volatile List<SfuTrack> tracks = List.of();

    SfuPublisher(SfuRoom room) {
        this.room = room;
    }

    void bind(PublisherSession session) {
        this.session = session;
        this.tracks = session.trackInfos();
    }

    SessionEvents sessionEvents() {
        return events.sessionEvents();
    }

    /** Unique within the server. */
    public String id() {
        return session.id();
    }

    /** The SDP answer to the publisher's offer. */
    public String answer() {
        return session.answer();
    }

    /** This connection's counters now; fails with {@link org.peerstack.exc.InvalidStateException} when the SFU is closed. */
    public CompletableFuture<SfuPeerStats> stats() {
        PublisherSession s = session;
        return room.engine().call(s::stats);
    }

    /** The tracks this publisher sends. */
    public List<SfuTrack> tracks() {
        return tracks;
    }

    public SfuRoom room() {
        return room;
    }

    /** Completes with the reason once the publisher closed. */
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
        PublisherSession s = session;
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

    /** Closes the connection (DTLS close_notify); subscribers' copies of its tracks end. Idempotent. */
    @Override
    public void close() {
        PublisherSession s = session;
        if (s != null) {
            room.engine().execute(() -> room.state().close(s, "closed by the application"));
        }
    }

    @Override
    public String toString() {
        return "SfuPublisher[" + (session == null ? "?" : session.id()) + ", tracks=" + tracks.size() + "]";
    }
}
