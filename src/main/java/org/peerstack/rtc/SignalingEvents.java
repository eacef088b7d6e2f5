package org.peerstack.rtc;

import java.util.ArrayList;
import java.util.List;
import org.peerstack.event.Event;

/**
 * When a connection may fire {@code icecandidate} and {@code negotiationneeded}: {@code icecandidate} events
 * are held while an operation is pending and released, in order, when the operations chain is idle, i.e.
 * after the future of the setLocalDescription that gathered them completed and the stages attached to it
 * before it completed returned; and held while {@link #holdCandidates} is in effect (a
 * {@link PerfectNegotiation} hands its description to the signaling channel). negotiationneeded fires only
 * in {@code stable} with no operation pending, as the W3C algorithm says, and never while a
 * {@link RTCPeerConnection#batch batch} of changes is open: a batch's changes make one offer. Runs on the
 * connection's executor or libwebrtc's thread, never holding a lock across a native call.
 *
 * <p>The chain alone cannot order a description before its candidates for every caller: a stage attached to
 * the future after it completed runs at once on the attaching thread, possibly after the chain went idle
 * and the candidates were released. That is common: libwebrtc often completes setRemoteDescription (and a
 * setLocalDescription of a given description) before its blocking native call has returned to the caller,
 * so the caller's next statement already finds the future done. {@link PerfectNegotiation} answered a
 * remote offer this way in about 4 calls of 100, and the remote peer refused the answerer's first candidates
 * ("addIceCandidate needs a remote description first"); it now holds the events from before its
 * setLocalDescription until the description was handed out.
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
    /** Open {@link #holdCandidates} scopes; guarded by {@link #held}. */
    private int candidateHolds;
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
            if (candidateHolds == 0 && connection.operations.isIdle() && held.isEmpty()) {
                connection.events.dispatch(event);
            } else {
                held.add(event);
            }
        }
    }

    /**
     * Holds {@code icecandidate} events until the matching {@link #releaseCandidates}: called before a
     * setLocalDescription whose description is handed to the signaling channel when it completes, so the
     * candidates it gathers reach the channel after the description even when the stage that hands it out
     * runs after the operations chain went idle. Holds nest; every one must be released.
     */
    void holdCandidates() {
        synchronized (held) {
            candidateHolds++;
        }
    }

    /** Ends one {@link #holdCandidates}; after the last, held events are delivered (once the chain is idle). */
    void releaseCandidates() {
        synchronized (held) {
            if (candidateHolds == 0) {
                throw new IllegalStateException("releaseCandidates without holdCandidates");
            }
            candidateHolds--;
            releaseHeldIfAllowed();
        }
    }

    /** The operations chain became idle: release held candidates, re-check negotiationneeded. */
    void operationsSettled() {
        if (connection.isClosed()) {
            return;
        }
        synchronized (held) {
            releaseHeldIfAllowed();
        }
        maybeFireNegotiationNeeded();
    }

    /** With {@link #held} locked: queues the held events for delivery, in order, if nothing holds them. */
    private void releaseHeldIfAllowed() {
        if (candidateHolds == 0 && !connection.isClosed() && connection.operations.isIdle()) {
            held.forEach(connection.events::dispatch);
            held.clear();
        }
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
