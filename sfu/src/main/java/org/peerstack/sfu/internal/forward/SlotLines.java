package org.peerstack.sfu.internal.forward;

import java.util.List;
import org.peerstack.sfu.internal.sdp.MediaParameters;

/**
 * The SDP lines of one m-line the SFU sends on to a subscriber ({@link ForwardedTrack}, RFC 8829 JSEP,
 * RFC 8843 BUNDLE): {@code sendonly} with the source's codec under the subscriber's payload types, RTX
 * for video, NACK/PLI/FIR/REMB feedback, abs-send-time, the SSRCs with cname and msid. A slot whose
 * track ended is written {@code inactive} with its port kept (a room member's single connection: the
 * m-line stays in the BUNDLE and is reused by the next track of its kind) or rejected with port 0
 * (a subscribe-only connection: the subscriber's track ends).
 */
final class SlotLines {

    private SlotLines() {
    }

    /** Writes {@code slot}; adds its mid to {@code bundle} unless rejected. */
    static void write(List<String> media, List<String> bundle, ForwardedTrack slot, SubscriberSession session, String setup,
            boolean keepEnded) {
        MediaEngine engine = session.engine();
        PublishedTrack src = slot.source;
        boolean ended = slot.state == ForwardedTrack.State.REMOVED;
        if (ended && !keepEnded) {
            media.add("m=" + slot.kind + " 0 UDP/TLS/RTP/SAVPF " + slot.payloadType);
            media.add("c=IN IP4 0.0.0.0");
            media.add("a=mid:" + slot.mid);
            media.add("a=inactive");
            return;
        }
        bundle.add(slot.mid);
        media.add("m=" + slot.kind + " " + engine.announcedPort() + " UDP/TLS/RTP/SAVPF " + slot.payloadType
                + (slot.rtxPayloadType >= 0 ? " " + slot.rtxPayloadType : ""));
        media.add(SdpLines.connection(engine.announcedAddresses().get(0)));
        media.add("a=mid:" + slot.mid);
        media.add(ended ? "a=inactive" : "a=sendonly");
        if (!ended) {
            media.add("a=msid:" + src.info.streamId() + " " + src.info.trackId());
        }
        SdpLines.transport(media, session.transport(), engine, setup);
        media.add("a=rtcp-mux");
        media.add("a=rtcp-rsize");
        SdpLines.codec(media, src.codec, slot.payloadType, slot.rtxPayloadType, SdpLines.feedback(src.codec, src.video, false));
        media.add("a=extmap:" + AbsSendTime.ID + " " + MediaParameters.EXT_ABS_SEND_TIME);
        if (!ended) {
            if (slot.rtxSsrc != -1) {
                media.add("a=ssrc-group:FID " + Integer.toUnsignedString(slot.ssrc) + " " + Integer.toUnsignedString(slot.rtxSsrc));
            }
            for (int s : slot.rtxSsrc != -1 ? new int[] {slot.ssrc, slot.rtxSsrc} : new int[] {slot.ssrc}) {
                media.add("a=ssrc:" + Integer.toUnsignedString(s) + " cname:" + session.cname());
                media.add("a=ssrc:" + Integer.toUnsignedString(s) + " msid:" + src.info.streamId() + " " + src.info.trackId());
            }
        }
        SdpLines.candidates(media, engine);
    }
}
