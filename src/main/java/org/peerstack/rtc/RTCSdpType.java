package org.peerstack.rtc;

import java.util.Arrays;
import org.peerstack.exc.TypeException;

/** W3C {@code RTCSdpType}. */
public enum RTCSdpType {
    OFFER("offer"),
    PRANSWER("pranswer"),
    ANSWER("answer"),
    ROLLBACK("rollback");

    private final String token;

    RTCSdpType(String token) {
        this.token = token;
    }

    /** The W3C string value, e.g. {@code "offer"}. */
    public String token() {
        return token;
    }

    /**
     * The constant whose W3C string is {@code token}.
     *
     * @throws TypeException if no constant has that token (the WebIDL enum check)
     */
    public static RTCSdpType fromToken(String token) {
        for (RTCSdpType value : values()) {
            if (value.token.equals(token)) {
                return value;
            }
        }
        throw new TypeException("'" + token + "' is not a valid RTCSdpType; expected one of "
                + Arrays.stream(values()).map(RTCSdpType::token).toList());
    }

    @Override
    public String toString() {
        return token;
    }
}
