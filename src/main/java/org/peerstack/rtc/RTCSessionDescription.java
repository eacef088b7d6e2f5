package org.peerstack.rtc;

import java.util.Objects;

/**
 * W3C {@code RTCSessionDescription} (and {@code RTCSessionDescriptionInit}): an SDP blob and its type.
 * Immutable. {@link #toString()} prints the type and the SDP's length, never the SDP itself (it carries
 * ICE credentials and DTLS fingerprints).
 *
 * @param type the description type
 * @param sdp  the SDP text; empty only for {@link RTCSdpType#ROLLBACK}
 */
public record RTCSessionDescription(RTCSdpType type, String sdp) {

    public RTCSessionDescription {
        Objects.requireNonNull(type, "type");
        sdp = sdp == null ? "" : sdp;
    }

    public static RTCSessionDescription offer(String sdp) {
        return new RTCSessionDescription(RTCSdpType.OFFER, sdp);
    }

    public static RTCSessionDescription answer(String sdp) {
        return new RTCSessionDescription(RTCSdpType.ANSWER, sdp);
    }

    public static RTCSessionDescription rollback() {
        return new RTCSessionDescription(RTCSdpType.ROLLBACK, "");
    }

    @Override
    public String toString() {
        return "RTCSessionDescription[type=" + type.token() + ", sdp=" + sdp.length() + " chars]";
    }
}
