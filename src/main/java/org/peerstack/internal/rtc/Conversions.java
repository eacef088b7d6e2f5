package org.peerstack.internal.rtc;

import dev.onvoid.webrtc.PortAllocatorConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.peerstack.exc.InvalidModificationException;
import org.peerstack.media.MediaKind;
import org.peerstack.rtc.RTCConfiguration;
import org.peerstack.rtc.RTCIceServer;
import org.peerstack.rtc.RTCIceTransportPolicy;
import org.peerstack.rtc.RTCRtpCodecCapability;
import org.peerstack.rtc.RTCRtpEncodingParameters;
import org.peerstack.rtc.RTCRtpSendParameters;
import org.peerstack.rtc.RTCRtpTransceiverDirection;
import org.peerstack.rtc.RTCStats;
import org.peerstack.rtc.RTCStatsReport;

/**
 * Value conversions between the W3C types of {@code org.peerstack.rtc} and webrtc-java's: configuration,
 * directions, codecs, encodings and stats. Stateless; not public API.
 */
public final class Conversions {

    private Conversions() {
    }

    /** The webrtc-java configuration {@code configuration} stands for. */
    static dev.onvoid.webrtc.RTCConfiguration toNative(RTCConfiguration configuration) {
        dev.onvoid.webrtc.RTCConfiguration config = new dev.onvoid.webrtc.RTCConfiguration();
        for (RTCIceServer server : configuration.iceServers()) {
            dev.onvoid.webrtc.RTCIceServer s = new dev.onvoid.webrtc.RTCIceServer();
            s.urls = new ArrayList<>(server.urls());
            s.username = server.username();
            s.password = server.credential();
            config.iceServers.add(s);
        }
        config.iceTransportPolicy = configuration.iceTransportPolicy() == RTCIceTransportPolicy.RELAY
                ? dev.onvoid.webrtc.RTCIceTransportPolicy.RELAY : dev.onvoid.webrtc.RTCIceTransportPolicy.ALL;
        config.bundlePolicy = switch (configuration.bundlePolicy()) {
            case BALANCED -> dev.onvoid.webrtc.RTCBundlePolicy.BALANCED;
            case MAX_COMPAT -> dev.onvoid.webrtc.RTCBundlePolicy.MAX_COMPAT;
            case MAX_BUNDLE -> dev.onvoid.webrtc.RTCBundlePolicy.MAX_BUNDLE;
        };
        if (configuration.minPort() > 0) {
            config.portAllocatorConfig = new PortAllocatorConfig(configuration.minPort(), configuration.maxPort(), 0);
        }
        return config;
    }

    static RTCRtpTransceiverDirection fromNative(dev.onvoid.webrtc.RTCRtpTransceiverDirection direction) {
        return switch (direction) {
            case SEND_RECV -> RTCRtpTransceiverDirection.SENDRECV;
            case SEND_ONLY -> RTCRtpTransceiverDirection.SENDONLY;
            case RECV_ONLY -> RTCRtpTransceiverDirection.RECVONLY;
            case INACTIVE -> RTCRtpTransceiverDirection.INACTIVE;
            case STOPPED -> RTCRtpTransceiverDirection.STOPPED;
        };
    }

    static dev.onvoid.webrtc.RTCRtpTransceiverDirection toNative(RTCRtpTransceiverDirection direction) {
        return switch (direction) {
            case SENDRECV -> dev.onvoid.webrtc.RTCRtpTransceiverDirection.SEND_RECV;
            case SENDONLY -> dev.onvoid.webrtc.RTCRtpTransceiverDirection.SEND_ONLY;
            case RECVONLY -> dev.onvoid.webrtc.RTCRtpTransceiverDirection.RECV_ONLY;
            case INACTIVE -> dev.onvoid.webrtc.RTCRtpTransceiverDirection.INACTIVE;
            case STOPPED -> dev.onvoid.webrtc.RTCRtpTransceiverDirection.STOPPED;
        };
    }

    static RTCRtpCodecCapability fromNative(dev.onvoid.webrtc.RTCRtpCodecCapability codec) {
        Integer channels = null;
        if (codec.getMediaType() == dev.onvoid.webrtc.media.MediaType.AUDIO) {
            channels = codec.getChannels(); // throws for video codecs in webrtc-java 0.14.0
        }
        return new RTCRtpCodecCapability(codec.getMimeType(), codec.getClockRate(), channels,
                codec.getSDPFmtp() == null ? Map.of() : codec.getSDPFmtp());
    }

    static dev.onvoid.webrtc.RTCRtpCodecCapability toNative(RTCRtpCodecCapability codec) {
        dev.onvoid.webrtc.media.MediaType type = codec.mimeType().regionMatches(true, 0, "audio/", 0, 6)
                ? dev.onvoid.webrtc.media.MediaType.AUDIO : dev.onvoid.webrtc.media.MediaType.VIDEO;
        return new dev.onvoid.webrtc.RTCRtpCodecCapability(type, codec.name(), codec.clockRate(), codec.channels(),
                new LinkedHashMap<>(codec.parameters()));
    }

    /** Codecs {@code factory} can receive ({@code receiver}) or send for {@code kind}. */
    public static List<RTCRtpCodecCapability> capabilities(dev.onvoid.webrtc.PeerConnectionFactory factory,
                                                           MediaKind kind, boolean receiver) {
        dev.onvoid.webrtc.media.MediaType type = kind == MediaKind.AUDIO ? dev.onvoid.webrtc.media.MediaType.AUDIO
                : dev.onvoid.webrtc.media.MediaType.VIDEO;
        dev.onvoid.webrtc.RTCRtpCapabilities capabilities = receiver
                ? factory.getRtpReceiverCapabilities(type) : factory.getRtpSenderCapabilities(type);
        return capabilities.getCodecs().stream().map(Conversions::fromNative).toList();
    }

    static RTCRtpSendParameters fromNative(dev.onvoid.webrtc.RTCRtpSendParameters p) {
        if (p.encodings == null) {
            return new RTCRtpSendParameters(List.of());
        }
        List<RTCRtpEncodingParameters> encodings = new java.util.ArrayList<>();
        for (int i = 0; i < p.encodings.size(); i++) {
            RTCRtpEncodingParameters e = fromNative(p.encodings.get(i));
            // libwebrtc names simulcast encodings "0", "1", ... (webrtc-java 0.14.0 does not report rids)
            encodings.add(p.encodings.size() > 1 ? e.withRid(Integer.toString(i)) : e);
        }
        return new RTCRtpSendParameters(encodings);
    }

    /** An encoding for libwebrtc (its rid is assigned by libwebrtc: webrtc-java 0.14.0 has no rid field). */
    static dev.onvoid.webrtc.RTCRtpEncodingParameters toNative(RTCRtpEncodingParameters e) {
        dev.onvoid.webrtc.RTCRtpEncodingParameters n = new dev.onvoid.webrtc.RTCRtpEncodingParameters();
        n.active = e.active();
        n.maxBitrate = e.maxBitrate();
        n.maxFramerate = e.maxFramerate();
        n.scaleResolutionDownBy = e.scaleResolutionDownBy();
        return n;
    }

    static RTCRtpEncodingParameters fromNative(dev.onvoid.webrtc.RTCRtpEncodingParameters p) {
        return new RTCRtpEncodingParameters(p.active == null || p.active, p.maxBitrate, p.maxFramerate,
                p.scaleResolutionDownBy);
    }

    /** Writes {@code parameters} into libwebrtc's; the number of encodings may not change. */
    static void applyTo(RTCRtpSendParameters parameters, dev.onvoid.webrtc.RTCRtpSendParameters p) {
        List<RTCRtpEncodingParameters> encodings = parameters.encodings();
        int current = p.encodings == null ? 0 : p.encodings.size();
        if (current != encodings.size()) {
            throw new InvalidModificationException("the number of encodings cannot change (" + current + " -> "
                    + encodings.size() + ")");
        }
        for (int i = 0; i < current; i++) {
            RTCRtpEncodingParameters e = encodings.get(i);
            dev.onvoid.webrtc.RTCRtpEncodingParameters n = p.encodings.get(i);
            String rid = current > 1 ? Integer.toString(i) : null;
            if (e.rid() != null && !e.rid().equals(rid)) {
                throw new InvalidModificationException("the rid of encoding " + i + " cannot change (" + rid + " -> " + e.rid() + ")");
            }
            n.active = e.active();
            n.maxBitrate = e.maxBitrate();
            n.maxFramerate = e.maxFramerate();
            n.scaleResolutionDownBy = e.scaleResolutionDownBy();
        }
    }

    static RTCStatsReport fromNative(dev.onvoid.webrtc.RTCStatsReport report) {
        Map<String, RTCStats> converted = new LinkedHashMap<>();
        for (dev.onvoid.webrtc.RTCStats s : report.getStats().values()) {
            Map<String, Object> members = new LinkedHashMap<>();
            s.getAttributes().forEach((k, v) -> {
                if (k != null && v != null) {
                    members.put(k, v);
                }
            });
            converted.put(s.getId(), new RTCStats(token(s.getType()), s.getId(), s.getTimestamp() / 1000.0, members));
        }
        return RTCStatsReport.of(converted);
    }

    /** W3C token of a webrtc-java stats type: INBOUND_RTP -> "inbound-rtp". */
    static String token(dev.onvoid.webrtc.RTCStatsType type) {
        return Objects.requireNonNull(type, "type").name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
