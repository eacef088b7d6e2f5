package org.peerstack.sfu.internal.forward;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.peerstack.exc.OperationException;
import org.peerstack.sfu.SfuConfig;
import org.peerstack.sfu.internal.sdp.MediaDescription;
import org.peerstack.sfu.internal.sdp.MediaParameters;
import org.peerstack.sfu.internal.sdp.RtpCodec;
import org.peerstack.sfu.internal.sdp.SessionDescription;

/**
 * The SFU's answer to a subscriber's offer (the client-offer flow of draft-ietf-wish-whep; JSEP, RFC 8829
 * §5.3): every audio or video m-line the subscriber offered {@code recvonly} or {@code sendrecv} with a
 * codec the SFU forwards is answered {@code sendonly} with the codecs both support (the subscriber's
 * payload types, its order, RTX when it offered RTX), the feedback both support, abs-send-time when
 * offered, and one SSRC (plus an RTX SSRC for video) announced per m-line; every other m-line is rejected
 * (port 0). Tracks are bound to the answered m-lines afterwards, now and whenever they are published.
 */
final class SubscriberAnswer {

    /** Feedback the SFU answers to a subscriber for video (it handles NACK, PLI and FIR, and reads REMB). */
    static final List<String> VIDEO_FEEDBACK = List.of("goog-remb", "ccm fir", "nack", "nack pli");

    private SubscriberAnswer() {
    }

    /**
     * Builds the answer to {@code offerSdp} for {@code session}, fills {@code answered} with the m-lines
     * answered sendonly and configures the session's transport. Fails with {@link OperationException}
     * "sdp-syntax-error" (malformed or not a WebRTC offer) or "no-media" (nothing the SFU could send).
     */
    static String build(String offerSdp, SubscriberSession session, List<AnsweredMedia> answered) {
        MediaEngine engine = session.engine();
        SessionDescription offer = SessionDescription.parse(offerSdp);
        String ufrag = required(offer, "ice-ufrag");
        required(offer, "ice-pwd");
        String fingerprint = required(offer, "fingerprint");
        if (!fingerprint.toLowerCase(Locale.ROOT).startsWith("sha-256 ")) {
            throw new OperationException("sdp-syntax-error", "Invalid SDP: only sha-256 fingerprints are supported");
        }
        String setup = offer.attributeAnywhere("setup").orElse("actpass");
        boolean weAreClient = switch (setup) {
            case "passive" -> true;
            case "active" -> false;
            case "actpass" -> engine.config().roleForActpass() == SfuConfig.DtlsRole.CLIENT;
            default -> throw new OperationException("sdp-syntax-error", "Invalid SDP: a=setup:" + setup);
        };
        String address = engine.announcedAddresses().get(0);
        String streamId = "sfu-" + session.id();
        List<String> media = new ArrayList<>();
        List<String> bundle = new ArrayList<>();
        for (MediaDescription m : offer.media()) {
            String mid = m.mid();
            if (mid == null) {
                throw new OperationException("sdp-syntax-error", "Invalid SDP: every m-line needs a=mid (BUNDLE)");
            }
            List<RtpCodec> codecs = answered.size() < engine.config().maxTracksPerPublisher() ? usable(m) : List.of();
            if (codecs.isEmpty()) {
                media.add("m=" + m.kind() + " 0 " + m.protocol() + " " + (m.formats().isEmpty() ? "0" : m.formats().get(0)));
                media.add("c=IN IP4 0.0.0.0");
                media.add("a=mid:" + mid);
                media.add("a=inactive");
                continue;
            }
            boolean video = m.kind().equals("video");
            MediaParameters params = MediaParameters.of(m);
            int absSendTimeId = params.extensionId(MediaParameters.EXT_ABS_SEND_TIME);
            int ssrc = session.uniqueSsrc();
            int rtxSsrc = video && codecs.stream().anyMatch(c -> c.rtxPayloadType() >= 0) ? session.uniqueSsrc() : -1;
            AnsweredMedia a = new AnsweredMedia(mid, m.kind(), codecs, absSendTimeId, ssrc, rtxSsrc);
            answered.add(a);
            bundle.add(mid);
            StringBuilder formats = new StringBuilder();
            for (RtpCodec c : codecs) {
                formats.append(' ').append(c.payloadType());
                if (c.rtxPayloadType() >= 0) {
                    formats.append(' ').append(c.rtxPayloadType());
                }
            }
            media.add("m=" + m.kind() + " " + engine.announcedPort() + " " + m.protocol() + formats);
            media.add(SdpLines.connection(address));
            media.add("a=mid:" + mid);
            media.add("a=sendonly");
            String trackId = m.kind() + "-" + mid;
            media.add("a=msid:" + streamId + " " + trackId);
            SdpLines.transport(media, session.transport(), engine, weAreClient ? "active" : "passive");
            media.add("a=rtcp-mux");
            if (m.hasFlag("rtcp-rsize")) {
                media.add("a=rtcp-rsize");
            }
            for (RtpCodec c : codecs) {
                SdpLines.codec(media, c, c.payloadType(), c.rtxPayloadType(), c.feedback());
            }
            if (absSendTimeId > 0) {
                media.add("a=extmap:" + absSendTimeId + " " + MediaParameters.EXT_ABS_SEND_TIME);
            }
            if (rtxSsrc != -1) {
                media.add("a=ssrc-group:FID " + Integer.toUnsignedString(ssrc) + " " + Integer.toUnsignedString(rtxSsrc));
            }
            for (int s : rtxSsrc != -1 ? new int[] {ssrc, rtxSsrc} : new int[] {ssrc}) {
                media.add("a=ssrc:" + Integer.toUnsignedString(s) + " cname:" + session.cname());
                media.add("a=ssrc:" + Integer.toUnsignedString(s) + " msid:" + streamId + " " + trackId);
            }
            SdpLines.candidates(media, engine);
        }
        if (answered.isEmpty()) {
            throw new OperationException("no-media", "The offer has no recvonly/sendrecv audio or video m-line with a codec"
                    + " the SFU forwards (opus, VP8, VP9, H264 packetization-mode=1)");
        }
        List<String> lines = new ArrayList<>();
        SdpLines.session(lines, Integer.toUnsignedLong(engine.random().nextInt()), 2, bundle);
        lines.addAll(media);
        session.transport().configureRemote(ufrag, fingerprint, weAreClient);
        return String.join("\r\n", lines) + "\r\n";
    }

    /** The codecs of {@code m} the SFU can send on it, the offer's order, with the feedback both support. */
    private static List<RtpCodec> usable(MediaDescription m) {
        if (m.port() == 0 || !m.protocol().contains("SAVPF")) {
            return List.of();
        }
        String dir = m.direction();
        if (!dir.equals("recvonly") && !dir.equals("sendrecv")) {
            return List.of();
        }
        boolean video = m.kind().equals("video");
        List<String> names = switch (m.kind()) {
            case "audio" -> PublishAnswer.AUDIO_CODECS;
            case "video" -> PublishAnswer.VIDEO_CODECS;
            default -> List.of();
        };
        List<RtpCodec> usable = new ArrayList<>();
        for (RtpCodec c : MediaParameters.of(m).codecs()) {
            if (!names.contains(c.upperName()) || c.upperName().equals("H264") && c.h264PacketizationMode() != 1) {
                continue;
            }
            List<String> feedback = video ? VIDEO_FEEDBACK.stream().filter(c::hasFeedback).toList() : List.of();
            usable.add(c.withFeedback(feedback).withPayloadTypes(c.payloadType(), video ? c.rtxPayloadType() : -1));
        }
        return usable;
    }

    private static String required(SessionDescription sdp, String attribute) {
        return sdp.attributeAnywhere(attribute).orElseThrow(
                () -> new OperationException("sdp-syntax-error", "Invalid SDP: a=" + attribute + " is missing"));
    }
}
