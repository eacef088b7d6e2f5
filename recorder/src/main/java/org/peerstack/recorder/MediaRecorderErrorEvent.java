package org.peerstack.recorder;

import org.peerstack.event.Event;
import org.peerstack.event.EventType;
import org.peerstack.exc.PeerstackException;

/**
 * The {@code error} event of a {@link MediaRecorder} (W3C {@code ErrorEvent} whose {@code error} is a
 * {@code DOMException}): the recording failed and stops; a {@code dataavailable} (unless the failure was
 * the delivery itself) and {@code stop} follow.
 */
public final class MediaRecorderErrorEvent extends Event {

    private final PeerstackException error;

    public MediaRecorderErrorEvent(EventType<MediaRecorderErrorEvent> type, MediaRecorder target,
                                   PeerstackException error) {
        super(type, target);
        this.error = required(error, "MediaRecorderErrorEvent", "error");
    }

    /**
     * What went wrong: {@link org.peerstack.exc.InvalidModificationException} (the stream's track set
     * changed), {@link org.peerstack.exc.ChunkDeliveryException} (a {@link BlobSink} failed),
     * {@link org.peerstack.exc.EncodingException} or
     * {@link org.peerstack.exc.RecorderQueueFullException}; {@link PeerstackException#errorName()} gives
     * the DOMException name.
     */
    public PeerstackException error() {
        return error;
    }

    @Override
    public MediaRecorder target() {
        return (MediaRecorder) super.target();
    }

    @Override
    public String toString() {
        return "MediaRecorderErrorEvent[" + error.errorName() + ": " + error.getMessage() + "]";
    }
}
