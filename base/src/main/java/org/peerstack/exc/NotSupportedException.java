package org.peerstack.exc;

/** W3C {@code NotSupportedError}: the operation or value is not supported (e.g. a negative canvas capture frame rate). */
public final class NotSupportedException extends PeerstackException {

    /**
     * Creates the exception.
     *
     * @param message what failed and why, for a developer (not localised); may be null
     */
    public NotSupportedException(String message) {
        super(message);
    }

    /**
     * Creates the exception with the underlying failure that caused it.
     *
     * @param message what failed and why, for a developer (not localised); may be null
     * @param cause the underlying exception (native, I/O, parser), kept as {@link #getCause()}; may be null
     */
    public NotSupportedException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String errorName() {
        return "NotSupportedError";
    }
}
