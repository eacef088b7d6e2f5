package org.peerstack.media;

import org.peerstack.event.Event;
import org.peerstack.event.EventType;

/**
 * W3C {@code MediaStreamTrackEvent}: a track was added to or removed from a stream by a remote peer
 * ({@link MediaStream#ADD_TRACK}, {@link MediaStream#REMOVE_TRACK}).
 */
public final class MediaStreamTrackEvent extends Event {

    private final MediaStreamTrack track;

    public MediaStreamTrackEvent(EventType<MediaStreamTrackEvent> type, MediaStream target, MediaStreamTrack track) {
        super(type, target);
        this.track = required(track, "MediaStreamTrackEvent", "track");
    }

    public MediaStreamTrack track() {
        return track;
    }

    @Override
    public MediaStream target() {
        return (MediaStream) super.target();
    }
}
