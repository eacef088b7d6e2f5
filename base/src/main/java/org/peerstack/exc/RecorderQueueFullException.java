package org.peerstack.exc;

/**
 * Media reached a recorder faster than it could encode and its bounded input queue was full
 * ({@code recorder.max-queue-bytes} / {@code recorder.max-queue-items}). Reported instead of dropping
 * input silently or growing memory without bound; the recording stops.
 */
public final class RecorderQueueFullException extends PeerstackException {

    /**
     * Creates the exception.
     *
     * @param message what failed and why, for a developer (not localised); may be null
     */
    public RecorderQueueFullException(String message) {
        super(message);
    }

    @Override
    public String errorName() {
        return "RecorderQueueFull";
    }
}
