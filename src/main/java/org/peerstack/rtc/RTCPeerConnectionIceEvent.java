package org.peerstack.rtc;

import java.util.Optional;
import org.peerstack.event.Event;
import org.peerstack.event.EventType;

/**
 * W3C {@code RTCPeerConnectionIceEvent}: a new local ICE candidate to send to the remote peer, or, with
 * no candidate, the end of gathering (the browser's {@code event.candidate === null}).
 */
public final class RTCPeerConnectionIceEvent extends Event {

    private final RTCIceCandidate candidate;

    public RTCPeerConnectionIceEvent(EventType<RTCPeerConnectionIceEvent> type, Object target, RTCIceCandidate candidate) {
        super(type, target);
        this.candidate = candidate;
    }

    /** The candidate, or empty when gathering has completed. */
    public Optional<RTCIceCandidate> candidate() {
        return Optional.ofNullable(candidate);
    }
}
