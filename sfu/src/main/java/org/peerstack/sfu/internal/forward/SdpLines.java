package org.peerstack.sfu.internal.forward;

import java.util.List;
import org.peerstack.sfu.internal.sdp.RtpCodec;

/** The SDP lines the SFU writes in both offers and answers (RFC 8829 JSEP, RFC 8843 BUNDLE, RFC 8839 ICE). */
final class SdpLines {

    /** The host candidate priority (RFC 8445 §5.1.2.1, type preference 126, local preference 65535). */
    static final long HOST_PRIORITY = 2_130_706_431L;

    private SdpLines() {
    }

    static void session(List<String> lines, long sessionId, int version, List<String> bundleMids) {
        lines.add("v=0");
        lines.add("o=- " + sessionId + " " + version + " IN IP4 0.0.0.0");
        lines.add("s=-");
        lines.add("t=0 0");
        lines.add("a=ice-lite");
        if (!bundleMids.isEmpty()) {
            lines.add("a=group:BUNDLE " + String.join(" ", bundleMids));
        }
        lines.add("a=msid-semantic: WMS *");
    }

    static String connection(String address) {
        return "c=IN " + (address.contains(":") ? "IP6 " : "IP4 ") + address;
    }

    static void transport(List<String> lines, PeerTransport t, MediaEngine engine, String setup) {
        lines.add("a=ice-ufrag:" + t.ice().localUfrag());
        lines.add("a=ice-pwd:" + t.ice().localPassword());
        lines.add("a=ice-options:ice2");
        lines.add("a=fingerprint:" + engine.certificate().fingerprint());
        lines.add("a=setup:" + setup);
    }

    static void candidates(List<String> lines, MediaEngine engine) {
        for (String c : candidateValues(engine)) {
            lines.add("a=" + c);
        }
        lines.add("a=end-of-candidates");
    }

    /** The SFU's host candidates as {@code candidate:...} values (one per announced address). */
    static List<String> candidateValues(MediaEngine engine) {
        List<String> addresses = engine.announcedAddresses();
        List<String> values = new java.util.ArrayList<>();
        for (int i = 0; i < addresses.size(); i++) {
            values.add("candidate:" + (i + 1) + " 1 udp " + (HOST_PRIORITY - i) + " " + addresses.get(i) + " "
                    + engine.announcedPort() + " typ host");
        }
        return values;
    }

    /** rtpmap, fmtp and rtcp-fb of {@code codec} under payload type {@code pt}, and of its RTX under {@code rtxPt} (if >= 0). */
    static void codec(List<String> lines, RtpCodec codec, int pt, int rtxPt, List<String> feedback) {
        String channels = codec.channels() > 1 ? "/" + codec.channels() : "";
        lines.add("a=rtpmap:" + pt + " " + codec.name() + "/" + codec.clockRate() + channels);
        for (String fb : feedback) {
            lines.add("a=rtcp-fb:" + pt + " " + fb);
        }
        if (!codec.fmtp().isEmpty()) {
            lines.add("a=fmtp:" + pt + " " + codec.fmtp());
        }
        if (rtxPt >= 0) {
            lines.add("a=rtpmap:" + rtxPt + " rtx/" + codec.clockRate());
            lines.add("a=fmtp:" + rtxPt + " apt=" + pt);
        }
    }

    /**
     * Feedback the SFU handles for a codec: NACK, PLI, FIR and REMB for video (subscribers' REMB is read
     * as their bandwidth estimate), plus transport-wide CC towards publishers (audio: transport-cc only).
     */
    static List<String> feedback(RtpCodec codec, boolean video, boolean towardsPublisher) {
        if (!video) {
            return towardsPublisher && codec.hasFeedback("transport-cc") ? List.of("transport-cc") : List.of();
        }
        List<String> wanted = towardsPublisher ? List.of("goog-remb", "transport-cc", "ccm fir", "nack", "nack pli")
                : List.of("goog-remb", "ccm fir", "nack", "nack pli");
        if (!towardsPublisher) {
            return wanted;
        }
        return wanted.stream().filter(codec::hasFeedback).toList();
    }
}
