package org.peerstack.exc;

/** A configuration file or override is malformed or holds a value outside its documented range. */
public final class ConfigException extends PeerstackException {

    /**
     * Creates the exception.
     *
     * @param message what failed and why, for a developer (not localised); may be null
     */
    public ConfigException(String message) {
        super(message);
    }

    /**
     * Creates the exception with the underlying failure that caused it.
     *
     * @param message what failed and why, for a developer (not localised); may be null
     * @param cause the underlying exception (native, I/O, parser), kept as {@link #getCause()}; may be null
     */
    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String errorName() {
        return "ConfigError";
    }
}
