package org.peerstack.sfu.internal.forward;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.peerstack.sfu.SfuTrack;

/**
 * The publishers, subscribers and tracks of one room, and the wiring between them: every subscriber
 * receives every track of the room except those of the publishers it excluded (its own). I/O thread only.
 */
public final class RoomState {

    /** Room-level milestones, reported on the I/O thread. */
    public interface Listener {
        void trackAdded(SfuTrack track);

        void trackRemoved(SfuTrack track);
    }

    private final MediaEngine engine;
    private final String id;
    private final Listener listener;
    private final List<PublisherSession> publishers = new ArrayList<>();
    private final List<SubscriberSession> subscribers = new ArrayList<>();
    private final java.util.Map<SubscriberSession, Set<String>> excluded = new java.util.HashMap<>();
    /** The application's owner key of publishers and subscribers that have one (a signaling room's member id). */
    private final java.util.Map<Object, String> owners = new java.util.HashMap<>();
    private int nextPeer;
    private boolean closed;

    public RoomState(MediaEngine engine, String id, Listener listener) {
        this.engine = engine;
        this.id = id;
        this.listener = listener;
    }

    public String id() {
        return id;
    }

    /** Answers a publisher's offer; its tracks reach every subscriber. */
    public PublisherSession publish(String offerSdp, SessionEvents events) {
        return publish(offerSdp, events, null);
    }

    /** As {@link #publish(String, SessionEvents)}; subscribers with the same non-null {@code owner} never get its tracks. */
    public PublisherSession publish(String offerSdp, SessionEvents events, String owner) {
        checkOpen();
        PublisherSession p = new PublisherSession(engine, id + "-p" + (nextPeer++), this, events);
        p.negotiate(offerSdp);
        if (owner != null) {
            owners.put(p, owner);
        }
        tracksAdded(p, p.takeAdded());
        return p;
    }

    /**
     * A member of the room on one connection ({@link MemberSession}): it receives every track of the room
     * except those with its {@code owner} key, and publishes on the same connection.
     */
    public MemberSession join(String owner, SessionEvents events) {
        checkOpen();
        String peer = id + "-m" + (nextPeer++);
        MemberSession m = new MemberSession(engine, peer, this, events);
        owners.put(m.publisher(), owner);
        owners.put(m.subscriber(), owner);
        subscribers.add(m.subscriber());
        excluded.put(m.subscriber(), Set.of());
        for (PublisherSession p : publishers) {
            if (!sameOwner(p, m.subscriber())) {
                for (PublishedTrack t : p.tracks()) {
                    m.subscriber().addSource(t);
                }
            }
        }
        return m;
    }

    /** {@code p} started sending {@code added} (its first offer, or a member's later one): every subscriber gets them. */
    void tracksAdded(PublisherSession p, List<PublishedTrack> added) {
        if (added.isEmpty()) {
            return;
        }
        if (!publishers.contains(p)) {
            publishers.add(p);
        }
        for (PublishedTrack t : added) {
            listener.trackAdded(t.info);
            for (SubscriberSession s : subscribers) {
                if (!excluded.get(s).contains(p.id()) && !sameOwner(p, s)) {
                    s.addSource(t);
                }
            }
        }
    }

    /** The owner key of the live publisher {@code publisherId}, or null. */
    String ownerOfPublisher(String publisherId) {
        for (PublisherSession p : publishers) {
            if (p.id().equals(publisherId)) {
                return owners.get(p);
            }
        }
        return null;
    }

    /** A member stopped sending on {@code t}'s m-line: it ends at every subscriber. */
    void trackEnded(PublisherSession p, PublishedTrack t) {
        t.ended = true;
        t.endTaps();
        for (SubscriberSession s : subscribers) {
            s.sourceEnded(t);
        }
        listener.trackRemoved(t.info);
    }

    /** A subscriber of every current and future track, except those of {@code excludedPublishers}. */
    public SubscriberSession subscribe(Set<String> excludedPublishers, SessionEvents events) {
        return subscribe(excludedPublishers, events, null);
    }

    /** As {@link #subscribe(Set, SessionEvents)}; never gets the tracks of publishers with the same non-null {@code owner}. */
    public SubscriberSession subscribe(Set<String> excludedPublishers, SessionEvents events, String owner) {
        checkOpen();
        SubscriberSession s = new SubscriberSession(engine, id + "-s" + (nextPeer++), this, events);
        subscribers.add(s);
        excluded.put(s, Set.copyOf(excludedPublishers));
        if (owner != null) {
            owners.put(s, owner);
        }
        for (PublisherSession p : publishers) {
            if (!excludedPublishers.contains(p.id()) && !sameOwner(p, s)) {
                for (PublishedTrack t : p.tracks()) {
                    s.addSource(t);
                }
            }
        }
        return s;
    }

    /**
     * A subscriber that made its own offer (WHEP's client-offer flow): the SFU answers it
     * ({@link SubscriberSession#answer()}) and forwards every current and future track, except those of
     * {@code excludedPublishers}, on the m-lines it answered. Fails like {@link #publish} for a bad offer.
     */
    public SubscriberSession subscribe(String offerSdp, Set<String> excludedPublishers, SessionEvents events) {
        checkOpen();
        SubscriberSession s = new SubscriberSession(engine, id + "-s" + (nextPeer++), this, events);
        try {
            s.answerOffer(offerSdp);
        } catch (RuntimeException e) {
            s.close("offer refused");
            throw e;
        }
        subscribers.add(s);
        excluded.put(s, Set.copyOf(excludedPublishers));
        for (PublisherSession p : publishers) {
            if (!excludedPublishers.contains(p.id())) {
                for (PublishedTrack t : p.tracks()) {
                    s.addSource(t);
                }
            }
        }
        return s;
    }

    public String createOffer(SubscriberSession s) {
        return s.createOffer();
    }

    public void setAnswer(SubscriberSession s, String sdp) {
        s.setAnswer(sdp);
    }

    /** ICE restart of a publisher's connection (see {@link PeerTransport#restartIce}). */
    public org.peerstack.sfu.SfuIceParameters restartIce(PublisherSession p, String remoteUfrag, String remotePassword) {
        checkIceCredentials(remoteUfrag, remotePassword);
        return p.transport().restartIce(remoteUfrag);
    }

    /** ICE restart of a subscriber's connection. */
    public org.peerstack.sfu.SfuIceParameters restartIce(SubscriberSession s, String remoteUfrag, String remotePassword) {
        checkIceCredentials(remoteUfrag, remotePassword);
        return s.transport().restartIce(remoteUfrag);
    }

    /** RFC 8839 §5.4: ufrag of 4-256 and password of 22-256 ice-chars (ALPHA / DIGIT / "+" / "/"). */
    private static void checkIceCredentials(String ufrag, String password) {
        if (ufrag == null || password == null || !ufrag.matches("[A-Za-z0-9+/]{4,256}") || !password.matches("[A-Za-z0-9+/]{22,256}")) {
            throw new org.peerstack.exc.OperationException("sdp-syntax-error",
                    "Invalid ICE credentials: a ufrag of 4-256 and a password of 22-256 ice-chars are required (RFC 8839)");
        }
    }

    public void close(PublisherSession p, String reason) {
        p.close(reason);
    }

    public void close(SubscriberSession s, String reason) {
        s.close(reason);
    }

    private boolean sameOwner(PublisherSession p, SubscriberSession s) {
        String owner = owners.get(p);
        return owner != null && owner.equals(owners.get(s));
    }

    void publisherClosed(PublisherSession p) {
        publishers.remove(p);
        owners.remove(p);
        for (PublishedTrack t : p.tracks()) {
            trackEnded(p, t);
        }
    }

    void subscriberClosed(SubscriberSession s) {
        subscribers.remove(s);
        excluded.remove(s);
        owners.remove(s);
    }

    /** Attaches a packet listener to a published track; returns the track, or fails "no-such-track". */
    public SfuTrack addTap(String trackId, org.peerstack.sfu.SfuRtpListener tap) {
        PublishedTrack t = track(trackId);
        if (t == null || t.ended) {
            throw new org.peerstack.exc.OperationException("no-such-track", "The room " + id + " has no track " + trackId);
        }
        if (!t.taps.contains(tap)) {
            t.taps.add(tap);
        }
        return t.info;
    }

    public void removeTap(String trackId, org.peerstack.sfu.SfuRtpListener tap) {
        PublishedTrack t = track(trackId);
        if (t != null) {
            t.taps.remove(tap);
        }
    }

    /** Asks the publisher of a track for a keyframe (rate-limited). */
    public void requestKeyframe(String trackId) {
        PublishedTrack t = track(trackId);
        if (t != null) {
            t.requestKeyframe(System.nanoTime());
        }
    }

    private PublishedTrack track(String trackId) {
        for (PublisherSession p : publishers) {
            for (PublishedTrack t : p.tracks()) {
                if (t.info.id().equals(trackId)) {
                    return t;
                }
            }
        }
        return null;
    }

    /** Every track currently published. */
    public List<SfuTrack> tracks() {
        List<SfuTrack> all = new ArrayList<>();
        for (PublisherSession p : publishers) {
            all.addAll(p.trackInfos());
        }
        return all;
    }

    public int publisherCount() {
        return (int) publishers.stream().filter(p -> !p.tracks().isEmpty()).count();
    }

    public int subscriberCount() {
        return subscribers.size();
    }

    /** Closes every publisher and subscriber. */
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        // subscribers first: closing publishers first would ask each subscriber to renegotiate
        for (SubscriberSession s : new ArrayList<>(subscribers)) {
            s.close("room closed");
        }
        for (PublisherSession p : new ArrayList<>(publishers)) {
            p.close("room closed");
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new org.peerstack.exc.InvalidStateException("The room " + id + " is closed");
        }
    }
}
