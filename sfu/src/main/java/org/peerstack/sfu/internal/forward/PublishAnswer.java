package org.peerstack.sfu.internal.forward;

import java.util.ArrayList;
import java.util.List;
import org.peerstack.sfu.internal.sdp.MediaDescription;
import org.peerstack.sfu.internal.sdp.MediaParameters;
import org.peerstack.sfu.internal.sdp.RtpCodec;
import org.peerstack.sfu.internal.sdp.SimulcastDescription;

/**
 * What the SFU accepts on an m-line a publisher sends on (RFC 8829 §5.3 answer, BUNDLE + rtcp-mux): the
 * first codec it forwards, with its RTX for video, the feedback it handles (NACK, PLI, FIR, REMB and,
 * when configured, transport-wide CC), the mid, abs-send-time and transport-wide CC header extensions,
 * and the publisher's simulcast. Static helpers of {@link PublisherSession}.
 */
final class PublishAnswer {

    /** Codec names forwarded, by kind. */
    static final List<String> AUDIO_CODECS = List.of("OPUS");
    static final List<String> VIDEO_CODECS = List.of("VP8", "VP9", "H264");

    private PublishAnswer() {
    }

    /** The first codec of the m-line the SFU can forward, or null (m-line rejected, or not sending). */
    static RtpCodec forwardable(MediaDescription m) {
        if (m.port() == 0 || !m.protocol().contains("SAVPF")) {
            return null;
        }
        String dir = m.direction();
        if (!dir.equals("sendrecv") && !dir.equals("sendonly")) {
            return null;
        }
        List<String> names = switch (m.kind()) {
            case "audio" -> AUDIO_CODECS;
            case "video" -> VIDEO_CODECS;
            default -> List.of();
        };
        for (RtpCodec c : MediaParameters.of(m).codecs()) {
            if (names.contains(c.upperName()) && (!c.upperName().equals("H264") || c.h264PacketizationMode() == 1)) {
                return c;
            }
        }
        return null;
    }

    /** The codec, feedback, header extension and simulcast lines of the SFU's recvonly m-line for {@code codec}. */
    static List<String> body(RtpCodec codec, boolean video, MediaParameters params, SimulcastDescription sim, boolean transportCc) {
        List<String> fb = SdpLines.feedback(codec, video, true).stream()
                .filter(f -> transportCc || !f.equals("transport-cc")).toList();
        int rtxPt = video ? codec.rtxPayloadType() : -1;
        List<String> body = new ArrayList<>();
        SdpLines.codec(body, codec, codec.payloadType(), rtxPt, fb);
        for (String uri : List.of(MediaParameters.EXT_MID, MediaParameters.EXT_ABS_SEND_TIME, MediaParameters.EXT_TWCC)) {
            int extId = params.extensionId(uri);
            if (extId > 0 && (transportCc || !uri.equals(MediaParameters.EXT_TWCC))) {
                body.add("a=extmap:" + extId + " " + uri);
            }
        }
        Simulcast.answer(body, params, sim);
        return body;
    }
}
