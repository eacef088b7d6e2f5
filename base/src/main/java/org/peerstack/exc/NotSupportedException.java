package org.peerstack.exc;

/** W3C {@code NotSupportedError}: the operation or value is not supported (e.g. a negative canvas capture frame rate). */
public final class NotSupportedException extends PeerstackException {

    public NotSupportedException(String message) {
        super(message);
    }

    public NotSupportedException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String errorName() {
        return "NotSupportedError";
    }
}
