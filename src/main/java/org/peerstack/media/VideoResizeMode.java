package org.peerstack.media;

import org.peerstack.exc.TypeException;

/** W3C {@code VideoResizeModeEnum}: whether the source may crop and scale its native frames. */
public enum VideoResizeMode {
    NONE("none"),
    CROP_AND_SCALE("crop-and-scale");

    private final String token;

    VideoResizeMode(String token) {
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
    public static VideoResizeMode fromToken(String token) {
        for (VideoResizeMode value : values()) {
            if (value.token.equals(token)) {
                return value;
            }
        }
        throw new TypeException("'" + token + "' is not a valid VideoResizeMode; expected one of "
                + java.util.Arrays.stream(values()).map(VideoResizeMode::token).toList());
    }

    @Override
    public String toString() {
        return token;
    }
}
