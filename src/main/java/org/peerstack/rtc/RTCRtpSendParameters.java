package org.peerstack.rtc;

import java.util.List;

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
}
