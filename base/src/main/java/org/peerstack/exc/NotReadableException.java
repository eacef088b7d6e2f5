package org.peerstack.exc;

/** W3C {@code NotReadableError}: a device exists but could not be opened or read (device busy, I/O error, native failure). */
public final class NotReadableException extends PeerstackException {

    public NotReadableException(String message) {
        super(message);
    }

    public NotReadableException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String errorName() {
        return "NotReadableError";
    }
}
