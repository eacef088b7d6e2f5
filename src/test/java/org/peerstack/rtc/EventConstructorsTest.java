package org.peerstack.rtc;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.peerstack.exc.TypeException;

/** WebIDL: a missing required member of an event's init is a TypeError ({@link TypeException}), never an NPE. */
class EventConstructorsTest {

    private final Object target = new Object();

    @Test
    void aMissingRequiredMemberIsATypeException() {
        assertThatThrownBy(() -> new RTCDataChannelEvent(RTCPeerConnection.DATA_CHANNEL, target, null))
                .isInstanceOf(TypeException.class).hasMessageContaining("channel");
        assertThatThrownBy(() -> new RTCTrackEvent(RTCPeerConnection.TRACK, target, null, List.of(), null))
                .isInstanceOf(TypeException.class).hasMessageContaining("receiver");
        assertThatThrownBy(() -> new MessageEvent(RTCDataChannel.MESSAGE, target, null, false))
                .isInstanceOf(TypeException.class).hasMessageContaining("data");
        assertThatThrownBy(() -> new NegotiationErrorEvent(PerfectNegotiation.ERROR, target, null, new RuntimeException()))
                .isInstanceOf(TypeException.class).hasMessageContaining("descriptionType");
        assertThatThrownBy(() -> new RTCDataChannelEvent(RTCPeerConnection.DATA_CHANNEL, null, null))
                .isInstanceOf(TypeException.class).hasMessageContaining("target");
    }
}
