package org.peerstack.sfu.internal.sdp;

import java.util.List;
import java.util.Locale;

/**
 * One codec of a media section: payload type, {@code a=rtpmap} name/clock rate/channels,
 * {@code a=fmtp} parameters, {@code a=rtcp-fb} feedback and the payload type of its RTX
 * (RFC 4588) companion, or -1.
 */
public record RtpCodec(int payloadType, String name, int clockRate, int channels, String fmtp,
        List<String> feedback, int rtxPayloadType) {

    public RtpCodec {
        feedback = List.copyOf(feedback);
        fmtp = fmtp == null ? "" : fmtp;
    }

    /** Upper-case codec name, e.g. VP8, OPUS, H264. */
    public String upperName() {
        return name.toUpperCase(Locale.ROOT);
    }

    public boolean isRtx() {
        return upperName().equals("RTX");
    }

    /** True if {@code rtcp-fb} lists {@code type} (e.g. "nack", "nack pli", "ccm fir", "goog-remb"). */
    public boolean hasFeedback(String type) {
        return feedback.contains(type);
    }

    /** The same codec under other payload types. */
    public RtpCodec withPayloadTypes(int pt, int rtxPt) {
        return new RtpCodec(pt, name, clockRate, channels, fmtp, feedback, rtxPt);
    }

    /** The same codec with other feedback lines. */
    public RtpCodec withFeedback(List<String> newFeedback) {
        return new RtpCodec(payloadType, name, clockRate, channels, fmtp, newFeedback, rtxPayloadType);
    }

    /** The same codec without RTX. */
    public RtpCodec withoutRtx() {
        return new RtpCodec(payloadType, name, clockRate, channels, fmtp, feedback, -1);
    }

    /** The H.264 packetization-mode (0 when absent), or -1 for other codecs. */
    public int h264PacketizationMode() {
        if (!upperName().equals("H264")) {
            return -1;
        }
        for (String param : fmtp.split(";")) {
            String p = param.trim();
            if (p.startsWith("packetization-mode=")) {
                return p.endsWith("1") ? 1 : 0;
            }
        }
        return 0;
    }

    /** The H.264 profile-level-id's profile part (first 4 hex digits, lower case), or "" if absent. */
    public String h264Profile() {
        for (String param : fmtp.split(";")) {
            String p = param.trim();
            if (p.startsWith("profile-level-id=") && p.length() >= "profile-level-id=".length() + 4) {
                return p.substring("profile-level-id=".length(), "profile-level-id=".length() + 4).toLowerCase(Locale.ROOT);
            }
        }
        return "";
    }

    /** Same codec for forwarding purposes: name, clock, channels and, for H.264, profile and packetization mode. */
    public boolean matches(RtpCodec other) {
        return upperName().equals(other.upperName()) && clockRate == other.clockRate
                && Math.max(1, channels) == Math.max(1, other.channels)
                && h264PacketizationMode() == other.h264PacketizationMode()
                && h264Profile().equals(other.h264Profile());
    }
}
