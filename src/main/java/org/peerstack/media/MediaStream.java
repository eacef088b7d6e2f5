package org.peerstack.media;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.peerstack.event.Event;
import org.peerstack.event.EventDispatcher;
import org.peerstack.event.EventListener;
import org.peerstack.event.EventTarget;
import org.peerstack.event.EventType;
import org.peerstack.exc.TypeException;
import org.peerstack.internal.media.MediaStreamAccess;

/**
 * W3C {@code MediaStream}: an ordered set of tracks with a UUID {@link #id()}.
 *
 * <ul>
 *   <li>{@link #addTrack}/{@link #removeTrack} by the application fire no events; adding a member or
 *       removing a non-member does nothing. Ended tracks may be added (the stream stays inactive if it
 *       has no live track).</li>
 *   <li>{@link #ADD_TRACK}/{@link #REMOVE_TRACK} fire only for changes made by a remote peer (the
 *       peer-connection layer uses {@code org.peerstack.internal.media.MediaStreamAccess}).</li>
 *   <li>{@link #isActive()} is true while at least one track is live. The legacy Chromium events
 *       {@link #ACTIVE}/{@link #INACTIVE} (removed from the spec, kept because they still mean something)
 *       fire when that flips for any reason.</li>
 * </ul>
 * Legacy names: {@code MediaStreamEvent} (old {@code onaddstream}) is not provided; use
 * {@code RTCPeerConnection}'s {@code track} event. Events follow the {@code org.peerstack.event} contract.
 */
public final class MediaStream implements EventTarget {

    /** A remote peer added a track. */
    public static final EventType<MediaStreamTrackEvent> ADD_TRACK =
            EventType.of("addtrack", MediaStreamTrackEvent.class);
    /** A remote peer removed a track. */
    public static final EventType<MediaStreamTrackEvent> REMOVE_TRACK =
            EventType.of("removetrack", MediaStreamTrackEvent.class);
    /** The stream became active again (legacy, non-standard; not fired for a stream created active). */
    public static final EventType<Event> ACTIVE = EventType.of("active", Event.class);
    /** The stream became inactive: no live track left (legacy, non-standard). */
    public static final EventType<Event> INACTIVE = EventType.of("inactive", Event.class);

    static {
        MediaStreamAccess.install(new MediaStreamAccess() {
            @Override
            protected MediaStream create(String id) {
                return new MediaStream(id, List.of());
            }

            @Override
            protected boolean addRemoteTrack(MediaStream stream, MediaStreamTrack track) {
                return stream.add(track, true);
            }

            @Override
            protected boolean removeRemoteTrack(MediaStream stream, MediaStreamTrack track) {
                return stream.remove(track, true);
            }
        });
    }

    private final String id;
    private final Set<MediaStreamTrack> tracks = new LinkedHashSet<>();
    private final EventDispatcher events = new EventDispatcher();
    private boolean active;

    /**
     * An empty, inactive stream with a new UUID id (W3C {@code new MediaStream()}
     * (<a href="https://www.w3.org/TR/mediacapture-streams/#dom-mediastream-constructor">spec</a>)).
     */
    public MediaStream() {
        this(UUID.randomUUID().toString(), List.of());
    }

    /**
     * A new stream (new id) holding the same track objects as {@code stream}, not clones (W3C
     * {@code new MediaStream(stream)}).
     *
     * @param stream the stream whose current tracks to share
     * @throws NullPointerException if {@code stream} is null
     */
    public MediaStream(MediaStream stream) {
        this(UUID.randomUUID().toString(), Objects.requireNonNull(stream, "stream").getTracks());
    }

    /**
     * A new stream (new id) holding {@code tracks} in iteration order, duplicates ignored (W3C
     * {@code new MediaStream(tracks)}).
     *
     * @param tracks the tracks; ended ones are allowed
     * @throws NullPointerException if {@code tracks} or one of its elements is null
     */
    public MediaStream(Collection<MediaStreamTrack> tracks) {
        this(UUID.randomUUID().toString(), tracks);
    }

    private MediaStream(String id, Collection<MediaStreamTrack> initial) {
        this.id = Objects.requireNonNull(id, "id");
        Objects.requireNonNull(initial, "tracks");
        synchronized (tracks) {
            for (MediaStreamTrack track : initial) {
                if (tracks.add(Objects.requireNonNull(track, "track"))) {
                    track.joined(this);
                }
            }
            active = computeActive();
        }
    }

    /**
     * W3C {@code id} (<a href="https://www.w3.org/TR/mediacapture-streams/#dom-mediastream-id">spec</a>).
     *
     * @return a UUID string for local streams; for remote streams the id the remote peer chose (the {@code msid} in
     *     its SDP)
     */
    public String id() {
        return id;
    }

    /**
     * W3C {@code getTracks()}
     * (<a href="https://www.w3.org/TR/mediacapture-streams/#dom-mediastream-gettracks">spec</a>): every member
     * track, live or ended, in the order they were added.
     *
     * @return an immutable snapshot
     */
    public List<MediaStreamTrack> getTracks() {
        synchronized (tracks) {
            return List.copyOf(tracks);
        }
    }

    /**
     * W3C {@code getAudioTracks()}
     * (<a href="https://www.w3.org/TR/mediacapture-streams/#dom-mediastream-getaudiotracks">spec</a>): the member
     * tracks of kind audio.
     *
     * @return an immutable snapshot, in the order they were added
     */
    public List<MediaStreamTrack> getAudioTracks() {
        return ofKind(MediaKind.AUDIO);
    }

    /**
     * W3C {@code getVideoTracks()}
     * (<a href="https://www.w3.org/TR/mediacapture-streams/#dom-mediastream-getvideotracks">spec</a>): the member
     * tracks of kind video.
     *
     * @return an immutable snapshot, in the order they were added
     */
    public List<MediaStreamTrack> getVideoTracks() {
        return ofKind(MediaKind.VIDEO);
    }

    private List<MediaStreamTrack> ofKind(MediaKind kind) {
        List<MediaStreamTrack> out = new ArrayList<>();
        for (MediaStreamTrack t : getTracks()) {
            if (t.kind() == kind) {
                out.add(t);
            }
        }
        return List.copyOf(out);
    }

    /**
     * W3C {@code getTrackById()}
     * (<a href="https://www.w3.org/TR/mediacapture-streams/#dom-mediastream-gettrackbyid">spec</a>).
     *
     * @param trackId a {@link MediaStreamTrack#id()}
     * @return the member with this id (the same instance), or empty
     */
    public Optional<MediaStreamTrack> getTrackById(String trackId) {
        for (MediaStreamTrack t : getTracks()) {
            if (t.id().equals(trackId)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /**
     * W3C {@code addTrack()}
     * (<a href="https://www.w3.org/TR/mediacapture-streams/#dom-mediastream-addtrack">spec</a>): adds
     * {@code track}; fires no {@link #ADD_TRACK} (only {@link #ACTIVE} if a live track makes the stream active). A
     * member is ignored.
     *
     * @param track the track; may be ended
     * @throws TypeException if {@code track} is null
     */
    public void addTrack(MediaStreamTrack track) {
        if (track == null) {
            throw new TypeException("track must not be null");
        }
        add(track, false);
    }

    /**
     * W3C {@code removeTrack()}
     * (<a href="https://www.w3.org/TR/mediacapture-streams/#dom-mediastream-removetrack">spec</a>): removes
     * {@code track}; fires no {@link #REMOVE_TRACK} (only {@link #INACTIVE} if the last live track goes). A
     * non-member is ignored.
     *
     * @param track the track
     * @throws TypeException if {@code track} is null
     */
    public void removeTrack(MediaStreamTrack track) {
        if (track == null) {
            throw new TypeException("track must not be null");
        }
        remove(track, false);
    }

    /**
     * W3C {@code clone()} (<a href="https://www.w3.org/TR/mediacapture-streams/#dom-mediastream-clone">spec</a>): a
     * new stream (new id) holding a {@link MediaStreamTrack#clone() clone} of every track.
     *
     * @return the new stream
     */
    @Override
    public MediaStream clone() {
        List<MediaStreamTrack> clones = new ArrayList<>();
        for (MediaStreamTrack t : getTracks()) {
            clones.add(t.clone());
        }
        return new MediaStream(clones);
    }

    /**
     * W3C {@code active} (<a href="https://www.w3.org/TR/mediacapture-streams/#dom-mediastream-active">spec</a>).
     *
     * @return true while at least one member track is live
     */
    public boolean isActive() {
        synchronized (tracks) {
            return computeActive();
        }
    }

    private boolean computeActive() {
        for (MediaStreamTrack t : tracks) {
            if (t.readyState() == MediaStreamTrackState.LIVE) {
                return true;
            }
        }
        return false;
    }

    @Override
    public <E extends Event> void addEventListener(EventType<E> type, EventListener<? super E> listener) {
        events.add(type, listener);
    }

    @Override
    public <E extends Event> void removeEventListener(EventType<E> type, EventListener<? super E> listener) {
        events.remove(type, listener);
    }

    private boolean add(MediaStreamTrack track, boolean fire) {
        synchronized (tracks) {
            if (!tracks.add(track)) {
                return false;
            }
            track.joined(this);
            if (fire) {
                events.dispatch(new MediaStreamTrackEvent(ADD_TRACK, this, track));
            }
            updateActive();
        }
        return true;
    }

    private boolean remove(MediaStreamTrack track, boolean fire) {
        synchronized (tracks) {
            if (!tracks.remove(track)) {
                return false;
            }
            track.left(this);
            if (fire) {
                events.dispatch(new MediaStreamTrackEvent(REMOVE_TRACK, this, track));
            }
            updateActive();
        }
        return true;
    }

    /** A member track ended or stopped. */
    void trackStateChanged() {
        synchronized (tracks) {
            updateActive();
        }
    }

    private void updateActive() {
        boolean now = computeActive();
        if (now != active) {
            active = now;
            events.dispatch(new Event(now ? ACTIVE : INACTIVE, this));
        }
    }

    @Override
    public String toString() {
        return "MediaStream[id=" + id + ", tracks=" + getTracks().size() + "]";
    }
}
