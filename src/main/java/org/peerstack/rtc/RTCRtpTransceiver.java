package org.peerstack.rtc;

import java.util.List;
import org.peerstack.exc.InvalidStateException;
import org.peerstack.internal.rtc.NativeTransceiver;

/**
 * W3C {@code RTCRtpTransceiver}: a sender and a receiver sharing one m-line. Direction changes take effect
 * at the next negotiation ({@code negotiationneeded} fires). After the connection closed, methods that
 * need libwebrtc throw {@link org.peerstack.exc.InvalidStateException} (the native object is gone).
 */
public final class RTCRtpTransceiver {

    private final RTCPeerConnection connection;
    private final NativeTransceiver transceiver;
    private final RTCRtpSender sender;
    private final RTCRtpReceiver receiver;
    /**
     * libwebrtc removed the native transceiver (stopped, then negotiated away) and freed it: its
     * webrtc-java handle dangles, so no method may make a native call on it again.
     */
    private volatile boolean removed;

    RTCRtpTransceiver(RTCPeerConnection connection, NativeTransceiver transceiver, RTCRtpSender sender,
                      RTCRtpReceiver receiver) {
        this.connection = connection;
        this.transceiver = transceiver;
        this.sender = sender;
        this.receiver = receiver;
    }

    /** The media id negotiated for this transceiver, or null before negotiation or once it is removed. */
    public String mid() {
        return removed ? null : connection.peer.withLock("mid", transceiver::mid);
    }

    public RTCRtpSender sender() {
        return sender;
    }

    public RTCRtpReceiver receiver() {
        return receiver;
    }

    public RTCRtpTransceiverDirection direction() {
        return removed ? RTCRtpTransceiverDirection.STOPPED : connection.peer.withLock("direction", transceiver::direction);
    }

    /** @throws InvalidStateException once the transceiver is stopped and removed (W3C: InvalidStateError) */
    public void setDirection(RTCRtpTransceiverDirection direction) {
        if (removed) {
            throw new InvalidStateException("the transceiver is stopped");
        }
        connection.peer.withLock("setDirection", () -> {
            transceiver.setDirection(direction);
            return null;
        });
    }

    /** The direction negotiated last, or null before negotiation. */
    public RTCRtpTransceiverDirection currentDirection() {
        return removed ? RTCRtpTransceiverDirection.STOPPED
                : connection.peer.withLock("currentDirection", transceiver::currentDirection);
    }

    /**
     * Orders (and limits) the codecs negotiated for this transceiver; pick them from
     * {@link WebRtcEngine#receiverCapabilities}. Takes effect at the next offer or answer.
     */
    public void setCodecPreferences(List<RTCRtpCodecCapability> codecs) {
        List<RTCRtpCodecCapability> copy = List.copyOf(codecs);
        if (removed) {
            return;
        }
        connection.peer.withLock("setCodecPreferences", () -> {
            transceiver.setCodecPreferences(copy);
            return null;
        });
    }

    /** Stops sending and receiving for good (the receiver's track ends). */
    public void stop() {
        if (removed) {
            return;
        }
        connection.peer.withLock("stop", () -> {
            transceiver.stop();
            return null;
        });
    }

    /** Called once libwebrtc no longer lists the native transceiver (see {@link #removed}). */
    void markRemoved() {
        removed = true;
    }

    NativeTransceiver nativeTransceiver() {
        return transceiver;
    }
}
