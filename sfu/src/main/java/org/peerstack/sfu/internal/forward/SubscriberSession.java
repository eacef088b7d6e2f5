package org.peerstack.sfu.internal.forward;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.peerstack.exc.InvalidStateException;
import org.peerstack.sfu.internal.packet.IntMap;
import org.peerstack.sfu.internal.sdp.MediaDescription;
import org.peerstack.sfu.internal.sdp.MediaParameters;
import org.peerstack.sfu.internal.sdp.SessionDescription;

/**
 * A subscriber's side of a connection: the SFU offers one sendonly m-line per track it forwards (codec of
 * the publisher under a payload type mapped for this subscriber, RTX for video), applies the answer, and
 * answers the subscriber's NACKs and keyframe requests. On a connection of its own, tracks that end are
 * offered again with port 0 (the subscriber's track ends); on a room member's single connection
 * ({@link MemberSession}) they go {@code inactive} and the m-line carries the next track of its kind
 * once that was answered, so the SDP stays as large as the most tracks received at once. I/O thread only.
 */
public final class SubscriberSession implements PeerTransport.MediaHandler {

    private final MediaEngine engine;
    private final String id;
    private final RoomState room;
    private final SessionEvents events;
    private final PeerTransport transport;
    private final List<ForwardedTrack> slots = new ArrayList<>();
    private final IntMap<ForwardedTrack> bySsrc = new IntMap<>();
    private final PayloadTypes payloadTypes = new PayloadTypes();
    private final String cname;
    /** A room member's connection: ended m-lines stay inactive and are reused; mids start with {@link #MEMBER_MID_PREFIX}. */
    private final boolean shared;
    /** Which m-line a new track takes (shared only: ended m-lines are reused). */
    private final MLineRecycler mLines = new MLineRecycler();
    /**
     * The first characters of the mids the SFU gives its m-lines on a member's single connection: the
     * member picks the mids of the m-lines it publishes on (libwebrtc and browsers use numbers), so both
     * never pick the same.
     */
    static final String MEMBER_MID_PREFIX = "s";
    private final long sessionId;
    private int version = 1;
    private int nextMid;
    private boolean offerOutstanding;
    private boolean negotiationNeeded;
    private boolean remoteConfigured;
    private boolean closed;
    /** Simulcast layer preferences and bandwidth budget. */
    private final LayerAllocator layerAllocator = new LayerAllocator();

    /** Client-offer mode (WHEP): the m-lines answered and what they carry; null when the SFU offers. */
    private ClientOfferSlots answered;
    /** The subscriber's last REMB (its receive-side bandwidth estimate), bits/s; -1 before one arrived. */
    private volatile long remoteBitrateEstimate = -1;

    SubscriberSession(MediaEngine engine, String id, RoomState room, SessionEvents events) {
        this(engine, id, room, events, null);
    }

    /** A subscriber on {@code shared}, a room member's single connection, or on a transport of its own when null. */
    SubscriberSession(MediaEngine engine, String id, RoomState room, SessionEvents events, PeerTransport shared) {
        this.engine = engine;
        this.id = id;
        this.room = room;
        this.events = events;
        this.shared = shared != null;
        this.transport = shared != null ? shared : new PeerTransport(engine, this);
        this.cname = "sfu-" + id;
        this.sessionId = Integer.toUnsignedLong(engine.random().nextInt());
        if (shared == null) {
            engine.register(transport);
        }
    }

    /** The payload types of this connection (a member's own published codecs are reserved in it). */
    PayloadTypes payloadTypes() {
        return payloadTypes;
    }

    MediaEngine engine() {
        return engine;
    }

    PeerTransport transport() {
        return transport;
    }

    /** This subscriber's simulcast layer preferences and bandwidth budget. */
    public LayerAllocator layerAllocator() {
        return layerAllocator;
    }

    String cname() {
        return cname;
    }

    public String id() {
        return id;
    }

    /** Starts forwarding {@code source} (after the next offer/answer; at once on an answered m-line). */
    void addSource(PublishedTrack source) {
        if (closed || source.ended) {
            return;
        }
        if (answered != null) {
            answered.add(source);
            return;
        }
        if (shared && mLines.deferred(source)) {
            return; // placed when the outstanding offer, which frees an m-line of its kind, is answered
        }
        int pt = payloadTypes.typeFor(source.codec.upperName() + "/" + source.codec.clockRate() + "/" + source.codec.fmtp(),
                source.codec.payloadType());
        int rtxPt = source.video ? payloadTypes.typeFor("RTX/" + pt,
                source.codec.rtxPayloadType() >= 0 ? source.codec.rtxPayloadType() : pt + 1) : -1;
        int ssrc = uniqueSsrc();
        int rtxSsrc = source.video ? uniqueSsrc() : -1;
        ForwardedTrack old = shared ? mLines.take(source.info.kind()) : null;
        String mid = old != null ? old.mid : (shared ? MEMBER_MID_PREFIX : "") + nextMid++;
        ForwardedTrack slot = new ForwardedTrack(this, mid, source, ssrc, rtxSsrc, pt, rtxPt, engine.random().nextInt(0x10000));
        if (old != null) { // the ended m-line carries this track: same place, same mid
            slots.set(slots.indexOf(old), slot);
            bySsrc.remove(old.ssrc);
            if (old.rtxSsrc != -1) {
                bySsrc.remove(old.rtxSsrc);
            }
            layerAllocator.remove(old);
        } else {
            slots.add(slot);
        }
        bySsrc.put(ssrc, slot);
        if (rtxSsrc != -1) {
            bySsrc.put(rtxSsrc, slot);
        }
        needNegotiation();
    }

    /** The source ended: the m-line will be offered with port 0 (client-offer mode: it waits for the next track). */
    void sourceEnded(PublishedTrack source) {
        if (answered != null) {
            answered.ended(source);
            return;
        }
        for (ForwardedTrack slot : slots) {
            if (slot.source == source && slot.state != ForwardedTrack.State.REMOVED) {
                slot.sendBye();
                slot.state = ForwardedTrack.State.REMOVED;
                source.removeSink(slot);
                needNegotiation();
            }
        }
    }

    private void needNegotiation() {
        if (!negotiationNeeded) {
            negotiationNeeded = true;
            events.negotiationNeeded();
        }
    }

    /**
     * Client-offer mode: answers the subscriber's offer ({@link SubscriberAnswer}); tracks are bound to the
     * answered m-lines by {@link #addSource} from then on.
     */
    String answerOffer(String offerSdp) {
        List<AnsweredMedia> lines = new ArrayList<>();
        String answer = SubscriberAnswer.build(offerSdp, this, lines);
        answered = new ClientOfferSlots(this, lines, answer);
        remoteConfigured = true;
        return answer;
    }

    /**
     * The subscriber's bandwidth estimate from its last REMB (goog-remb is answered to client-offer
     * subscribers), in bits per second, or -1 before one arrived. Any thread.
     */
    public long remoteBitrateEstimate() {
        return remoteBitrateEstimate;
    }

    /** The SFU's answer in client-offer mode, else null. */
    public String answer() {
        return answered == null ? null : answered.answer();
    }

    /** Client-offer mode: {@code slot} replaces {@code old} (null: none) on its m-line. */
    void adopt(ForwardedTrack slot, ForwardedTrack old) {
        if (old != null) {
            slots.remove(old);
        }
        slots.add(slot);
        bySsrc.put(slot.ssrc, slot);
        if (slot.rtxSsrc != -1) {
            bySsrc.put(slot.rtxSsrc, slot);
        }
    }

    int uniqueSsrc() {
        int s;
        do {
            s = engine.random().nextInt();
        } while (s == 0 || bySsrc.get(s) != null);
        return s;
    }

    /** An offer for every slot (ended ones with port 0). */
    String createOffer() {
        if (closed) {
            throw new InvalidStateException("The subscriber is closed");
        }
        if (answered != null) {
            throw new InvalidStateException("This subscriber answered its own offer: the SFU does not offer to it");
        }
        List<String> bundle = new ArrayList<>();
        List<String> media = new ArrayList<>();
        writeSlots(media, bundle, "actpass");
        List<String> lines = new ArrayList<>();
        SdpLines.session(lines, sessionId, ++version, bundle);
        if (media.isEmpty()) {
            throw new InvalidStateException("There is nothing to subscribe to yet: no track is published in the room");
        }
        lines.addAll(media);
        offerOutstanding = true;
        return String.join("\r\n", lines) + "\r\n";
    }

    /** The m-lines of every slot, in order; pending ones become offered. Clears the negotiation-needed flag. */
    void writeSlots(List<String> media, List<String> bundle, String setup) {
        for (ForwardedTrack slot : slots) {
            writeOffered(slot, media, bundle, setup);
        }
        negotiationNeeded = false;
    }

    /** Writes {@code slot} into the SFU's offer: a pending one becomes offered, an ended one's removal offered. */
    void writeOffered(ForwardedTrack slot, List<String> media, List<String> bundle, String setup) {
        SlotLines.write(media, bundle, slot, this, setup, shared);
        if (slot.state == ForwardedTrack.State.REMOVED) {
            slot.removalOffered = true;
            if (shared) {
                mLines.removalOffered(slot);
            }
        } else if (slot.state == ForwardedTrack.State.PENDING) {
            slot.state = ForwardedTrack.State.OFFERED;
        }
    }

    /** An offer of the member's single connection was written: nothing is pending any more. */
    void offered() {
        negotiationNeeded = false;
    }

    /** The slots, in m-line order (read only). */
    List<ForwardedTrack> slots() {
        return java.util.Collections.unmodifiableList(slots);
    }

    /** A member's offer answered the end of {@code slot}: its m-line is free for the next track of its kind. */
    void reuseLater(ForwardedTrack slot) {
        slot.removalOffered = true;
        mLines.freed(slot);
    }

    /** Applies the subscriber's answer to the last offer. */
    void setAnswer(String answerSdp) {
        if (closed) {
            throw new InvalidStateException("The subscriber is closed");
        }
        if (!offerOutstanding || answered != null) {
            throw new InvalidStateException("No offer is outstanding: call createOffer first");
        }
        SessionDescription answer = SessionDescription.parse(answerSdp);
        if (!remoteConfigured) {
            RemoteTransport.ofAnswer(answer).configure(transport);
            remoteConfigured = true;
        }
        applyAnswer(answer);
        offerOutstanding = false;
    }

    /** The subscriber answered the m-lines last offered (by {@link #writeSlots}): offered slots start or are refused. */
    void applyAnswer(SessionDescription answer) {
        Map<String, MediaDescription> byMid = new HashMap<>();
        for (MediaDescription m : answer.media()) {
            if (m.mid() != null) {
                byMid.put(m.mid(), m);
            }
        }
        long now = System.nanoTime();
        for (ForwardedTrack slot : slots) {
            if (slot.state == ForwardedTrack.State.REMOVED && slot.removalOffered && shared && !mLines.isFree(slot)) {
                MediaDescription m = byMid.get(slot.mid);
                if (m != null && m.port() != 0) {
                    mLines.freed(slot);
                }
                continue;
            }
            if (slot.state != ForwardedTrack.State.OFFERED) {
                continue;
            }
            MediaDescription m = byMid.get(slot.mid);
            if (m == null || m.port() == 0 || !m.formats().contains(Integer.toString(slot.payloadType))) {
                slot.state = ForwardedTrack.State.REMOVED;
                continue;
            }
            MediaParameters params = MediaParameters.of(m);
            slot.rtxNegotiated = slot.rtxPayloadType >= 0 && m.formats().contains(Integer.toString(slot.rtxPayloadType));
            slot.absSendTimeId = params.extensionId(MediaParameters.EXT_ABS_SEND_TIME);
            slot.state = ForwardedTrack.State.ACTIVE;
            slot.source.addSink(slot);
            if (transport.isConnected()) {
                slot.requestKeyframe(now);
            }
        }
        if (shared) {
            mLines.answered().forEach(this::addSource); // tracks that waited, on the freed m-lines: the next offer carries them
        }
    }

    /** Whether tracks came or went since the last offer. */
    boolean negotiationNeeded() {
        return negotiationNeeded;
    }

    @Override
    public void onRtp(byte[] b, int off, int len, long nowNanos) {
        // a sendonly connection: nothing to receive
    }

    @Override
    public void onRtcp(byte[] b, int off, int len, long nowNanos) {
        SubscriberRtcp.handle(this, b, off, len, nowNanos);
    }

    /** The slot sending on SSRC {@code ssrc} (or its RTX), or null. */
    ForwardedTrack slotBySsrc(int ssrc) {
        return bySsrc.get(ssrc);
    }

    /** A REMB from the subscriber: its bandwidth estimate, in bits per second. */
    void onRemb(long bps, long nowNanos) {
        remoteBitrateEstimate = bps;
        layerAllocator.onRemb(bps, nowNanos);
    }

    @Override
    public void onConnected(long nowNanos) {
        events.connected();
        for (ForwardedTrack slot : slots) {
            if (slot.isActive()) {
                slot.requestKeyframe(nowNanos);
            }
        }
    }

    @Override
    public void onTransportClosed(String reason) {
        if (closed) {
            return;
        }
        closed = true;
        for (ForwardedTrack slot : slots) {
            slot.source.removeSink(slot);
            slot.state = ForwardedTrack.State.REMOVED;
        }
        room.subscriberClosed(this);
        events.closed(reason);
    }

    void close(String reason) {
        transport.close(reason);
    }

    boolean isClosed() {
        return closed;
    }

    /** This connection's counters now. I/O thread. */
    public org.peerstack.sfu.SfuPeerStats stats() {
        return transport.counters.snapshot();
    }

    /** Mids of the slots currently forwarding. */
    public List<String> activeMids() {
        return slots.stream().filter(ForwardedTrack::isActive).map(s -> s.mid).toList();
    }
}
