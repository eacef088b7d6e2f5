package org.peerstack.sfu.internal.sdp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a media section says about RTP: its codecs (RTX folded into the codec it repairs), header
 * extension ids by URI, and the SSRCs it announces ({@code a=ssrc}, {@code a=ssrc-group:FID}),
 * with {@code a=msid}. Reads any well-formed section; unknown lines are ignored, malformed ones give
 * {@link org.peerstack.exc.OperationException} ("sdp-syntax-error").
 */
public final class MediaParameters {

    public static final String EXT_MID = "urn:ietf:params:rtp-hdrext:sdes:mid";
    public static final String EXT_RID = "urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id";
    public static final String EXT_REPAIRED_RID = "urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id";
    public static final String EXT_ABS_SEND_TIME = "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time";
    public static final String EXT_TWCC = "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01";

    private final List<RtpCodec> codecs;
    private final Map<String, Integer> extensions;
    private final List<long[]> ssrcs;
    private final String msid;

    private MediaParameters(List<RtpCodec> codecs, Map<String, Integer> extensions, List<long[]> ssrcs, String msid) {
        this.codecs = codecs;
        this.extensions = extensions;
        this.ssrcs = ssrcs;
        this.msid = msid;
    }

    public static MediaParameters of(MediaDescription m) {
        Map<Integer, String[]> rtpmap = new HashMap<>();
        for (String v : m.attributes("rtpmap")) {
            int sp = v.indexOf(' ');
            if (sp < 0) {
                throw SessionDescription.error("bad rtpmap: " + SessionDescription.abbreviate(v));
            }
            String[] enc = v.substring(sp + 1).split("/");
            if (enc.length < 2) {
                throw SessionDescription.error("bad rtpmap: " + SessionDescription.abbreviate(v));
            }
            rtpmap.put(payloadType(v.substring(0, sp)), enc);
        }
        Map<Integer, String> fmtp = new HashMap<>();
        for (String v : m.attributes("fmtp")) {
            int sp = v.indexOf(' ');
            if (sp > 0) {
                fmtp.put(payloadType(v.substring(0, sp)), v.substring(sp + 1));
            }
        }
        Map<Integer, List<String>> feedback = new HashMap<>();
        for (String v : m.attributes("rtcp-fb")) {
            int sp = v.indexOf(' ');
            if (sp > 0 && !v.startsWith("*")) {
                feedback.computeIfAbsent(payloadType(v.substring(0, sp)), k -> new ArrayList<>()).add(v.substring(sp + 1).trim());
            }
        }
        Map<Integer, Integer> rtxFor = new HashMap<>();
        List<RtpCodec> all = new ArrayList<>();
        for (String f : m.formats()) {
            int pt = payloadType(f);
            String[] enc = rtpmap.get(pt);
            if (enc == null) {
                continue; // static payload types without rtpmap are not forwarded
            }
            int clock = number(enc[1], "clock rate");
            int channels = enc.length > 2 ? number(enc[2], "channels") : 0;
            RtpCodec c = new RtpCodec(pt, enc[0], clock, channels, fmtp.get(pt), feedback.getOrDefault(pt, List.of()), -1);
            if (c.isRtx()) {
                String apt = parameter(c.fmtp(), "apt");
                if (apt != null) {
                    rtxFor.put(payloadType(apt), pt);
                }
            } else {
                all.add(c);
            }
        }
        List<RtpCodec> codecs = new ArrayList<>();
        for (RtpCodec c : all) {
            Integer rtx = rtxFor.get(c.payloadType());
            codecs.add(rtx == null ? c : c.withPayloadTypes(c.payloadType(), rtx));
        }
        Map<String, Integer> extensions = new LinkedHashMap<>();
        for (String v : m.attributes("extmap")) {
            String[] parts = v.split(" ");
            if (parts.length < 2) {
                throw SessionDescription.error("bad extmap: " + SessionDescription.abbreviate(v));
            }
            String idPart = parts[0];
            int slash = idPart.indexOf('/');
            int id = number(slash < 0 ? idPart : idPart.substring(0, slash), "extmap id");
            if (id < 1 || id > 255) {
                throw SessionDescription.error("extmap id out of range: " + id);
            }
            extensions.put(parts[1], id);
        }
        List<long[]> ssrcs = new ArrayList<>();
        Map<Long, Long> rtxOfPrimary = new HashMap<>();
        for (String v : m.attributes("ssrc-group")) {
            String[] parts = v.split(" ");
            if (parts[0].toUpperCase(Locale.ROOT).equals("FID") && parts.length >= 3) {
                rtxOfPrimary.put(ssrc(parts[1]), ssrc(parts[2]));
            }
        }
        List<Long> seen = new ArrayList<>();
        for (String v : m.attributes("ssrc")) {
            int sp = v.indexOf(' ');
            long s = ssrc(sp < 0 ? v : v.substring(0, sp));
            if (!seen.contains(s)) {
                seen.add(s);
            }
        }
        for (Long s : seen) {
            if (!rtxOfPrimary.containsValue(s)) {
                ssrcs.add(new long[] {s, rtxOfPrimary.getOrDefault(s, -1L)});
            }
        }
        return new MediaParameters(codecs, extensions, ssrcs, m.attribute("msid").orElse(null));
    }

    /** The value of {@code name=value} in an fmtp parameter list, or null. */
    public static String parameter(String fmtp, String name) {
        for (String param : fmtp.split(";")) {
            String p = param.trim();
            if (p.startsWith(name + "=")) {
                return p.substring(name.length() + 1);
            }
        }
        return null;
    }

    private static int payloadType(String s) {
        int pt = number(s.trim(), "payload type");
        if (pt < 0 || pt > 127) {
            throw SessionDescription.error("payload type out of range: " + pt);
        }
        return pt;
    }

    private static long ssrc(String s) {
        try {
            long v = Long.parseLong(s.trim());
            if (v < 0 || v > 0xffffffffL) {
                throw SessionDescription.error("ssrc out of range: " + v);
            }
            return v;
        } catch (NumberFormatException e) {
            throw SessionDescription.error("bad ssrc: " + SessionDescription.abbreviate(s));
        }
    }

    private static int number(String s, String what) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw SessionDescription.error("bad " + what + ": " + SessionDescription.abbreviate(s));
        }
    }

    /** Codecs in preference order, RTX folded in ({@link RtpCodec#rtxPayloadType()}). */
    public List<RtpCodec> codecs() {
        return codecs;
    }

    /** Header extension id by URI. */
    public Map<String, Integer> extensions() {
        return extensions;
    }

    /** The id of header extension {@code uri}, or 0 when not negotiated. */
    public int extensionId(String uri) {
        return extensions.getOrDefault(uri, 0);
    }

    /** Announced media SSRCs as {primary, rtx or -1}. */
    public List<long[]> ssrcs() {
        return ssrcs;
    }

    /** The {@code a=msid} value ("stream-id track-id"), or null. */
    public String msid() {
        return msid;
    }
}
