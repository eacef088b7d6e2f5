package org.peerstack.rtc;

import java.util.Arrays;
import org.peerstack.exc.TypeException;

/** W3C {@code RTCBundlePolicy}: how media is bundled onto transports. */
public enum RTCBundlePolicy {
    /** One transport per media kind unless the remote bundles. */
    BALANCED("balanced"),
    /** One transport per track unless the remote bundles. */
    MAX_COMPAT("max-compat"),
    /** A single transport for everything. */
    MAX_BUNDLE("max-bundle");

    private final String token;

    RTCBundlePolicy(String token) {
        this.token = token;
    }

    /** The W3C string value, e.g. {@code "balanced"}. */
    public String token() {
        return token;
    }

    /**
     * The constant whose W3C string is {@code token}.
     *
     * @throws TypeException if no constant has that token (the WebIDL enum check)
     */
    public static RTCBundlePolicy fromToken(String token) {
        for (RTCBundlePolicy value : values()) {
            if (value.token.equals(token)) {
                return value;
            }
        }
        throw new TypeException("'" + token + "' is not a valid RTCBundlePolicy; expected one of "
                + Arrays.stream(values()).map(RTCBundlePolicy::token).toList());
    }

    @Override
    public String toString() {
        return token;
    }
}
