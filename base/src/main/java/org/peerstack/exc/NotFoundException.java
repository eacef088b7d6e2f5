package org.peerstack.exc;

/** W3C {@code NotFoundError}: no device or source matches the request (e.g. no camera, no display). */
public final class NotFoundException extends PeerstackException {

    public NotFoundException(String message) {
        super(message);
    }

    public NotFoundException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String errorName() {
        return "NotFoundError";
    }
}
