package org.peerstack.sfu.recorder;

import java.util.Optional;
import org.peerstack.event.Event;
import org.peerstack.event.EventType;

/** A recording stopped ({@link SfuRecording#STOP}) or failed ({@link SfuRecording#ERROR}, with its cause). */
public final class SfuRecordingEvent extends Event {

    private final Throwable error;

    public SfuRecordingEvent(EventType<SfuRecordingEvent> type, Object target, Throwable error) {
        super(type, target);
        this.error = error;
    }

    public Optional<Throwable> error() {
        return Optional.ofNullable(error);
    }
}
