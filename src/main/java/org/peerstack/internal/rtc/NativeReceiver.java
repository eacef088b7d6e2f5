package org.peerstack.internal.rtc;

/**
 * The native side of one {@code RTCRtpReceiver}: webrtc-java's receiver and the source that turns its
 * track into a peerstack track. Not public API.
 */
public final class NativeReceiver {

    private final dev.onvoid.webrtc.RTCRtpReceiver receiver;
    private final String trackId;

    NativeReceiver(dev.onvoid.webrtc.RTCRtpReceiver receiver, String trackId) {
        this.receiver = receiver;
        this.trackId = trackId;
    }

    /** The id of the native receiver track: stable for the life of the transceiver. */
    public String trackId() {
        return trackId;
    }

    /** A new source (with its first track) fed by this receiver's native track. */
    public RemoteTrackSource newSource() {
        return new RemoteTrackSource(receiver.getTrack());
    }

    dev.onvoid.webrtc.RTCRtpReceiver nativeReceiver() {
        return receiver;
    }
}
