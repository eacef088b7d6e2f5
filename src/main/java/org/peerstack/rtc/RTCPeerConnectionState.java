package org.peerstack.rtc;

import java.util.Arrays;
import org.peerstack.exc.TypeException;

/** W3C {@code RTCPeerConnectionState}: the aggregate of ICE and DTLS transport states. */
public enum RTCPeerConnectionState {
    NEW("new"),
    CONNECTING("connecting"),
    CONNECTED("connected"),
    DISCONNECTED("disconnected"),
    FAILED("failed"),
    CLOSED("closed");

    private final String token;

    RTCPeerConnectionState(String token) {
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
    public static RTCPeerConnectionState fromToken(String token) {
        for (RTCPeerConnectionState value : values()) {
            if (value.token.equals(token)) {
                return value;
            }
        }
        throw new TypeException("'" + token + "' is not a valid RTCPeerConnectionState; expected one of "
                + Arrays.stream(values()).map(RTCPeerConnectionState::token).toList());
    }

    @Override
    public String toString() {
        return token;
    }
}
