package org.peerstack.rtc;

import java.util.List;
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

    RTCRtpTransceiver(RTCPeerConnection connection, NativeTransceiver transceiver, RTCRtpSender sender,
                      RTCRtpReceiver receiver) {
        this.connection = connection;
        this.transceiver = transceiver;
        this.sender = sender;
        this.receiver = receiver;
    }

    /** The media id negotiated for this transceiver, or null before negotiation. */
    public String mid() {
        return connection.peer.withLock("mid", transceiver::mid);
    }

    public RTCRtpSender sender() {
        return sender;
    }

    public RTCRtpReceiver receiver() {
        return receiver;
    }

    public RTCRtpTransceiverDirection direction() {
        return connection.peer.withLock("direction", transceiver::direction);
    }

    public void setDirection(RTCRtpTransceiverDirection direction) {
        connection.peer.withLock("setDirection", () -> {
            transceiver.setDirection(direction);
            return null;
        });
    }

    /** The direction negotiated last, or null before negotiation. */
    public RTCRtpTransceiverDirection currentDirection() {
        return connection.peer.withLock("currentDirection", transceiver::currentDirection);
    }

    /**
     * Orders (and limits) the codecs negotiated for this transceiver; pick them from
     * {@link WebRtcEngine#receiverCapabilities}. Takes effect at the next offer or answer.
     */
    public void setCodecPreferences(List<RTCRtpCodecCapability> codecs) {
        List<RTCRtpCodecCapability> copy = List.copyOf(codecs);
        connection.peer.withLock("setCodecPreferences", () -> {
            transceiver.setCodecPreferences(copy);
            return null;
        });
    }

    /** Stops sending and receiving for good (the receiver's track ends). */
    public void stop() {
        connection.peer.withLock("stop", () -> {
            transceiver.stop();
            return null;
        });
    }

    NativeTransceiver nativeTransceiver() {
        return transceiver;
    }
}
