package org.peerstack.exc;

/**
 * Recorded data could not be handed over: the chunk consumer threw, or the file or stream it writes to
 * failed (disk full, closed). Every chunk delivered before this one is intact; the recording stops.
 */
public final class ChunkDeliveryException extends PeerstackException {

    /**
     * Creates the exception with the underlying failure that caused it.
     *
     * @param message what failed and why, for a developer (not localised); may be null
     * @param cause the underlying exception (native, I/O, parser), kept as {@link #getCause()}; may be null
     */
    public ChunkDeliveryException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String errorName() {
        return "ChunkDeliveryError";
    }
}
