package org.peerstack.sfu.internal.forward;

/**
 * Milestones of a publisher or subscriber session, reported on the media I/O thread to the public
 * object that wraps it (which fires the user-visible events on the peerstack event thread).
 */
public interface SessionEvents {

    /** DTLS completed; media flows. */
    void connected();

    /** The session ended; {@code reason} says why. Reported once. */
    void closed(String reason);

    /** (Subscribers) the set of tracks changed: the application should call createOffer again. */
    void negotiationNeeded();
}
