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
 *
 * <p>A pending negotiationneeded lives within one {@code stable} period. libwebrtc reports the need only
 * in {@code stable} and, as W3C's "update the negotiation-needed flag" says, reports it again each time
 * the connection returns to {@code stable} (after an answer or a rollback) while the need remains. Its
 * report reaches us one hop later, on the connection's executor, so one made before an offer can arrive
 * after that offer went out: counted, it made a second, empty offer after every glare (issue 18). So a
 * report that arrives when the connection is no longer {@code stable} is dropped, and a pending one is
 * cleared when the connection leaves {@code stable}: libwebrtc reports what is still needed on the return.
 */
final class SignalingEvents {

    private final RTCPeerConnection connection;
    private final List<RTCPeerConnectionIceEvent> held = new ArrayList<>();
    private boolean negotiationNeededPending;
    /** negotiationneeded fired in the current stable period (W3C: the flag is already set); guarded by {@code this}. */
    private boolean firedWhileStable;
    /** Open {@link RTCPeerConnection#batch} scopes; guarded by {@code this}. */
    private int openBatches;

    SignalingEvents(RTCPeerConnection connection) {
        this.connection = connection;
    }

    /** libwebrtc says negotiation is needed; fire when allowed (dropped out of {@code stable}, see the class doc). */
    void negotiationNeeded() {
        synchronized (this) {
            if (connection.signalingState() != RTCSignalingState.STABLE || firedWhileStable) {
                return;
            }
            negotiationNeededPending = true;
        }
        maybeFireNegotiationNeeded();
    }

    /**
     * A listener could not act on the event it got (a remote offer was being answered): fire once more when
     * allowed, in this stable period or the next. Used by {@link PerfectNegotiation}.
     */
    void negotiationNeededAgain() {
        synchronized (this) {
            negotiationNeededPending = true;
            firedWhileStable = false;
        }
        maybeFireNegotiationNeeded();
    }

    /**
     * The signaling state changed (inline on libwebrtc's thread): leaving {@code stable} clears a pending
     * negotiationneeded, which libwebrtc reports again on the return to {@code stable} if still needed.
     */
    void signalingStateChanged(RTCSignalingState state) {
        if (state != RTCSignalingState.STABLE) {
            synchronized (this) {
                negotiationNeededPending = false;
                firedWhileStable = false;
            }
        }
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
            firedWhileStable = true;
        }
        connection.events.dispatch(new Event(RTCPeerConnection.NEGOTIATION_NEEDED, connection));
    }
}
