package org.peerstack.exc;

/** The equivalent of an ECMAScript {@code TypeError}: an argument is malformed (null, NaN, negative, min &gt; max, nothing requested). */
public final class TypeException extends PeerstackException {

    /**
     * Creates the exception.
     *
     * @param message what failed and why, for a developer (not localised); may be null
     */
    public TypeException(String message) {
        super(message);
    }

    /**
     * Creates the exception with the underlying failure that caused it.
     *
     * @param message what failed and why, for a developer (not localised); may be null
     * @param cause the underlying exception (native, I/O, parser), kept as {@link #getCause()}; may be null
     */
    public TypeException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String errorName() {
        return "TypeError";
    }
}
