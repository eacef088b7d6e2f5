package org.peerstack.rtc;

/**
 * W3C {@code RTCRtpTransceiver}: a sender and a receiver sharing one m-line. Direction changes take effect
 * at the next negotiation ({@code negotiationneeded} fires).
 */
public final class RTCRtpTransceiver {

    private final dev.onvoid.webrtc.RTCRtpTransceiver transceiver;
    private final RTCRtpSender sender;
    private final RTCRtpReceiver receiver;

    RTCRtpTransceiver(dev.onvoid.webrtc.RTCRtpTransceiver transceiver, RTCRtpSender sender, RTCRtpReceiver receiver) {
        this.transceiver = transceiver;
        this.sender = sender;
        this.receiver = receiver;
    }

    /** The media id negotiated for this transceiver, or null before negotiation. */
    public String mid() {
        return transceiver.getMid();
    }

    public RTCRtpSender sender() {
        return sender;
    }

    public RTCRtpReceiver receiver() {
        return receiver;
    }

    public RTCRtpTransceiverDirection direction() {
        return Directions.fromNative(transceiver.getDirection());
    }

    public void setDirection(RTCRtpTransceiverDirection direction) {
        transceiver.setDirection(Directions.toNative(direction));
    }

    /** The direction negotiated last, or null before negotiation. */
    public RTCRtpTransceiverDirection currentDirection() {
        dev.onvoid.webrtc.RTCRtpTransceiverDirection current = transceiver.getCurrentDirection();
        return current == null ? null : Directions.fromNative(current);
    }

    /**
     * Orders (and limits) the codecs negotiated for this transceiver; pick them from
     * {@link WebRtcEngine#receiverCapabilities}. Takes effect at the next offer or answer.
     */
    public void setCodecPreferences(java.util.List<RTCRtpCodecCapability> codecs) {
        transceiver.setCodecPreferences(codecs.stream().map(RTCRtpCodecCapability::toNative).toList());
    }

    /** Stops sending and receiving for good (the receiver's track ends). */
    public void stop() {
        transceiver.stop();
    }

    dev.onvoid.webrtc.RTCRtpTransceiver nativeTransceiver() {
        return transceiver;
    }
}
