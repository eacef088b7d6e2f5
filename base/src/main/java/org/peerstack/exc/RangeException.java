package org.peerstack.exc;

/** JavaScript {@code RangeError}: a numeric argument outside its allowed range. */
public final class RangeException extends PeerstackException {

    public RangeException(String message) {
        super(message);
    }

    @Override
    public String errorName() {
        return "RangeError";
    }
}
