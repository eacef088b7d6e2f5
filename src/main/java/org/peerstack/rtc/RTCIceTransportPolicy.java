package org.peerstack.rtc;

import java.util.Arrays;
import org.peerstack.exc.TypeException;

/** W3C {@code RTCIceTransportPolicy}: which ICE candidates may be used. */
public enum RTCIceTransportPolicy {
    /** Only relayed (TURN) candidates. */
    RELAY("relay"),
    /** Every candidate type. */
    ALL("all");

    private final String token;

    RTCIceTransportPolicy(String token) {
        this.token = token;
    }

    /** The W3C string value, e.g. {@code "relay"}. */
    public String token() {
        return token;
    }

    /**
     * The constant whose W3C string is {@code token}.
     *
     * @throws TypeException if no constant has that token (the WebIDL enum check)
     */
    public static RTCIceTransportPolicy fromToken(String token) {
        for (RTCIceTransportPolicy value : values()) {
            if (value.token.equals(token)) {
                return value;
            }
        }
        throw new TypeException("'" + token + "' is not a valid RTCIceTransportPolicy; expected one of "
                + Arrays.stream(values()).map(RTCIceTransportPolicy::token).toList());
    }

    @Override
    public String toString() {
        return token;
    }
}
