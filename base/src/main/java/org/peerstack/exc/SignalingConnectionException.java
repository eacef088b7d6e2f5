package org.peerstack.exc;

/**
 * The signaling client could not reach the server, the connection dropped while a request was
 * pending, or the client was closed. Requests failed with it may be retried after reconnecting.
 */
public final class SignalingConnectionException extends PeerstackException {

    /**
     * Creates the exception.
     *
     * @param message what failed and why, for a developer (not localised); may be null
     */
    public SignalingConnectionException(String message) {
        super(message);
    }

    /**
     * Creates the exception with the underlying failure that caused it.
     *
     * @param message what failed and why, for a developer (not localised); may be null
     * @param cause the underlying exception (native, I/O, parser), kept as {@link #getCause()}; may be null
     */
    public SignalingConnectionException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String errorName() {
        return "NetworkError";
    }
}
