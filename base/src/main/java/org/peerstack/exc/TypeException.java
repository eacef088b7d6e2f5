package org.peerstack.exc;

/** The equivalent of an ECMAScript {@code TypeError}: an argument is malformed (null, NaN, negative, min &gt; max, nothing requested). */
public final class TypeException extends PeerstackException {

    public TypeException(String message) {
        super(message);
    }

    public TypeException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String errorName() {
        return "TypeError";
    }
}
