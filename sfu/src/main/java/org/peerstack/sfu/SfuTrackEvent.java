package org.peerstack.sfu;

import org.peerstack.event.Event;
import org.peerstack.event.EventType;

/** A track was published into a room or ended ({@link SfuRoom#TRACK_ADDED}, {@link SfuRoom#TRACK_REMOVED}). */
public final class SfuTrackEvent extends Event {

    private final SfuTrack track;

    public SfuTrackEvent(EventType<SfuTrackEvent> type, Object target, SfuTrack track) {
        super(type, target);
        this.track = track;
    }

    public SfuTrack track() {
        return track;
    }
}
