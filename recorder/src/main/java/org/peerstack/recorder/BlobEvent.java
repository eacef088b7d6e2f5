package org.peerstack.recorder;

import org.peerstack.event.Event;
import org.peerstack.event.EventType;
import org.peerstack.media.Blob;

/** W3C {@code BlobEvent}: a chunk of a recording ({@link MediaRecorder#DATA_AVAILABLE}). */
public final class BlobEvent extends Event {

    private final Blob data;
    private final double timecode;

    /**
     * @param data     the chunk
     * @param timecode position of the chunk's first media in the recording; 0 for the first chunk
     *                 (milliseconds)
     */
    public BlobEvent(EventType<BlobEvent> type, MediaRecorder target, Blob data, double timecode) {
        super(type, target);
        this.data = required(data, "BlobEvent", "data");
        this.timecode = timecode;
    }

    /** The chunk; may be empty after a {@code requestData()} with nothing new recorded. */
    public Blob data() {
        return data;
    }

    /** Position of the chunk's first media on the recording's timeline; 0 for the first chunk (ms). */
    public double timecode() {
        return timecode;
    }

    @Override
    public MediaRecorder target() {
        return (MediaRecorder) super.target();
    }

    @Override
    public String toString() {
        return "BlobEvent[" + data + ", timecode=" + timecode + "]";
    }
}
