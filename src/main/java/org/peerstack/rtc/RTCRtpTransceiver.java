package org.peerstack.rtc;

import java.util.List;

/**
 * W3C {@code RTCRtpTransceiver}: a sender and a receiver sharing one m-line. Direction changes take effect
 * at the next negotiation ({@code negotiationneeded} fires). After the connection closed, methods that
 * need libwebrtc throw {@link org.peerstack.exc.InvalidStateException} (the native object is gone).
 */
public final class RTCRtpTransceiver {

    private final RTCPeerConnection connection;
    private final dev.onvoid.webrtc.RTCRtpTransceiver transceiver;
    private final RTCRtpSender sender;
    private final RTCRtpReceiver receiver;

    RTCRtpTransceiver(RTCPeerConnection connection, dev.onvoid.webrtc.RTCRtpTransceiver transceiver, RTCRtpSender sender,
                      RTCRtpReceiver receiver) {
        this.connection = connection;
        this.transceiver = transceiver;
        this.sender = sender;
        this.receiver = receiver;
    }

    /** The media id negotiated for this transceiver, or null before negotiation. */
    public String mid() {
        return connection.withNative("mid", transceiver::getMid);
    }

    public RTCRtpSender sender() {
        return sender;
    }

    public RTCRtpReceiver receiver() {
        return receiver;
    }

    public RTCRtpTransceiverDirection direction() {
        return connection.withNative("direction", () -> Directions.fromNative(transceiver.getDirection()));
    }

    public void setDirection(RTCRtpTransceiverDirection direction) {
        connection.withNative("setDirection", () -> {
            transceiver.setDirection(Directions.toNative(direction));
            return null;
        });
    }

    /** The direction negotiated last, or null before negotiation. */
    public RTCRtpTransceiverDirection currentDirection() {
        dev.onvoid.webrtc.RTCRtpTransceiverDirection current =
                connection.withNative("currentDirection", transceiver::getCurrentDirection);
        return current == null ? null : Directions.fromNative(current);
    }

    /**
     * Orders (and limits) the codecs negotiated for this transceiver; pick them from
     * {@link WebRtcEngine#receiverCapabilities}. Takes effect at the next offer or answer.
     */
    public void setCodecPreferences(List<RTCRtpCodecCapability> codecs) {
        List<dev.onvoid.webrtc.RTCRtpCodecCapability> converted =
                codecs.stream().map(RTCRtpCodecCapability::toNative).toList();
        connection.withNative("setCodecPreferences", () -> {
            transceiver.setCodecPreferences(converted);
            return null;
        });
    }

    /** Stops sending and receiving for good (the receiver's track ends). */
    public void stop() {
        connection.withNative("stop", () -> {
            transceiver.stop();
            return null;
        });
    }

    dev.onvoid.webrtc.RTCRtpTransceiver nativeTransceiver() {
        return transceiver;
    }
}
