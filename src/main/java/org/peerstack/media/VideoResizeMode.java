package org.peerstack.media;

import org.peerstack.exc.TypeException;

/** W3C {@code VideoResizeModeEnum}: whether the source may crop and scale its native frames. */
public enum VideoResizeMode {
    /** {@code "none"}: frames are delivered at the native resolution and rate of the source. */
    NONE("none"),
    /** {@code "crop-and-scale"}: the source may crop, scale and drop frames to meet the constraints. */
    CROP_AND_SCALE("crop-and-scale");

    private final String token;

    VideoResizeMode(String token) {
        this.token = token;
    }

    /**
     * The W3C string value, e.g. for JSON or signaling; also what {@link #toString()} returns.
     *
     * @return the token, e.g. {@code "none"}
     */
    public String token() {
        return token;
    }

    /**
     * The constant whose W3C string is {@code token} (case-sensitive).
     *
     * @param token the W3C string, e.g. {@code "none"}
     * @return the constant
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
