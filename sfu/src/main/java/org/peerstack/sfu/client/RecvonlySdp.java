package org.peerstack.sfu.client;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.peerstack.exc.InvalidAccessException;
import org.peerstack.sfu.internal.sdp.MediaDescription;
import org.peerstack.sfu.internal.sdp.MediaParameters;
import org.peerstack.sfu.internal.sdp.RtpCodec;
import org.peerstack.sfu.internal.sdp.SessionDescription;

/**
 * The SDP of an {@link RtpReceivingPeer} (RFC 8829 offer/answer, RFC 8843 BUNDLE): recvonly answers to
 * a sender's offer, a recvonly offer of its own, and what the remote description says (transport
 * parameters, the codec and SSRCs of each media section). One codec per media section is accepted (the
 * first of {@link #CODECS} the remote lists) with its RTX companion and the NACK/PLI/FIR feedback.
 * Stateless.
 */
final class RecvonlySdp {

    /** Codecs a receiving peer accepts, upper case: what peerstack's depacketisers can rebuild. */
    static final Set<String> CODECS = Set.of("VP8", "VP9", "H264", "OPUS");
    /** RTCP feedback kept in answers (the peer sends these; it sends no congestion feedback). */
    static final List<String> FEEDBACK = List.of("nack", "nack pli", "ccm fir");
    static final String PROTOCOL = "UDP/TLS/RTP/SAVPF";

    /** The local ICE/DTLS parameters written into every media section. */
    record Local(String ufrag, String password, String fingerprint, InetSocketAddress candidate) {
    }

    /** The remote side's transport: ICE credentials and candidates, DTLS fingerprint and setup role. */
    record Remote(String ufrag, String password, String fingerprint, String setup, boolean iceLite,
            List<InetSocketAddress> candidates) {
    }

    /**
     * One media section after negotiation: the track (null when rejected) with the codec its packets use,
     * its SSRCs ({primary, rtx or -1}), and every codec the section accepts (an answer to our offer may list
     * several: the sender picks one, and the track follows the payload type that arrives).
     */
    record Media(String mid, ReceivedTrack track, int rtxPayloadType, List<long[]> ssrcs, boolean nack, List<RtpCodec> codecs) {

        /** The same section with its track on {@code codec} (one of {@link #codecs}). */
        Media with(RtpCodec codec) {
            ReceivedTrack t = new ReceivedTrack(mid, track.kind(), codec.name(), codec.payloadType(), codec.clockRate(),
                    track.streamId(), track.trackId());
            return new Media(mid, t, codec.rtxPayloadType(), ssrcs, codec.hasFeedback("nack"), codecs);
        }
    }

    /** A negotiated description: the SDP we send (an answer; null after applying an answer) and its media. */
    record Negotiated(String sdp, Remote remote, List<Media> media) {
    }

    private RecvonlySdp() {
    }

    /**
     * Answers {@code offerSdp} with every sending media section received (recvonly), the others rejected.
     *
     * @param lite answer as an ICE-lite agent (the offerer is a full agent and checks us)
     * @throws InvalidAccessException when the offer does not parse or lacks ICE/DTLS parameters
     */
    static Negotiated answer(String offerSdp, Local local, long sessionId, int version, boolean lite) {
        SessionDescription offer = parse(offerSdp);
        Remote remote = remote(offer);
        String setup = remote.setup().equals("active") ? "passive" : "active";
        List<String> media = new ArrayList<>();
        List<String> bundle = new ArrayList<>();
        List<Media> negotiated = new ArrayList<>();
        for (MediaDescription m : offer.media()) {
            String mid = m.mid() == null ? Integer.toString(negotiated.size()) : m.mid();
            RtpCodec codec = m.port() == 0 || !sends(m.direction()) || !m.protocol().equals(PROTOCOL) ? null : choose(m);
            if (codec == null) {
                media.add("m=" + m.kind() + " 0 " + m.protocol() + " " + (m.formats().isEmpty() ? "0" : m.formats().get(0)));
                media.add("c=IN IP4 0.0.0.0");
                media.add("a=mid:" + mid);
                media.add("a=inactive");
                negotiated.add(new Media(mid, null, -1, List.of(), false, List.of()));
                continue;
            }
            bundle.add(mid);
            mediaSection(media, m.kind(), mid, List.of(codec), local, setup, lite, m.hasFlag("rtcp-rsize"));
            MediaParameters p = MediaParameters.of(m);
            negotiated.add(media(mid, m.kind(), codec, p, List.of(codec)));
        }
        List<String> lines = session(sessionId, version, lite, bundle);
        lines.addAll(media);
        return new Negotiated(String.join("\r\n", lines) + "\r\n", remote, negotiated);
    }

    /** Whether {@code sdp} comes from an ICE-lite agent ({@code a=ice-lite}). */
    static boolean parseIsLite(String sdp) {
        return parse(sdp).attribute("ice-lite").isPresent();
    }

    /** A recvonly offer: {@code audio} Opus sections, then {@code video} sections offering VP8, VP9 and H.264 (four profiles). */
    static String offer(int audio, int video, Local local, long sessionId) {
        List<String> media = new ArrayList<>();
        List<String> bundle = new ArrayList<>();
        int mid = 0;
        for (int i = 0; i < audio + video; i++) {
            boolean isVideo = i >= audio;
            String id = Integer.toString(mid++);
            bundle.add(id);
            List<RtpCodec> codecs = isVideo
                    ? List.of(new RtpCodec(96, "VP8", 90_000, 0, "", FEEDBACK, 97),
                            new RtpCodec(98, "VP9", 90_000, 0, "profile-id=0", FEEDBACK, 99),
                            h264(102, "42e01f"), h264(104, "42001f"), h264(106, "4d001f"), h264(108, "64001f"))
                    : List.of(new RtpCodec(111, "opus", 48_000, 2, "minptime=10;useinbandfec=1", List.of(), -1));
            mediaSection(media, isVideo ? "video" : "audio", id, codecs, local, "actpass", true, true);
        }
        List<String> lines = session(sessionId, 1, false, bundle);
        lines.addAll(media);
        return String.join("\r\n", lines) + "\r\n";
    }

    /**
     * H.264 packetization-mode 1 in one profile (SFUs forward H.264 only to a receiver that accepted the
     * sender's profile): constrained baseline, baseline (FFmpeg's OpenH264), main and high are offered.
     */
    private static RtpCodec h264(int pt, String profileLevelId) {
        return new RtpCodec(pt, "H264", 90_000, 0, "level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=" + profileLevelId,
                FEEDBACK, pt + 1);
    }

    /** What the remote's answer to our {@link #offer} chose for each section. */
    static Negotiated applyAnswer(String answerSdp) {
        SessionDescription answer = parse(answerSdp);
        Remote remote = remote(answer);
        List<Media> negotiated = new ArrayList<>();
        for (MediaDescription m : answer.media()) {
            RtpCodec codec = m.port() == 0 || !sends(m.direction()) ? null : choose(m);
            List<RtpCodec> all = codec == null ? List.of() : MediaParameters.of(m).codecs().stream()
                    .filter(c -> !c.isRtx() && CODECS.contains(c.upperName())).toList();
            negotiated.add(codec == null ? new Media(m.mid(), null, -1, List.of(), false, List.of())
                    : media(m.mid(), m.kind(), codec, MediaParameters.of(m), all));
        }
        return new Negotiated(null, remote, negotiated);
    }

    private static Media media(String mid, String kind, RtpCodec codec, MediaParameters p, List<RtpCodec> codecs) {
        String msid = p.msid();
        String[] ids = msid == null ? new String[0] : msid.trim().split("\\s+");
        ReceivedTrack track = new ReceivedTrack(mid, kind, codec.name(), codec.payloadType(), codec.clockRate(),
                ids.length > 0 ? ids[0] : "", ids.length > 1 ? ids[1] : "");
        return new Media(mid, track, codec.rtxPayloadType(), p.ssrcs(), codec.hasFeedback("nack"), List.copyOf(codecs));
    }

    private static void mediaSection(List<String> out, String kind, String mid, List<RtpCodec> codecs, Local local,
            String setup, boolean candidate, boolean rsize) {
        StringBuilder m = new StringBuilder("m=" + kind + " 9 " + PROTOCOL);
        for (RtpCodec c : codecs) {
            m.append(' ').append(c.payloadType());
            if (c.rtxPayloadType() >= 0) {
                m.append(' ').append(c.rtxPayloadType());
            }
        }
        out.add(m.toString());
        out.add("c=IN IP4 0.0.0.0");
        out.add("a=mid:" + mid);
        out.add("a=recvonly");
        out.add("a=ice-ufrag:" + local.ufrag());
        out.add("a=ice-pwd:" + local.password());
        if (candidate) {
            InetSocketAddress c = local.candidate();
            out.add("a=candidate:1 1 udp 2130706431 " + c.getAddress().getHostAddress() + " " + c.getPort() + " typ host");
            out.add("a=end-of-candidates");
        }
        out.add("a=fingerprint:" + local.fingerprint());
        out.add("a=setup:" + setup);
        out.add("a=rtcp-mux");
        if (rsize) {
            out.add("a=rtcp-rsize");
        }
        for (RtpCodec c : codecs) {
            out.add("a=rtpmap:" + c.payloadType() + " " + c.name() + "/" + c.clockRate() + (c.channels() > 1 ? "/" + c.channels() : ""));
            if (!c.fmtp().isEmpty()) {
                out.add("a=fmtp:" + c.payloadType() + " " + c.fmtp());
            }
            if (kind.equals("video")) {
                for (String f : FEEDBACK) {
                    if (c.hasFeedback(f)) {
                        out.add("a=rtcp-fb:" + c.payloadType() + " " + f);
                    }
                }
            }
            if (c.rtxPayloadType() >= 0) {
                out.add("a=rtpmap:" + c.rtxPayloadType() + " rtx/" + c.clockRate());
                out.add("a=fmtp:" + c.rtxPayloadType() + " apt=" + c.payloadType());
            }
        }
    }

    private static List<String> session(long sessionId, int version, boolean lite, List<String> bundle) {
        List<String> lines = new ArrayList<>(List.of("v=0", "o=- " + sessionId + " " + version + " IN IP4 0.0.0.0", "s=-", "t=0 0"));
        if (lite) {
            lines.add("a=ice-lite");
        }
        if (!bundle.isEmpty()) {
            lines.add("a=group:BUNDLE " + String.join(" ", bundle));
        }
        return lines;
    }

    /** The first codec of the section peerstack can depacketise, restricted to the feedback we use. */
    private static RtpCodec choose(MediaDescription m) {
        for (RtpCodec c : MediaParameters.of(m).codecs()) {
            if (!c.isRtx() && CODECS.contains(c.upperName())) {
                return c.withFeedback(c.feedback().stream().filter(FEEDBACK::contains).toList());
            }
        }
        return null;
    }

    private static boolean sends(String direction) {
        return direction.equals("sendonly") || direction.equals("sendrecv");
    }

    private static SessionDescription parse(String sdp) {
        try {
            return SessionDescription.parse(sdp);
        } catch (RuntimeException e) {
            throw new InvalidAccessException("The remote description does not parse: " + e.getMessage());
        }
    }

    private static Remote remote(SessionDescription sdp) {
        String ufrag = null;
        String password = null;
        String fingerprint = null;
        String setup = null;
        List<InetSocketAddress> candidates = new ArrayList<>();
        for (MediaDescription m : sdp.media()) {
            if (m.port() == 0) {
                continue;
            }
            ufrag = ufrag != null ? ufrag : either(m, sdp, "ice-ufrag");
            password = password != null ? password : either(m, sdp, "ice-pwd");
            fingerprint = fingerprint != null ? fingerprint : either(m, sdp, "fingerprint");
            setup = setup != null ? setup : either(m, sdp, "setup");
            for (String c : m.attributes("candidate")) {
                candidate(c).filter(a -> !candidates.contains(a)).ifPresent(candidates::add);
            }
        }
        if (ufrag == null || password == null || fingerprint == null) {
            throw new InvalidAccessException("The remote description lacks ICE credentials or a DTLS fingerprint");
        }
        return new Remote(ufrag, password, fingerprint, setup == null ? "actpass" : setup.toLowerCase(Locale.ROOT),
                sdp.attribute("ice-lite").isPresent(), List.copyOf(candidates));
    }

    private static String either(MediaDescription m, SessionDescription sdp, String name) {
        return m.attribute(name).or(() -> sdp.attribute(name)).orElse(null);
    }

    /** A UDP host/srflx candidate of component 1 with a literal address (mDNS names are not resolved). */
    static Optional<InetSocketAddress> candidate(String value) {
        String[] c = value.trim().split("\\s+");
        if (c.length < 8 || !c[1].equals("1") || !c[2].equalsIgnoreCase("udp")) {
            return Optional.empty();
        }
        String host = c[4];
        if (!host.matches("[0-9.]+") && !host.contains(":")) {
            return Optional.empty();
        }
        try {
            return Optional.of(new InetSocketAddress(InetAddress.getByName(host), Integer.parseInt(c[5])));
        } catch (java.net.UnknownHostException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
