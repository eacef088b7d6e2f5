package org.peerstack.rtc;

import java.util.Arrays;
import org.peerstack.exc.TypeException;

/** W3C {@code RTCDataChannelState}. */
public enum RTCDataChannelState {
    CONNECTING("connecting"),
    OPEN("open"),
    CLOSING("closing"),
    CLOSED("closed");

    private final String token;

    RTCDataChannelState(String token) {
        this.token = token;
    }

    /** The W3C string value, e.g. {@code "connecting"}. */
    public String token() {
        return token;
    }

    /**
     * The constant whose W3C string is {@code token}.
     *
     * @throws TypeException if no constant has that token (the WebIDL enum check)
     */
    public static RTCDataChannelState fromToken(String token) {
        for (RTCDataChannelState value : values()) {
            if (value.token.equals(token)) {
                return value;
            }
        }
        throw new TypeException("'" + token + "' is not a valid RTCDataChannelState; expected one of "
                + Arrays.stream(values()).map(RTCDataChannelState::token).toList());
    }

    @Override
    public String toString() {
        return token;
    }
}
