package org.peerstack.exc;

/**
 * Root of every exception peerstack throws or completes a future with.
 *
 * <p>W3C APIs report failures as named {@code DOMException}s; peerstack maps each name to a subclass
 * under this root (for example {@code InvalidStateException} for {@code InvalidStateError}), so a
 * caller can catch one type or the precise one. {@link #errorName()} gives the W3C name.
 */
public abstract class PeerstackException extends RuntimeException {

    /**
     * Creates the exception.
     *
     * @param message what failed and why, for a developer (not localised); may be null
     */
    protected PeerstackException(String message) {
        super(message);
    }

    /**
     * Creates the exception with the underlying failure that caused it.
     *
     * @param message what failed and why, for a developer (not localised); may be null
     * @param cause the underlying exception (native, I/O, parser), kept as {@link #getCause()}; may be null
     */
    protected PeerstackException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * The W3C error name this exception stands for, as a {@code DOMException.name} would read.
     *
     * @return the name, e.g. {@code "NotFoundError"}, or a peerstack name such as {@code "SignalingError"}
     *     for failures the W3C specs do not name; never null
     */
    public abstract String errorName();
}
