package org.peerstack.internal.rtc;

import org.peerstack.rtc.RTCIceCandidate;
import org.peerstack.rtc.RTCIceConnectionState;
import org.peerstack.rtc.RTCIceGatheringState;
import org.peerstack.rtc.RTCPeerConnectionState;
import org.peerstack.rtc.RTCSignalingState;

/**
 * What a {@link NativePeer} reports to the W3C layer, already converted to W3C types. The thread of
 * each call is part of the contract:
 * <ul>
 *   <li>state changes, candidates and {@link #track} run inline on libwebrtc's signalling thread and
 *       only while the connection is open: they write state, queue events, and never block, call user
 *       code or make native calls other than reads on the objects they are given;</li>
 *   <li>{@link #negotiationNeeded}, {@link #dataChannel} and {@link #trackRemoved} run on the
 *       connection's executor holding its native lock, only while it is open.</li>
 * </ul>
 * Not public API.
 */
public interface PeerEvents {

    void signalingStateChanged(RTCSignalingState state);

    void iceGatheringStateChanged(RTCIceGatheringState state);

    void iceCandidate(RTCIceCandidate candidate);

    void iceConnectionStateChanged(RTCIceConnectionState state);

    void connectionStateChanged(RTCPeerConnectionState state);

    void negotiationNeeded();

    void dataChannel(NativeDataChannel channel);

    void track(NativeTransceiver transceiver);

    void trackRemoved(String receiverTrackId);
}
