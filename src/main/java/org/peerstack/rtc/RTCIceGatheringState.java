package org.peerstack.rtc;

import java.util.Arrays;
import org.peerstack.exc.TypeException;

/** W3C {@code RTCIceGatheringState}. */
public enum RTCIceGatheringState {
    NEW("new"),
    GATHERING("gathering"),
    COMPLETE("complete");

    private final String token;

    RTCIceGatheringState(String token) {
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
    public static RTCIceGatheringState fromToken(String token) {
        for (RTCIceGatheringState value : values()) {
            if (value.token.equals(token)) {
                return value;
            }
        }
        throw new TypeException("'" + token + "' is not a valid RTCIceGatheringState; expected one of "
                + Arrays.stream(values()).map(RTCIceGatheringState::token).toList());
    }

    @Override
    public String toString() {
        return token;
    }
}
