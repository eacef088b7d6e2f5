package org.peerstack.rtc;

import java.util.Arrays;
import org.peerstack.exc.TypeException;

/** W3C {@code RTCIceConnectionState}. */
public enum RTCIceConnectionState {
    NEW("new"),
    CHECKING("checking"),
    CONNECTED("connected"),
    COMPLETED("completed"),
    DISCONNECTED("disconnected"),
    FAILED("failed"),
    CLOSED("closed");

    private final String token;

    RTCIceConnectionState(String token) {
        this.token = token;
    }

    /** The W3C string value, e.g. {@code "new"}. */
    public String token() {
        return token;
    }

    /**
     * The constant whose W3C string is {@code token}.
     *
     * @throws TypeException if no constant has that token (the WebIDL enum check)
     */
    public static RTCIceConnectionState fromToken(String token) {
        for (RTCIceConnectionState value : values()) {
            if (value.token.equals(token)) {
                return value;
            }
        }
        throw new TypeException("'" + token + "' is not a valid RTCIceConnectionState; expected one of "
                + Arrays.stream(values()).map(RTCIceConnectionState::token).toList());
    }

    @Override
    public String toString() {
        return token;
    }
}
