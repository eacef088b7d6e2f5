package org.peerstack.sfu.internal.forward;

import java.util.ArrayList;
import java.util.List;
import org.peerstack.sfu.internal.sdp.RtpCodec;

/**
 * The client-offer flow of a subscriber (WHEP, draft-ietf-wish-whep): the m-lines the SFU answered
 * {@code sendonly} ({@link AnsweredMedia}) and which track each carries. A track is bound to the first
 * free answered m-line of its kind that accepted its codec, or waits for one; when it ends, its m-line
 * takes the next waiting track. No renegotiation ever. I/O thread only.
 */
final class ClientOfferSlots {

    private final SubscriberSession session;
    private final List<AnsweredMedia> answered;
    private final String answer;
    /** Sources with no free m-line of their kind yet, in arrival order. */
    private final List<PublishedTrack> waiting = new ArrayList<>();

    ClientOfferSlots(SubscriberSession session, List<AnsweredMedia> answered, String answer) {
        this.session = session;
        this.answered = List.copyOf(answered);
        this.answer = answer;
    }

    String answer() {
        return answer;
    }

    /** A track to forward: bound now, or when an m-line of its kind is free. */
    void add(PublishedTrack source) {
        if (!bind(source, System.nanoTime()) && !waiting.contains(source)) {
            waiting.add(source);
        }
    }

    /** {@code source} ended: its m-line waits for (or takes) the next track. */
    void ended(PublishedTrack source) {
        waiting.remove(source);
        for (AnsweredMedia m : answered) {
            if (m.slot != null && m.slot.source == source && m.slot.state == ForwardedTrack.State.ACTIVE) {
                source.removeSink(m.slot);
                m.slot.state = ForwardedTrack.State.PENDING;
            }
        }
        long now = System.nanoTime();
        waiting.removeIf(w -> bind(w, now));
    }

    /**
     * Forwards {@code source} on the first waiting answered m-line of its kind that accepted its codec. The
     * m-line's {@link ForwardedTrack} is reused when the codec is the same (one continuous stream for the
     * subscriber); another codec gets a new one under its payload type.
     */
    private boolean bind(PublishedTrack source, long nowNanos) {
        for (AnsweredMedia m : answered) {
            RtpCodec codec = m.busy() ? null : m.codecFor(source);
            if (codec == null) {
                continue;
            }
            int rtxPt = source.video && m.rtxSsrc != -1 ? codec.rtxPayloadType() : -1;
            ForwardedTrack slot = m.slot;
            if (slot == null || slot.payloadType != codec.payloadType()) {
                ForwardedTrack fresh = new ForwardedTrack(session, m.mid, source, m.ssrc, rtxPt >= 0 ? m.rtxSsrc : -1,
                        codec.payloadType(), rtxPt, session.engine().random().nextInt(0x10000));
                fresh.absSendTimeId = m.absSendTimeId;
                fresh.rtxNegotiated = rtxPt >= 0;
                session.adopt(fresh, slot);
                m.slot = fresh;
                slot = fresh;
            }
            slot.source = source;
            slot.state = ForwardedTrack.State.ACTIVE;
            source.addSink(slot);
            if (session.transport().isConnected()) {
                source.requestKeyframe(nowNanos);
            }
            return true;
        }
        return false;
    }
}
