package org.peerstack.media;

import org.peerstack.exc.TypeException;

/** W3C {@code VideoFacingModeEnum}: the direction a camera faces. */
public enum VideoFacingMode {
    /** {@code "user"}: the camera faces the user (a front camera). */
    USER("user"),
    /** {@code "environment"}: the camera faces away from the user. */
    ENVIRONMENT("environment"),
    /** {@code "left"}: the camera faces to the left of the user. */
    LEFT("left"),
    /** {@code "right"}: the camera faces to the right of the user. */
    RIGHT("right");

    private final String token;

    VideoFacingMode(String token) {
        this.token = token;
    }

    /**
     * The W3C string value, e.g. for JSON or signaling; also what {@link #toString()} returns.
     *
     * @return the token, e.g. {@code "user"}
     */
    public String token() {
        return token;
    }

    /**
     * The constant whose W3C string is {@code token} (case-sensitive).
     *
     * @param token the W3C string, e.g. {@code "user"}
     * @return the constant
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
