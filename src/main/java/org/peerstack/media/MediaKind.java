package org.peerstack.media;

import org.peerstack.exc.TypeException;

/** The kind of a track as returned by W3C {@code MediaStreamTrack.kind} ({@code "audio"} or {@code "video"}). */
public enum MediaKind {
    /** {@code "audio"}. */
    AUDIO("audio"),
    /** {@code "video"}. */
    VIDEO("video");

    private final String token;

    MediaKind(String token) {
        this.token = token;
    }

    /**
     * The W3C string value, e.g. for JSON or signaling; also what {@link #toString()} returns.
     *
     * @return the token, e.g. {@code "audio"}
     */
    public String token() {
        return token;
    }

    /**
     * The constant whose W3C string is {@code token} (case-sensitive).
     *
     * @param token the W3C string, e.g. {@code "audio"}
     * @return the constant
     * @throws TypeException if no constant has that token (the WebIDL enum check)
     */
    public static MediaKind fromToken(String token) {
        for (MediaKind value : values()) {
            if (value.token.equals(token)) {
                return value;
            }
        }
        throw new TypeException("'" + token + "' is not a valid MediaKind; expected one of "
                + java.util.Arrays.stream(values()).map(MediaKind::token).toList());
    }

    @Override
    public String toString() {
        return token;
    }
}
