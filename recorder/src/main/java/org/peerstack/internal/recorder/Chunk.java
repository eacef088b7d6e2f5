package org.peerstack.internal.recorder;

import java.util.Objects;

/**
 * One piece of a recording (what a W3C {@code BlobEvent} carries). Concatenating all chunks of a
 * recording, in order, gives one valid file.
 *
 * @param data       the bytes; may be empty (a {@code requestData()} with nothing recorded since)
 * @param mimeType   the recording's MIME type, e.g. {@code video/webm;codecs=vp8,opus}
 * @param timecodeMs position of the chunk's first media on the recording's timeline; 0 for the first
 *                   chunk (milliseconds)
 * @param last       whether this is the final chunk, delivered at stop
 */
public record Chunk(byte[] data, String mimeType, long timecodeMs, boolean last) {

    public Chunk {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(mimeType, "mimeType");
    }

    public int size() {
        return data.length;
    }

    @Override
    public String toString() {
        return "Chunk[" + data.length + " bytes, " + mimeType + ", timecode " + timecodeMs + " ms"
                + (last ? ", last" : "") + "]";
    }
}
