package org.peerstack.rtc;

import org.peerstack.event.Event;
import org.peerstack.event.EventType;
import org.peerstack.internal.rtc.NativeDataChannel;
import org.peerstack.internal.rtc.NativeTransceiver;
import org.peerstack.internal.rtc.PeerEvents;

/**
 * Turns what the native side reports into W3C state changes and events of one connection, on the
 * threads {@link PeerEvents} documents: state changes write the connection's state and queue events
 * inline; the rest runs on the connection's executor with its native lock.
 */
final class ConnectionEvents implements PeerEvents {

    private final RTCPeerConnection connection;

    ConnectionEvents(RTCPeerConnection connection) {
        this.connection = connection;
    }

    private void fire(EventType<Event> type) {
        connection.events.dispatch(new Event(type, connection));
    }

    @Override
    public void signalingStateChanged(RTCSignalingState state) {
        if (connection.updateSignalingState(state)) {
            fire(RTCPeerConnection.SIGNALING_STATE_CHANGE);
        }
        connection.signalingEvents.signalingStateChanged(state);
        connection.peer.executor().execute(connection.signalingEvents::maybeFireNegotiationNeeded);
    }

    @Override
    public void iceGatheringStateChanged(RTCIceGatheringState state) {
        if (connection.updateIceGatheringState(state)) {
            fire(RTCPeerConnection.ICE_GATHERING_STATE_CHANGE);
            if (state == RTCIceGatheringState.COMPLETE) {
                connection.signalingEvents.dispatchIce(
                        new RTCPeerConnectionIceEvent(RTCPeerConnection.ICE_CANDIDATE, connection, null));
            }
        }
    }

    @Override
    public void iceCandidate(RTCIceCandidate candidate) {
        connection.signalingEvents.dispatchIce(
                new RTCPeerConnectionIceEvent(RTCPeerConnection.ICE_CANDIDATE, connection, candidate));
    }

    @Override
    public void iceConnectionStateChanged(RTCIceConnectionState state) {
        if (connection.updateIceConnectionState(state)) {
            fire(RTCPeerConnection.ICE_CONNECTION_STATE_CHANGE);
        }
    }

    @Override
    public void connectionStateChanged(RTCPeerConnectionState state) {
        if (connection.updateConnectionState(state)) {
            fire(RTCPeerConnection.CONNECTION_STATE_CHANGE);
        }
    }

    @Override
    public void negotiationNeeded() {
        connection.signalingEvents.negotiationNeeded();
    }

    @Override
    public void dataChannel(NativeDataChannel channel) {
        RTCDataChannel wrapped = connection.media.adoptRemoteChannel(channel);
        connection.events.dispatch(new RTCDataChannelEvent(RTCPeerConnection.DATA_CHANNEL, connection, wrapped),
                wrapped::announced);
    }

    @Override
    public void track(NativeTransceiver transceiver) {
        connection.remote.onTrack(transceiver);
    }

    @Override
    public void trackRemoved(String receiverTrackId) {
        connection.remote.onRemoveTrack(receiverTrackId);
    }
}
