package org.peerstack.media;

import org.peerstack.event.Event;
import org.peerstack.event.EventType;

/**
 * W3C {@code MediaStreamTrackEvent}: a track was added to or removed from a stream by a remote peer
 * ({@link MediaStream#ADD_TRACK}, {@link MediaStream#REMOVE_TRACK}).
 */
public final class MediaStreamTrackEvent extends Event {

    private final MediaStreamTrack track;

    /**
     * An event about {@code track}, fired at {@code target}.
     *
     * @param type {@link MediaStream#ADD_TRACK} or {@link MediaStream#REMOVE_TRACK}
     * @param target the stream that changed
     * @param track the track added or removed
     * @throws NullPointerException if an argument is null
     */
    public MediaStreamTrackEvent(EventType<MediaStreamTrackEvent> type, MediaStream target, MediaStreamTrack track) {
        super(type, target);
        this.track = required(track, "MediaStreamTrackEvent", "track");
    }

    /**
     * W3C {@code MediaStreamTrackEvent.track}.
     *
     * @return the track added or removed; never null
     */
    public MediaStreamTrack track() {
        return track;
    }

    /**
     * The stream that changed.
     *
     * @return the stream
     */
    @Override
    public MediaStream target() {
        return (MediaStream) super.target();
    }
}
