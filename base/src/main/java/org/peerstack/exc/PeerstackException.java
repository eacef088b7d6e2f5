package org.peerstack.exc;

/**
 * Root of every exception peerstack throws or completes a future with.
 *
 * <p>W3C APIs report failures as named {@code DOMException}s; peerstack maps each name to a subclass
 * under this root (for example {@code InvalidStateException} for {@code InvalidStateError}), so a
 * caller can catch one type or the precise one. {@link #errorName()} gives the W3C name.
 */
public abstract class PeerstackException extends RuntimeException {

    protected PeerstackException(String message) {
        super(message);
    }

    protected PeerstackException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The W3C error name this exception stands for (e.g. {@code "NotFoundError"}), or a peerstack name. */
    public abstract String errorName();
}
