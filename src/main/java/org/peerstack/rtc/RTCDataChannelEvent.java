package org.peerstack.rtc;

import org.peerstack.event.Event;
import org.peerstack.event.EventType;

/** W3C {@code RTCDataChannelEvent}: the remote peer opened a data channel. */
public final class RTCDataChannelEvent extends Event {

    private final RTCDataChannel channel;

    public RTCDataChannelEvent(EventType<RTCDataChannelEvent> type, Object target, RTCDataChannel channel) {
        super(type, target);
        this.channel = required(channel, "RTCDataChannelEvent", "channel");
    }

    public RTCDataChannel channel() {
        return channel;
    }
}
