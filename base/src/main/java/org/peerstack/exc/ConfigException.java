package org.peerstack.exc;

/** A configuration file or override is malformed or holds a value outside its documented range. */
public final class ConfigException extends PeerstackException {

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String errorName() {
        return "ConfigError";
    }
}
