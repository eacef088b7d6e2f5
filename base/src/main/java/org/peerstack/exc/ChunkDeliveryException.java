package org.peerstack.exc;

/**
 * Recorded data could not be handed over: the chunk consumer threw, or the file or stream it writes to
 * failed (disk full, closed). Every chunk delivered before this one is intact; the recording stops.
 */
public final class ChunkDeliveryException extends PeerstackException {

    public ChunkDeliveryException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String errorName() {
        return "ChunkDeliveryError";
    }
}
