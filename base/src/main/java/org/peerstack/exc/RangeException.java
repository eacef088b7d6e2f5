package org.peerstack.exc;

/** JavaScript {@code RangeError}: a numeric argument outside its allowed range. */
public final class RangeException extends PeerstackException {

    /**
     * Creates the exception.
     *
     * @param message what failed and why, for a developer (not localised); may be null
     */
    public RangeException(String message) {
        super(message);
    }

    @Override
    public String errorName() {
        return "RangeError";
    }
}
