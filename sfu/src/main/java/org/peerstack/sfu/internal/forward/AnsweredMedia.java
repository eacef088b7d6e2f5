package org.peerstack.sfu.internal.forward;

import java.util.List;
import org.peerstack.sfu.internal.sdp.RtpCodec;

/**
 * One m-line of a subscriber's own offer that the SFU answered {@code sendonly} (the client-offer flow of
 * WHEP): its kind, the codecs both sides can use under the subscriber's payload types, the SSRCs the
 * answer announced for it, and the published track it carries now (null while it waits for one). A
 * track that ends leaves the m-line waiting; the next track of the same kind whose codec the m-line
 * accepted continues on it through the same {@link ForwardedTrack}, so the subscriber sees one
 * continuous stream without renegotiation. I/O thread only.
 */
final class AnsweredMedia {

    final String mid;
    final String kind;
    /** Accepted codecs, the offer's payload types, RTX folded in (-1 without RTX). */
    final List<RtpCodec> codecs;
    /** abs-send-time id of the offer (0: not offered). */
    final int absSendTimeId;
    final int ssrc;
    /** -1 for audio. */
    final int rtxSsrc;
    /** The forwarding state of this m-line; null until a first track was bound. */
    ForwardedTrack slot;

    AnsweredMedia(String mid, String kind, List<RtpCodec> codecs, int absSendTimeId, int ssrc, int rtxSsrc) {
        this.mid = mid;
        this.kind = kind;
        this.codecs = List.copyOf(codecs);
        this.absSendTimeId = absSendTimeId;
        this.ssrc = ssrc;
        this.rtxSsrc = rtxSsrc;
    }

    /** The accepted codec {@code source} can be forwarded as, or null. */
    RtpCodec codecFor(PublishedTrack source) {
        if (!source.info.kind().equals(kind)) {
            return null;
        }
        for (RtpCodec c : codecs) {
            if (c.matches(source.codec)) {
                return c;
            }
        }
        return null;
    }

    /** True if a track is forwarded on this m-line now. */
    boolean busy() {
        return slot != null && slot.state == ForwardedTrack.State.ACTIVE;
    }
}
