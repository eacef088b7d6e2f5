package org.peerstack.exc;

/** W3C {@code InvalidStateError}: the object is in a state that does not allow the operation (e.g. it was stopped or closed). */
public final class InvalidStateException extends PeerstackException {

    public InvalidStateException(String message) {
        super(message);
    }

    public InvalidStateException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String errorName() {
        return "InvalidStateError";
    }
}
