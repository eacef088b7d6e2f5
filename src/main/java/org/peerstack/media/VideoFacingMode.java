package org.peerstack.media;

import org.peerstack.exc.TypeException;

/** W3C {@code VideoFacingModeEnum}: the direction a camera faces. */
public enum VideoFacingMode {
    USER("user"),
    ENVIRONMENT("environment"),
    LEFT("left"),
    RIGHT("right");

    private final String token;

    VideoFacingMode(String token) {
        this.token = token;
    }

    /** The W3C string value, e.g. for JSON or signaling. */
    public String token() {
        return token;
    }

    /**
     * The constant whose W3C string is {@code token}.
     *
     * @throws TypeException if no constant has that token (the WebIDL enum check)
     */
    public static VideoFacingMode fromToken(String token) {
        for (VideoFacingMode value : values()) {
            if (value.token.equals(token)) {
                return value;
            }
        }
        throw new TypeException("'" + token + "' is not a valid VideoFacingMode; expected one of "
                + java.util.Arrays.stream(values()).map(VideoFacingMode::token).toList());
    }

    @Override
    public String toString() {
        return token;
    }
}
