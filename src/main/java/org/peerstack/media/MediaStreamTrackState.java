package org.peerstack.media;

import org.peerstack.exc.TypeException;

/** W3C {@code MediaStreamTrackState}: whether a track still renders its source. */
public enum MediaStreamTrackState {
    /** {@code "live"}: the track is active; its source delivers media (unless muted). */
    LIVE("live"),
    /** {@code "ended"}: stopped or its source ended; final. */
    ENDED("ended");

    private final String token;

    MediaStreamTrackState(String token) {
        this.token = token;
    }

    /**
     * The W3C string value, e.g. for JSON or signaling; also what {@link #toString()} returns.
     *
     * @return the token, e.g. {@code "live"}
     */
    public String token() {
        return token;
    }

    /**
     * The constant whose W3C string is {@code token} (case-sensitive).
     *
     * @param token the W3C string, e.g. {@code "live"}
     * @return the constant
     * @throws TypeException if no constant has that token (the WebIDL enum check)
     */
    public static MediaStreamTrackState fromToken(String token) {
        for (MediaStreamTrackState value : values()) {
            if (value.token.equals(token)) {
                return value;
            }
        }
        throw new TypeException("'" + token + "' is not a valid MediaStreamTrackState; expected one of "
                + java.util.Arrays.stream(values()).map(MediaStreamTrackState::token).toList());
    }

    @Override
    public String toString() {
        return token;
    }
}
