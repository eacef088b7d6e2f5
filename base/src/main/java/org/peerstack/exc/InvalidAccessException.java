package org.peerstack.exc;

/** W3C {@code InvalidAccessError}: an object or argument cannot be used this way (e.g. a TURN URL without credentials). */
public final class InvalidAccessException extends PeerstackException {

    /**
     * Creates the exception.
     *
     * @param message what failed and why, for a developer (not localised); may be null
     */
    public InvalidAccessException(String message) {
        super(message);
    }

    @Override
    public String errorName() {
        return "InvalidAccessError";
    }
}
