package org.peerstack.rtc;

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
import org.peerstack.event.Event;

/**
 * libwebrtc's observer for one connection. It runs on libwebrtc's signalling thread, so it only copies
 * what it is given and hops to the connection's executor, where state is updated and events fired.
 * Nothing here calls back into libwebrtc on the signalling thread.
 */
final class NativeObserver implements PeerConnectionObserver {

    private final RTCPeerConnection connection;

    NativeObserver(RTCPeerConnection connection) {
        this.connection = connection;
    }

    /** Runs {@code task} on the connection's executor with its native lock, unless it has closed by then. */
    private void later(Runnable task) {
        connection.executor.execute(() -> {
            synchronized (connection.nativeLock) {
                if (!connection.closed) {
                    task.run();
                }
            }
        });
    }

    /**
     * Runs {@code task} right here on libwebrtc's thread: only for state bookkeeping that writes volatile
     * fields and queues events (never a native call, never user code), so that a future completed after
     * this callback already sees the new state.
     */
    private void inline(Runnable task) {
        if (!connection.closed) {
            task.run();
        }
    }

    private void fire(org.peerstack.event.EventType<Event> type) {
        connection.events.dispatch(new Event(type, connection));
    }

    @Override
    public void onSignalingChange(RTCSignalingState state) {
        inline(() -> {
            org.peerstack.rtc.RTCSignalingState next = switch (state) {
                case STABLE -> org.peerstack.rtc.RTCSignalingState.STABLE;
                case HAVE_LOCAL_OFFER -> org.peerstack.rtc.RTCSignalingState.HAVE_LOCAL_OFFER;
                case HAVE_LOCAL_PR_ANSWER -> org.peerstack.rtc.RTCSignalingState.HAVE_LOCAL_PRANSWER;
                case HAVE_REMOTE_OFFER -> org.peerstack.rtc.RTCSignalingState.HAVE_REMOTE_OFFER;
                case HAVE_REMOTE_PR_ANSWER -> org.peerstack.rtc.RTCSignalingState.HAVE_REMOTE_PRANSWER;
                case CLOSED -> org.peerstack.rtc.RTCSignalingState.CLOSED;
            };
            if (next != connection.signalingState) {
                connection.signalingState = next;
                fire(RTCPeerConnection.SIGNALING_STATE_CHANGE);
            }
            connection.executor.execute(connection::maybeFireNegotiationNeeded);
        });
    }

    @Override
    public void onIceGatheringChange(RTCIceGatheringState state) {
        inline(() -> {
            org.peerstack.rtc.RTCIceGatheringState next = switch (state) {
                case NEW -> org.peerstack.rtc.RTCIceGatheringState.NEW;
                case GATHERING -> org.peerstack.rtc.RTCIceGatheringState.GATHERING;
                case COMPLETE -> org.peerstack.rtc.RTCIceGatheringState.COMPLETE;
            };
            if (next != connection.iceGatheringState) {
                connection.iceGatheringState = next;
                fire(RTCPeerConnection.ICE_GATHERING_STATE_CHANGE);
                if (next == org.peerstack.rtc.RTCIceGatheringState.COMPLETE) {
                    connection.dispatchIce(new RTCPeerConnectionIceEvent(RTCPeerConnection.ICE_CANDIDATE, connection, null));
                }
            }
        });
    }

    @Override
    public void onIceCandidate(RTCIceCandidate candidate) {
        org.peerstack.rtc.RTCIceCandidate copy =
                new org.peerstack.rtc.RTCIceCandidate(candidate.sdp, candidate.sdpMid, candidate.sdpMLineIndex);
        inline(() -> connection.dispatchIce(new RTCPeerConnectionIceEvent(RTCPeerConnection.ICE_CANDIDATE, connection, copy)));
    }

    @Override
    public void onIceConnectionChange(RTCIceConnectionState state) {
        // The standardized callback below carries the W3C state machine; this legacy one is ignored.
    }

    @Override
    public void onStandardizedIceConnectionChange(RTCIceConnectionState state) {
        inline(() -> {
            org.peerstack.rtc.RTCIceConnectionState next = switch (state) {
                case NEW -> org.peerstack.rtc.RTCIceConnectionState.NEW;
                case CHECKING -> org.peerstack.rtc.RTCIceConnectionState.CHECKING;
                case CONNECTED -> org.peerstack.rtc.RTCIceConnectionState.CONNECTED;
                case COMPLETED -> org.peerstack.rtc.RTCIceConnectionState.COMPLETED;
                case FAILED -> org.peerstack.rtc.RTCIceConnectionState.FAILED;
                case DISCONNECTED -> org.peerstack.rtc.RTCIceConnectionState.DISCONNECTED;
                case CLOSED -> org.peerstack.rtc.RTCIceConnectionState.CLOSED;
            };
            if (next != connection.iceConnectionState) {
                connection.iceConnectionState = next;
                fire(RTCPeerConnection.ICE_CONNECTION_STATE_CHANGE);
            }
        });
    }

    @Override
    public void onConnectionChange(RTCPeerConnectionState state) {
        inline(() -> {
            org.peerstack.rtc.RTCPeerConnectionState next = switch (state) {
                case NEW -> org.peerstack.rtc.RTCPeerConnectionState.NEW;
                case CONNECTING -> org.peerstack.rtc.RTCPeerConnectionState.CONNECTING;
                case CONNECTED -> org.peerstack.rtc.RTCPeerConnectionState.CONNECTED;
                case DISCONNECTED -> org.peerstack.rtc.RTCPeerConnectionState.DISCONNECTED;
                case FAILED -> org.peerstack.rtc.RTCPeerConnectionState.FAILED;
                case CLOSED -> org.peerstack.rtc.RTCPeerConnectionState.CLOSED;
            };
            if (next != connection.connectionState) {
                connection.connectionState = next;
                fire(RTCPeerConnection.CONNECTION_STATE_CHANGE);
            }
        });
    }

    @Override
    public void onRenegotiationNeeded() {
        later(connection.signalingEvents::negotiationNeeded);
    }

    @Override
    public void onDataChannel(RTCDataChannel channel) {
        executorOrDispose(channel, () -> {
            org.peerstack.rtc.RTCDataChannel wrapped = new org.peerstack.rtc.RTCDataChannel(channel, connection.executor, null, connection.nativeLock);
            connection.channels.add(wrapped);
            connection.events.dispatch(new RTCDataChannelEvent(RTCPeerConnection.DATA_CHANNEL, connection, wrapped),
                    wrapped::announced);
        });
    }

    /** Like {@link #later} but frees the native channel if the connection closed meanwhile. */
    private void executorOrDispose(RTCDataChannel channel, Runnable task) {
        connection.executor.execute(() -> {
            synchronized (connection.nativeLock) {
                if (connection.closed) {
                    channel.dispose();
                } else {
                    task.run();
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
        // Inline on the signalling thread: the native reads below are direct calls here, while from any other
        // thread each would wait for this thread, delaying the setRemoteDescription that is running.
        if (!connection.closed) {
            connection.remote.onTrack(transceiver, transceiver.getReceiver().getTrack(), transceiver.getMid());
        }
    }

    @Override
    public void onRemoveTrack(RTCRtpReceiver receiver) {
        String trackId = receiver.getTrack().getId();
        later(() -> connection.remote.onRemoveTrack(trackId));
    }
}
