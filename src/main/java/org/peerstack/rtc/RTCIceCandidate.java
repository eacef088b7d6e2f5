package org.peerstack.rtc;

import java.util.Objects;

/**
 * W3C {@code RTCIceCandidate} (and {@code RTCIceCandidateInit}): one trickled ICE candidate. Immutable.
 *
 * <p>The end-of-candidates indication of a generation is the candidate with an empty
 * {@link #candidate()} string, as in browsers ({@link #endOfCandidates}); the {@code icecandidate} event
 * that ends gathering carries no candidate at all.
 *
 * @param candidate     the {@code candidate:} attribute value (without {@code a=}), or "" for end-of-candidates
 * @param sdpMid        media stream identification tag the candidate belongs to, or null
 * @param sdpMLineIndex index of the m-line the candidate belongs to, or null
 */
public record RTCIceCandidate(String candidate, String sdpMid, Integer sdpMLineIndex) {

    public RTCIceCandidate {
        Objects.requireNonNull(candidate, "candidate");
        if (sdpMid == null && sdpMLineIndex == null) {
            throw new org.peerstack.exc.TypeException("RTCIceCandidate needs sdpMid or sdpMLineIndex");
        }
        if (sdpMLineIndex != null && sdpMLineIndex < 0) {
            throw new org.peerstack.exc.TypeException("sdpMLineIndex must not be negative, got " + sdpMLineIndex);
        }
    }

    /** The end-of-candidates marker for the m-line identified by {@code sdpMid}. */
    public static RTCIceCandidate endOfCandidates(String sdpMid, int sdpMLineIndex) {
        return new RTCIceCandidate("", sdpMid, sdpMLineIndex);
    }

    /** True for the end-of-candidates marker. */
    public boolean isEndOfCandidates() {
        return candidate.isEmpty();
    }
}
