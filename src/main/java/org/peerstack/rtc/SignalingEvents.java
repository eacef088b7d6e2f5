package org.peerstack.rtc;

import java.util.ArrayList;
import java.util.List;
import org.peerstack.event.Event;

/**
 * When a connection may fire {@code icecandidate} and {@code negotiationneeded}: candidates gathered by a
 * setLocalDescription are held until that call (and every queued operation) settled, so an application
 * signals the description before its candidates; negotiationneeded fires only in {@code stable} with no
 * operation pending, as the W3C algorithm says. Runs on the connection's executor or libwebrtc's thread,
 * never holding a lock across a native call.
 */
final class SignalingEvents {

    private final RTCPeerConnection connection;
    private final List<RTCPeerConnectionIceEvent> held = new ArrayList<>();
    private volatile boolean negotiationNeededPending;

    SignalingEvents(RTCPeerConnection connection) {
        this.connection = connection;
    }

    /** libwebrtc says negotiation is needed; fire when allowed. */
    void negotiationNeeded() {
        negotiationNeededPending = true;
        maybeFireNegotiationNeeded();
    }

    void dispatchIce(RTCPeerConnectionIceEvent event) {
        synchronized (held) {
            if (connection.operations.isIdle() && held.isEmpty()) {
                connection.events.dispatch(event);
            } else {
                held.add(event);
            }
        }
    }

    /** The operations chain became idle: release held candidates, re-check negotiationneeded. */
    void operationsSettled() {
        if (connection.isClosed()) {
            return;
        }
        synchronized (held) {
            if (connection.operations.isIdle()) {
                held.forEach(connection.events::dispatch);
                held.clear();
            }
        }
        maybeFireNegotiationNeeded();
    }

    void maybeFireNegotiationNeeded() {
        if (connection.isClosed() || !negotiationNeededPending) {
            return;
        }
        if (connection.signalingState() == RTCSignalingState.STABLE && connection.operations.isIdle()) {
            negotiationNeededPending = false;
            connection.events.dispatch(new Event(RTCPeerConnection.NEGOTIATION_NEEDED, connection));
        }
    }
}
