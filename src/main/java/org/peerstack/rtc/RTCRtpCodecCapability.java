package org.peerstack.rtc;

import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.peerstack.media.MediaKind;

/**
 * W3C {@code RTCRtpCodecCapability}: a codec libwebrtc can send or receive, as listed by
 * {@link WebRtcEngine#receiverCapabilities(MediaKind)}; pass a reordered or filtered list to
 * {@link RTCRtpTransceiver#setCodecPreferences}.
 *
 * @param mimeType   e.g. {@code "video/VP8"}, {@code "audio/opus"}
 * @param clockRate  RTP clock rate in Hz
 * @param channels   audio channels, or null for video
 * @param parameters format parameters (the {@code a=fmtp} line as a map)
 */
public record RTCRtpCodecCapability(String mimeType, int clockRate, Integer channels, Map<String, String> parameters) {

    public RTCRtpCodecCapability {
        Objects.requireNonNull(mimeType, "mimeType");
        parameters = Map.copyOf(parameters == null ? Map.of() : parameters);
    }

    /** The {@code a=fmtp} parameters as one line, e.g. {@code "profile-level-id=42e01f;packetization-mode=1"}. */
    public String sdpFmtpLine() {
        return parameters.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(";"));
    }

    /** The codec name without the kind, e.g. {@code "VP8"}. */
    public String name() {
        return mimeType.substring(mimeType.indexOf('/') + 1);
    }
}
