package org.peerstack.exc;

/** W3C {@code InvalidModificationError}: a change that the current state does not allow (e.g. edited SDP). */
public final class InvalidModificationException extends PeerstackException {

    public InvalidModificationException(String message) {
        super(message);
    }

    @Override
    public String errorName() {
        return "InvalidModificationError";
    }
}
