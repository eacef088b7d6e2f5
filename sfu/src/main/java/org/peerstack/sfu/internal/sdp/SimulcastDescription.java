package org.peerstack.sfu.internal.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a publisher's media section says about simulcast: the RTP stream ids it sends
 * ({@code a=rid:<id> send}, RFC 8851) in the order of {@code a=simulcast:send} (RFC 8853), or the SSRCs
 * of a legacy {@code a=ssrc-group:SIM} (libwebrtc's pre-rid signalling, lowest layer first) with their
 * RTX from {@code a=ssrc-group:FID}. {@link #of} gives null for a section without simulcast.
 *
 * <p>Limits: at most {@link #MAX_LAYERS} layers are received (further streams are left out of the
 * answer, which RFC 8853 §5.3 allows); a rid must be 1 to {@link #MAX_RID_LENGTH} characters of
 * letters, digits, '-' and '_' (RFC 8851 §10), else the offer fails with "sdp-syntax-error".
 */
public final class SimulcastDescription {

    /** Layers of one simulcast track the SFU receives at most (libwebrtc sends up to 4). */
    public static final int MAX_LAYERS = 4;
    /** Longest accepted rid (RFC 8852 allows 255 bytes; libwebrtc accepts 16 alphanumerics). */
    public static final int MAX_RID_LENGTH = 16;

    private final List<String> rids;
    private final List<long[]> simSsrcs;

    private SimulcastDescription(List<String> rids, List<long[]> simSsrcs) {
        this.rids = List.copyOf(rids);
        this.simSsrcs = List.copyOf(simSsrcs);
    }

    /** The simulcast of a section, or null when it has none (neither {@code a=simulcast:send} nor a SIM group). */
    public static SimulcastDescription of(MediaDescription m) {
        List<String> declared = new ArrayList<>();
        for (String v : m.attributes("rid")) {
            String[] parts = v.trim().split(" +");
            if (parts.length < 2) {
                throw SessionDescription.error("bad rid: " + SessionDescription.abbreviate(v));
            }
            if (parts[1].equals("send")) {
                declared.add(checkedRid(parts[0]));
            }
        }
        for (String v : m.attributes("simulcast")) {
            String[] parts = v.trim().split(" +");
            for (int i = 0; i + 1 < parts.length; i += 2) {
                if (!parts[i].equals("send")) {
                    continue;
                }
                List<String> rids = new ArrayList<>();
                for (String stream : parts[i + 1].split(";", -1)) {
                    // alternatives are comma-separated: the first one is received; "~" marks a paused stream
                    String rid = stream.split(",", -1)[0];
                    rid = rid.startsWith("~") ? rid.substring(1) : rid;
                    rid = checkedRid(rid);
                    if (!declared.contains(rid)) {
                        throw SessionDescription.error("a=simulcast names rid " + rid + " without a=rid:" + rid + " send");
                    }
                    if (!rids.contains(rid) && rids.size() < MAX_LAYERS) {
                        rids.add(rid);
                    }
                }
                if (rids.size() > 1) {
                    return new SimulcastDescription(rids, List.of());
                }
            }
        }
        return simGroup(m);
    }

    private static SimulcastDescription simGroup(MediaDescription m) {
        List<Long> sim = null;
        List<long[]> fid = new ArrayList<>();
        for (String v : m.attributes("ssrc-group")) {
            String[] parts = v.trim().split(" +");
            String semantics = parts[0].toUpperCase(Locale.ROOT);
            if (semantics.equals("SIM") && parts.length > 2 && sim == null) {
                sim = new ArrayList<>();
                for (int i = 1; i < parts.length && sim.size() < MAX_LAYERS; i++) {
                    sim.add(ssrc(parts[i]));
                }
            } else if (semantics.equals("FID") && parts.length >= 3) {
                fid.add(new long[] {ssrc(parts[1]), ssrc(parts[2])});
            }
        }
        if (sim == null) {
            return null;
        }
        List<long[]> layers = new ArrayList<>();
        for (long s : sim) {
            long rtx = -1;
            for (long[] pair : fid) {
                if (pair[0] == s) {
                    rtx = pair[1];
                }
            }
            layers.add(new long[] {s, rtx});
        }
        return new SimulcastDescription(List.of(), layers);
    }

    private static String checkedRid(String rid) {
        if (rid.isEmpty() || rid.length() > MAX_RID_LENGTH || !rid.chars().allMatch(c -> Character.isLetterOrDigit(c) && c < 128
                || c == '-' || c == '_')) {
            throw SessionDescription.error("bad rid: " + SessionDescription.abbreviate(rid));
        }
        return rid;
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

    /** True when the layers are told apart by rid header extensions (else by the SIM group's SSRCs). */
    public boolean byRid() {
        return !rids.isEmpty();
    }

    /** The rids received, in the offer's {@code a=simulcast} order (empty for a SIM group). */
    public List<String> rids() {
        return rids;
    }

    /** The SIM group's layers as {primary SSRC, RTX SSRC or -1}, lowest first (empty with rids). */
    public List<long[]> simSsrcs() {
        return simSsrcs;
    }

    /** How many layers. */
    public int layerCount() {
        return byRid() ? rids.size() : simSsrcs.size();
    }

    /** The answer's lines for this section ({@code a=rid:<id> recv} and {@code a=simulcast:recv}); none for a SIM group. */
    public List<String> answerLines() {
        if (!byRid()) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        for (String rid : rids) {
            lines.add("a=rid:" + rid + " recv");
        }
        lines.add("a=simulcast:recv " + String.join(";", rids));
        return lines;
    }
}
