package org.peerstack.sfu;

import java.util.List;
import java.util.Objects;

/**
 * The SFU's ICE parameters for one connection after an ICE restart (the shape of W3C
 * {@code RTCIceParameters}, plus the SFU's candidates): the new {@code usernameFragment} and
 * {@code password}, and its host candidates as W3C {@code RTCIceCandidate.candidate} strings
 * ({@code "candidate:1 1 udp 2130706431 192.0.2.7 40000 typ host"}). The SFU is ICE-lite: these are
 * all its candidates.
 */
public record SfuIceParameters(String usernameFragment, String password, List<String> candidates) {

    public SfuIceParameters {
        Objects.requireNonNull(usernameFragment, "usernameFragment");
        Objects.requireNonNull(password, "password");
        candidates = List.copyOf(candidates);
    }

    /** Hides the password (it authenticates connectivity checks). */
    @Override
    public String toString() {
        return "SfuIceParameters[usernameFragment=" + usernameFragment + ", candidates=" + candidates + "]";
    }
}
