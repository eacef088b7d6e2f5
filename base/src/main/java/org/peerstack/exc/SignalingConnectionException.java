package org.peerstack.exc;

/**
 * The signaling client could not reach the server, the connection dropped while a request was
 * pending, or the client was closed. Requests failed with it may be retried after reconnecting.
 */
public final class SignalingConnectionException extends PeerstackException {

    public SignalingConnectionException(String message) {
        super(message);
    }

    public SignalingConnectionException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String errorName() {
        return "NetworkError";
    }
}
