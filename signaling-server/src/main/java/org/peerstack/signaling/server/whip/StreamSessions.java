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
 * publisher ends (DELETE, DTLS close, consent timeout), the stream's WHEP sessions are closed too: a
 * WHEP player cannot be sent a new offer over HTTP, so it POSTs again (and gets 409 until a publisher
 * is back), and the stream's SFU room is closed. Thread-safe: HTTP event loops and the SFU's event thread call it.
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
        /** WHEP: the player's answer has been applied. */
        volatile boolean answered;
        /** The peer connected (SFU CONNECTED event). */
        volatile boolean connected;

        Session(String id, String stream, boolean whip, String etag) {
            this.id = id;
            this.stream = stream;
            this.whip = whip;
            this.etag = etag;
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
        Session s = new Session(newId(), stream, true, newId());
        publishers.put(stream, s);
        sessions.put(s.id, s);
        return Optional.of(s);
    }

    /** Whether {@code stream} has a publisher the SFU has accepted. */
    boolean published(String stream) {
        Session s = publishers.get(stream);
        return s != null && s.publisher != null;
    }

    Session addPlayer(String stream) {
        Session s = new Session(newId(), stream, false, newId());
        sessions.put(s.id, s);
        return s;
    }

    Optional<Session> get(String id) {
        return Optional.ofNullable(sessions.get(id));
    }

    /** Ends {@code session}; a publisher's end also ends its stream's players. Idempotent. */
    void end(Session session) {
        if (sessions.remove(session.id) == null) {
            return;
        }
        session.close();
        if (session.whip) {
            List<Session> players = sessions.values().stream()
                    .filter(p -> !p.whip && p.stream.equals(session.stream)).toList();
            players.forEach(this::end);
            synchronized (this) {
                if (publishers.remove(session.stream, session)) {
                    // the stream's SFU room goes with its publisher (a refused offer leaves no room behind);
                    // a later publisher of the stream gets a fresh one
                    sfu.rooms().stream().filter(r -> r.id().equals(session.stream)).forEach(SfuRoom::close);
                }
            }
        }
    }

    int size() {
        return sessions.size();
    }

    @Override
    public void close() {
        List.copyOf(sessions.values()).forEach(this::end);
    }
}
