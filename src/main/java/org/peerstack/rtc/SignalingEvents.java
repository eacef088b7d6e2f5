package org.peerstack.rtc;

import java.util.ArrayList;
import java.util.List;
import org.peerstack.event.Event;

/**
 * When a connection may fire {@code icecandidate} and {@code negotiationneeded}: candidates gathered by a
 * setLocalDescription are held until that call (and every queued operation) settled, so an application
 * signals the description before its candidates; negotiationneeded fires only in {@code stable} with no
 * operation pending, as the W3C algorithm says, and never while a {@link RTCPeerConnection#batch batch} of
 * changes is open: a batch's changes make one offer. Runs on the connection's executor or libwebrtc's
 * thread, never holding a lock across a native call.
 */
final class SignalingEvents {

    private final RTCPeerConnection connection;
    private final List<RTCPeerConnectionIceEvent> held = new ArrayList<>();
    private boolean negotiationNeededPending;
    /** Open {@link RTCPeerConnection#batch} scopes; guarded by {@code this}. */
    private int openBatches;

    SignalingEvents(RTCPeerConnection connection) {
        this.connection = connection;
    }

    /** libwebrtc says negotiation is needed; fire when allowed. */
    void negotiationNeeded() {
        synchronized (this) {
            negotiationNeededPending = true;
        }
        maybeFireNegotiationNeeded();
    }

    /** A batch of changes begins: negotiationneeded waits for its end. */
    synchronized void beginBatch() {
        openBatches++;
    }

    /** A batch ended; when it was the last one open, the held check runs on the connection's executor. */
    void endBatch() {
        boolean last;
        synchronized (this) {
            last = --openBatches == 0;
        }
        if (last && !connection.isClosed()) {
            connection.peer.executor().execute(this::maybeFireNegotiationNeeded);
        }
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
        synchronized (this) {
            if (connection.isClosed() || !negotiationNeededPending || openBatches > 0
                    || connection.signalingState() != RTCSignalingState.STABLE || !connection.operations.isIdle()) {
                return;
            }
            negotiationNeededPending = false;
        }
        connection.events.dispatch(new Event(RTCPeerConnection.NEGOTIATION_NEEDED, connection));
    }
}
