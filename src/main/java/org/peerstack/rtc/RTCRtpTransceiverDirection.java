package org.peerstack.rtc;

import java.util.Arrays;
import org.peerstack.exc.TypeException;

/** W3C {@code RTCRtpTransceiverDirection}. */
public enum RTCRtpTransceiverDirection {
    SENDRECV("sendrecv"),
    SENDONLY("sendonly"),
    RECVONLY("recvonly"),
    INACTIVE("inactive"),
    STOPPED("stopped");

    private final String token;

    RTCRtpTransceiverDirection(String token) {
        this.token = token;
    }

    /** The W3C string value, e.g. {@code "sendrecv"}. */
    public String token() {
        return token;
    }

    /**
     * The constant whose W3C string is {@code token}.
     *
     * @throws TypeException if no constant has that token (the WebIDL enum check)
     */
    public static RTCRtpTransceiverDirection fromToken(String token) {
        for (RTCRtpTransceiverDirection value : values()) {
            if (value.token.equals(token)) {
                return value;
            }
        }
        throw new TypeException("'" + token + "' is not a valid RTCRtpTransceiverDirection; expected one of "
                + Arrays.stream(values()).map(RTCRtpTransceiverDirection::token).toList());
    }

    @Override
    public String toString() {
        return token;
    }
}
