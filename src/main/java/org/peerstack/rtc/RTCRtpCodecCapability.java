package org.peerstack.rtc;

import java.util.LinkedHashMap;
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

    static RTCRtpCodecCapability fromNative(dev.onvoid.webrtc.RTCRtpCodecCapability codec) {
        Integer channels = null;
        if (codec.getMediaType() == dev.onvoid.webrtc.media.MediaType.AUDIO) {
            channels = codec.getChannels(); // throws for video codecs in webrtc-java 0.14.0
        }
        return new RTCRtpCodecCapability(codec.getMimeType(), codec.getClockRate(), channels,
                codec.getSDPFmtp() == null ? Map.of() : codec.getSDPFmtp());
    }

    dev.onvoid.webrtc.RTCRtpCodecCapability toNative() {
        dev.onvoid.webrtc.media.MediaType type = mimeType.regionMatches(true, 0, "audio/", 0, 6)
                ? dev.onvoid.webrtc.media.MediaType.AUDIO : dev.onvoid.webrtc.media.MediaType.VIDEO;
        return new dev.onvoid.webrtc.RTCRtpCodecCapability(type, name(), clockRate, channels,
                new LinkedHashMap<>(parameters));
    }
}
