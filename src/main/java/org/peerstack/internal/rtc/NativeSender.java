package org.peerstack.internal.rtc;

import java.util.List;
import org.peerstack.rtc.RTCRtpSendParameters;

/**
 * The native side of one {@code RTCRtpSender}: webrtc-java's sender. Every method makes native calls:
 * callers hold their connection's native lock ({@link NativePeer#lock()}) and check it is open. Not
 * public API.
 */
public final class NativeSender {

    private final dev.onvoid.webrtc.RTCRtpSender sender;

    NativeSender(dev.onvoid.webrtc.RTCRtpSender sender) {
        this.sender = sender;
    }

    /** Sends {@code feed}'s native track instead of the current one; null sends nothing. */
    public void replaceTrack(LocalTrackFeed feed) {
        sender.replaceTrack(feed == null ? null : feed.nativeTrack());
    }

    /** The id of the native track being sent, or null. */
    public String sendingTrackId() {
        dev.onvoid.webrtc.media.MediaStreamTrack track = sender.getTrack();
        return track == null ? null : track.getId();
    }

    public RTCRtpSendParameters getParameters() {
        return Conversions.fromNative(sender.getParameters());
    }

    /** Applies {@code parameters} over libwebrtc's current ones (the number of encodings may not change). */
    public void setParameters(RTCRtpSendParameters parameters) {
        dev.onvoid.webrtc.RTCRtpSendParameters current = sender.getParameters();
        Conversions.applyTo(parameters, current);
        sender.setParameters(current);
    }

    public void setStreams(List<String> streamIds) {
        sender.setStreams(streamIds);
    }

    dev.onvoid.webrtc.RTCRtpSender nativeSender() {
        return sender;
    }
}
