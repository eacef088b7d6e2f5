package org.peerstack.rtc;

import java.util.List;
import org.peerstack.exc.InvalidModificationException;

/**
 * W3C {@code RTCRtpSendParameters}: what {@link RTCRtpSender#getParameters()} returns and
 * {@link RTCRtpSender#setParameters} takes back. Only the encodings can be changed; their number must
 * stay the same (W3C: InvalidModificationError).
 *
 * @param encodings one entry per encoding (several with simulcast)
 */
public record RTCRtpSendParameters(List<RTCRtpEncodingParameters> encodings) {

    public RTCRtpSendParameters {
        encodings = List.copyOf(encodings);
    }

    /** A copy with encoding {@code index} replaced. */
    public RTCRtpSendParameters withEncoding(int index, RTCRtpEncodingParameters encoding) {
        java.util.ArrayList<RTCRtpEncodingParameters> copy = new java.util.ArrayList<>(encodings);
        copy.set(index, encoding);
        return new RTCRtpSendParameters(copy);
    }

    static RTCRtpSendParameters fromNative(dev.onvoid.webrtc.RTCRtpSendParameters p) {
        return new RTCRtpSendParameters(p.encodings == null ? List.of()
                : p.encodings.stream().map(RTCRtpEncodingParameters::fromNative).toList());
    }

    void applyTo(dev.onvoid.webrtc.RTCRtpSendParameters p) {
        int current = p.encodings == null ? 0 : p.encodings.size();
        if (current != encodings.size()) {
            throw new InvalidModificationException("the number of encodings cannot change (" + current + " -> "
                    + encodings.size() + ")");
        }
        for (int i = 0; i < current; i++) {
            encodings.get(i).applyTo(p.encodings.get(i));
        }
    }
}
