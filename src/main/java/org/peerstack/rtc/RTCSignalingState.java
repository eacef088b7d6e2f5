package org.peerstack.rtc;

import java.util.Arrays;
import org.peerstack.exc.TypeException;

/** W3C {@code RTCSignalingState}: where the offer/answer exchange stands. */
public enum RTCSignalingState {
    STABLE("stable"),
    HAVE_LOCAL_OFFER("have-local-offer"),
    HAVE_REMOTE_OFFER("have-remote-offer"),
    HAVE_LOCAL_PRANSWER("have-local-pranswer"),
    HAVE_REMOTE_PRANSWER("have-remote-pranswer"),
    CLOSED("closed");

    private final String token;

    RTCSignalingState(String token) {
        this.token = token;
    }

    /** The W3C string value, e.g. {@code "stable"}. */
    public String token() {
        return token;
    }

    /**
     * The constant whose W3C string is {@code token}.
     *
     * @throws TypeException if no constant has that token (the WebIDL enum check)
     */
    public static RTCSignalingState fromToken(String token) {
        for (RTCSignalingState value : values()) {
            if (value.token.equals(token)) {
                return value;
            }
        }
        throw new TypeException("'" + token + "' is not a valid RTCSignalingState; expected one of "
                + Arrays.stream(values()).map(RTCSignalingState::token).toList());
    }

    @Override
    public String toString() {
        return token;
    }
}
