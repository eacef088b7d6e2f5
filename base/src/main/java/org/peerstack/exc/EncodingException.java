package org.peerstack.exc;

/**
 * An encoder or muxer failed while recording (W3C MediaRecorder error event, {@code EncodingError}).
 * The message names the native operation and FFmpeg's error text.
 */
public final class EncodingException extends PeerstackException {

    /**
     * Creates the exception.
     *
     * @param message what failed and why, for a developer (not localised); may be null
     */
    public EncodingException(String message) {
        super(message);
    }

    /**
     * Creates the exception with the underlying failure that caused it.
     *
     * @param message what failed and why, for a developer (not localised); may be null
     * @param cause the underlying exception (native, I/O, parser), kept as {@link #getCause()}; may be null
     */
    public EncodingException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String errorName() {
        return "EncodingError";
    }
}
