package org.peerstack.exc;

/** W3C {@code NotAllowedError}: the request is not permitted (e.g. screen capture disabled by configuration). */
public final class NotAllowedException extends PeerstackException {

    public NotAllowedException(String message) {
        super(message);
    }

    public NotAllowedException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String errorName() {
        return "NotAllowedError";
    }
}
