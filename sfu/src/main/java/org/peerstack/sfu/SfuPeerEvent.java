package org.peerstack.sfu;

import org.peerstack.event.Event;
import org.peerstack.event.EventType;

/** A milestone of an {@link SfuPublisher}, {@link SfuSubscriber} or {@link SfuMember}; {@link #reason()} is set for {@code close}. */
public final class SfuPeerEvent extends Event {

    private final String reason;

    public SfuPeerEvent(EventType<SfuPeerEvent> type, Object target, String reason) {
        super(type, target);
        this.reason = reason;
    }

    /** Why the peer closed ("" for other events). */
    public String reason() {
        return reason;
    }
}
