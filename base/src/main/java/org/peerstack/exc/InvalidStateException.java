package org.peerstack.exc;

/** W3C {@code InvalidStateError}: the object is in a state that does not allow the operation (e.g. it was stopped or closed). */
public final class InvalidStateException extends PeerstackException {

    /**
     * Creates the exception.
     *
     * @param message what failed and why, for a developer (not localised); may be null
     */
    public InvalidStateException(String message) {
        super(message);
    }

    /**
     * Creates the exception with the underlying failure that caused it.
     *
     * @param message what failed and why, for a developer (not localised); may be null
     * @param cause the underlying exception (native, I/O, parser), kept as {@link #getCause()}; may be null
     */
    public InvalidStateException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String errorName() {
        return "InvalidStateError";
    }
}
