package org.peerstack.signaling.server.whip;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.peerstack.sfu.SfuPublisher;
import org.peerstack.sfu.SfuRoom;
import org.peerstack.sfu.SfuServer;
import org.peerstack.sfu.SfuSubscriber;

/**
 * The WHIP and WHEP sessions of one server, by session id, and each stream's single publisher slot.
 * A stream is the SFU room of the same name; it has at most one WHIP publisher at a time. When that
 * publisher ends (DELETE, DTLS close, consent timeout), the stream's server-offer WHEP sessions are
 * closed too (such a player cannot be sent a new offer over HTTP, so it POSTs again and gets 409 until a
 * publisher is back); client-offer players stay and receive the next publisher on the same m-lines. The
 * stream's SFU room is closed when no session of the stream is left. Thread-safe: HTTP event loops and the SFU's event thread call it.
 */
final class StreamSessions implements AutoCloseable {

    /** One session: a WHIP publisher or a WHEP subscriber of {@code stream}. */
    static final class Session {
        final String id;
        final String stream;
        final boolean whip;
        volatile SfuPublisher publisher;
        volatile SfuSubscriber subscriber;
        volatile String etag;
        /** The SDP sent in the 201 (answer or offer). */
        volatile String localSdp;
        /** WHEP: the player's answer has been applied. */
        volatile boolean answered;
        /** WHEP: the player made the offer (client-offer flow); it outlives the stream's publishers. */
        final boolean clientOffer;
        /** The peer connected (SFU CONNECTED event). */
        volatile boolean connected;

        Session(String id, String stream, boolean whip, String etag, boolean clientOffer) {
            this.id = id;
            this.stream = stream;
            this.whip = whip;
            this.etag = etag;
            this.clientOffer = clientOffer;
            this.answered = clientOffer;
        }

        void close() {
            if (publisher != null) {
                publisher.close();
            }
            if (subscriber != null) {
                subscriber.close();
            }
        }
    }

    private final SfuServer sfu;
    private final int maxSessions;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    /** Stream name → the session holding its publisher slot (reserved before the SFU answers). */
    private final Map<String, Session> publishers = new ConcurrentHashMap<>();

    StreamSessions(SfuServer sfu, int maxSessions) {
        this.sfu = sfu;
        this.maxSessions = maxSessions;
    }

    SfuServer sfu() {
        return sfu;
    }

    /** A new unguessable id (128 random bits, base64url), also used as an entity tag. */
    String newId() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether another session fits under {@code sfu.max-sessions}. */
    boolean full() {
        return sessions.size() >= maxSessions;
    }

    /** Reserves {@code stream}'s publisher slot; empty when it has a publisher already. */
    synchronized Optional<Session> reservePublisher(String stream) {
        if (publishers.containsKey(stream)) {
            return Optional.empty();
        }
        Session s = new Session(newId(), stream, true, newId(), false);
        publishers.put(stream, s);
        sessions.put(s.id, s);
        return Optional.of(s);
    }

    /** Whether {@code stream} has a publisher the SFU has accepted. */
    boolean published(String stream) {
        Session s = publishers.get(stream);
        return s != null && s.publisher != null;
    }

    Session addPlayer(String stream, boolean clientOffer) {
        Session s = new Session(newId(), stream, false, newId(), clientOffer);
        sessions.put(s.id, s);
        return s;
    }

    Optional<Session> get(String id) {
        return Optional.ofNullable(sessions.get(id));
    }

    /**
     * Ends {@code session}. A publisher's end also ends its stream's server-offer players (they cannot be
     * sent a new offer); client-offer players stay, and the next publisher's tracks continue on their
     * m-lines. A stream's SFU room is closed once it has neither a publisher nor a player. Idempotent.
     */
    void end(Session session) {
        if (sessions.remove(session.id) == null) {
            return;
        }
        session.close();
        if (session.whip) {
            List<Session> players = sessions.values().stream()
                    .filter(p -> !p.whip && !p.clientOffer && p.stream.equals(session.stream)).toList();
            players.forEach(this::end);
            synchronized (this) {
                publishers.remove(session.stream, session);
            }
        }
        closeRoomIfUnused(session.stream);
    }

    /** Closes {@code stream}'s SFU room when no session uses it (a later publisher gets a fresh one). */
    private synchronized void closeRoomIfUnused(String stream) {
        if (publishers.containsKey(stream) || sessions.values().stream().anyMatch(s -> s.stream.equals(stream))) {
            return;
        }
        sfu.rooms().stream().filter(r -> r.id().equals(stream)).forEach(SfuRoom::close);
    }

    int size() {
        return sessions.size();
    }

    @Override
    public void close() {
        List.copyOf(sessions.values()).forEach(this::end);
    }
}
