package org.peerstack.internal.rtc;

import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.RTCDataChannel;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCIceConnectionState;
import dev.onvoid.webrtc.RTCIceGatheringState;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.RTCRtpReceiver;
import dev.onvoid.webrtc.RTCRtpTransceiver;
import dev.onvoid.webrtc.RTCSignalingState;
import dev.onvoid.webrtc.media.MediaStream;

/**
 * libwebrtc's observer for one connection. It runs on libwebrtc's signalling thread: it converts what it
 * is given to W3C types and either reports it inline (state bookkeeping, see {@link PeerEvents}) or hops
 * to the connection's executor. Nothing here calls back into libwebrtc except reads on the objects a
 * callback hands over.
 */
final class NativeObserver implements PeerConnectionObserver {

    private final NativePeer peer;
    private final PeerEvents events;

    NativeObserver(NativePeer peer, PeerEvents events) {
        this.peer = peer;
        this.events = events;
    }

    /** Runs {@code task} on the connection's executor with its native lock, unless it has closed by then. */
    private void later(Runnable task) {
        peer.executor().execute(() -> {
            synchronized (peer.lock()) {
                if (!peer.isClosed()) {
                    task.run();
                }
            }
        });
    }

    /** Runs {@code task} right here on libwebrtc's thread, unless the connection closed. */
    private void inline(Runnable task) {
        if (!peer.isClosed()) {
            task.run();
        }
    }

    @Override
    public void onSignalingChange(RTCSignalingState state) {
        org.peerstack.rtc.RTCSignalingState next = switch (state) {
            case STABLE -> org.peerstack.rtc.RTCSignalingState.STABLE;
            case HAVE_LOCAL_OFFER -> org.peerstack.rtc.RTCSignalingState.HAVE_LOCAL_OFFER;
            case HAVE_LOCAL_PR_ANSWER -> org.peerstack.rtc.RTCSignalingState.HAVE_LOCAL_PRANSWER;
            case HAVE_REMOTE_OFFER -> org.peerstack.rtc.RTCSignalingState.HAVE_REMOTE_OFFER;
            case HAVE_REMOTE_PR_ANSWER -> org.peerstack.rtc.RTCSignalingState.HAVE_REMOTE_PRANSWER;
            case CLOSED -> org.peerstack.rtc.RTCSignalingState.CLOSED;
        };
        inline(() -> events.signalingStateChanged(next));
    }

    @Override
    public void onIceGatheringChange(RTCIceGatheringState state) {
        org.peerstack.rtc.RTCIceGatheringState next = switch (state) {
            case NEW -> org.peerstack.rtc.RTCIceGatheringState.NEW;
            case GATHERING -> org.peerstack.rtc.RTCIceGatheringState.GATHERING;
            case COMPLETE -> org.peerstack.rtc.RTCIceGatheringState.COMPLETE;
        };
        inline(() -> events.iceGatheringStateChanged(next));
    }

    @Override
    public void onIceCandidate(RTCIceCandidate candidate) {
        org.peerstack.rtc.RTCIceCandidate copy =
                new org.peerstack.rtc.RTCIceCandidate(candidate.sdp, candidate.sdpMid, candidate.sdpMLineIndex);
        inline(() -> events.iceCandidate(copy));
    }

    @Override
    public void onIceConnectionChange(RTCIceConnectionState state) {
        // The standardized callback below carries the W3C state machine; this legacy one is ignored.
    }

    @Override
    public void onStandardizedIceConnectionChange(RTCIceConnectionState state) {
        org.peerstack.rtc.RTCIceConnectionState next = switch (state) {
            case NEW -> org.peerstack.rtc.RTCIceConnectionState.NEW;
            case CHECKING -> org.peerstack.rtc.RTCIceConnectionState.CHECKING;
            case CONNECTED -> org.peerstack.rtc.RTCIceConnectionState.CONNECTED;
            case COMPLETED -> org.peerstack.rtc.RTCIceConnectionState.COMPLETED;
            case FAILED -> org.peerstack.rtc.RTCIceConnectionState.FAILED;
            case DISCONNECTED -> org.peerstack.rtc.RTCIceConnectionState.DISCONNECTED;
            case CLOSED -> org.peerstack.rtc.RTCIceConnectionState.CLOSED;
        };
        inline(() -> events.iceConnectionStateChanged(next));
    }

    @Override
    public void onConnectionChange(RTCPeerConnectionState state) {
        org.peerstack.rtc.RTCPeerConnectionState next = switch (state) {
            case NEW -> org.peerstack.rtc.RTCPeerConnectionState.NEW;
            case CONNECTING -> org.peerstack.rtc.RTCPeerConnectionState.CONNECTING;
            case CONNECTED -> org.peerstack.rtc.RTCPeerConnectionState.CONNECTED;
            case DISCONNECTED -> org.peerstack.rtc.RTCPeerConnectionState.DISCONNECTED;
            case FAILED -> org.peerstack.rtc.RTCPeerConnectionState.FAILED;
            case CLOSED -> org.peerstack.rtc.RTCPeerConnectionState.CLOSED;
        };
        inline(() -> events.connectionStateChanged(next));
    }

    @Override
    public void onRenegotiationNeeded() {
        later(events::negotiationNeeded);
    }

    @Override
    public void onDataChannel(RTCDataChannel channel) {
        // Frees the native channel if the connection closed meanwhile.
        peer.executor().execute(() -> {
            synchronized (peer.lock()) {
                if (peer.isClosed()) {
                    channel.dispose();
                } else {
                    events.dataChannel(new NativeDataChannel(channel));
                }
            }
        });
    }

    @Override
    public void onAddTrack(RTCRtpReceiver receiver, MediaStream[] streams) {
        // Ignored: webrtc-java 0.14.0 gives streams whose id() is null. onTrack reads the ids from the SDP.
    }

    @Override
    public void onTrack(RTCRtpTransceiver transceiver) {
        // Inline on the signalling thread: the native reads the handler makes are direct calls here, while
        // from any other thread each would wait for this thread, delaying the setRemoteDescription running.
        if (!peer.isClosed()) {
            events.track(new NativeTransceiver(transceiver));
        }
    }

    @Override
    public void onRemoveTrack(RTCRtpReceiver receiver) {
        String trackId = receiver.getTrack().getId();
        later(() -> events.trackRemoved(trackId));
    }
}
