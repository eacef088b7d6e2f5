package org.peerstack.exc;

/** W3C {@code InvalidModificationError}: a change that the current state does not allow (e.g. edited SDP). */
public final class InvalidModificationException extends PeerstackException {

    /**
     * Creates the exception.
     *
     * @param message what failed and why, for a developer (not localised); may be null
     */
    public InvalidModificationException(String message) {
        super(message);
    }

    @Override
    public String errorName() {
        return "InvalidModificationError";
    }
}
