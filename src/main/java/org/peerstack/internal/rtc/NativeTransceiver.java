package org.peerstack.internal.rtc;

import java.util.List;
import org.peerstack.rtc.RTCRtpCodecCapability;
import org.peerstack.rtc.RTCRtpTransceiverDirection;

/**
 * The native side of one {@code RTCRtpTransceiver}. Every method makes native calls: callers hold their
 * connection's native lock, except inside libwebrtc's own callbacks (see {@link PeerEvents#track}).
 * Not public API.
 */
public final class NativeTransceiver {

    private final dev.onvoid.webrtc.RTCRtpTransceiver transceiver;
    private final NativeReceiver receiver;

    NativeTransceiver(dev.onvoid.webrtc.RTCRtpTransceiver transceiver) {
        this.transceiver = transceiver;
        dev.onvoid.webrtc.RTCRtpReceiver nativeReceiver = transceiver.getReceiver();
        this.receiver = new NativeReceiver(nativeReceiver, nativeReceiver.getTrack().getId());
    }

    /** The key of this transceiver: its receiver track's id. */
    public String key() {
        return receiver.trackId();
    }

    public NativeReceiver receiver() {
        return receiver;
    }

    /** A handle on the native sender (a new handle each call, on the same native sender). */
    public NativeSender sender() {
        return new NativeSender(transceiver.getSender());
    }

    public String mid() {
        return transceiver.getMid();
    }

    public RTCRtpTransceiverDirection direction() {
        return Conversions.fromNative(transceiver.getDirection());
    }

    public void setDirection(RTCRtpTransceiverDirection direction) {
        transceiver.setDirection(Conversions.toNative(direction));
    }

    /** The direction negotiated last, or null before negotiation. */
    public RTCRtpTransceiverDirection currentDirection() {
        dev.onvoid.webrtc.RTCRtpTransceiverDirection current = transceiver.getCurrentDirection();
        return current == null ? null : Conversions.fromNative(current);
    }

    public void setCodecPreferences(List<RTCRtpCodecCapability> codecs) {
        transceiver.setCodecPreferences(codecs.stream().map(Conversions::toNative).toList());
    }

    public void stop() {
        transceiver.stop();
    }
}
