package org.peerstack.exc;

/** W3C {@code NotReadableError}: a device exists but could not be opened or read (device busy, I/O error, native failure). */
public final class NotReadableException extends PeerstackException {

    /**
     * Creates the exception.
     *
     * @param message what failed and why, for a developer (not localised); may be null
     */
    public NotReadableException(String message) {
        super(message);
    }

    /**
     * Creates the exception with the underlying failure that caused it.
     *
     * @param message what failed and why, for a developer (not localised); may be null
     * @param cause the underlying exception (native, I/O, parser), kept as {@link #getCause()}; may be null
     */
    public NotReadableException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String errorName() {
        return "NotReadableError";
    }
}
