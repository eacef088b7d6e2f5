package org.peerstack.sfu.internal.forward;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.peerstack.exc.InvalidStateException;
import org.peerstack.exc.OperationException;
import org.peerstack.sfu.SfuCounter;
import org.peerstack.sfu.internal.packet.Bytes;
import org.peerstack.sfu.internal.packet.IntMap;
import org.peerstack.sfu.internal.packet.RtcpPacket;
import org.peerstack.sfu.internal.sdp.MediaDescription;
import org.peerstack.sfu.internal.sdp.MediaParameters;
import org.peerstack.sfu.internal.sdp.RtpCodec;
import org.peerstack.sfu.internal.sdp.SessionDescription;

/**
 * A subscriber's connection: the SFU offers one sendonly m-line per track it forwards (codec of the
 * publisher under a payload type mapped for this subscriber, RTX for video), applies the answer, and
 * answers the subscriber's NACKs and keyframe requests. Tracks that end are offered again with port 0
 * (the subscriber's track ends). I/O thread only.
 */
public final class SubscriberSession implements PeerTransport.MediaHandler {

    /** Dynamic payload types (RFC 3551 §3) from which this subscriber's types are chosen. */
    static final int FIRST_DYNAMIC_PT = 96;
    static final int LAST_DYNAMIC_PT = 127;

    private final MediaEngine engine;
    private final String id;
    private final RoomState room;
    private final SessionEvents events;
    private final PeerTransport transport;
    private final List<ForwardedTrack> slots = new ArrayList<>();
    private final IntMap<ForwardedTrack> bySsrc = new IntMap<>();
    private final Map<Integer, String> payloadTypes = new HashMap<>();
    private final String cname;
    private final long sessionId;
    private int version = 1;
    private int nextMid;
    private boolean offerOutstanding;
    private boolean negotiationNeeded;
    private boolean remoteConfigured;
    private boolean closed;
    /** Client-offer mode: the m-lines answered sendonly, in offer order; null when the SFU offers. */
    private List<AnsweredMedia> answered;
    /** Client-offer mode: sources with no free m-line of their kind yet, in arrival order. */
    private final List<PublishedTrack> waiting = new ArrayList<>();
    private String answer;
    /** The subscriber's last REMB (its receive-side bandwidth estimate), bits/s; -1 before one arrived. */
    private volatile long remoteBitrateEstimate = -1;

    SubscriberSession(MediaEngine engine, String id, RoomState room, SessionEvents events) {
        this.engine = engine;
        this.id = id;
        this.room = room;
        this.events = events;
        this.transport = new PeerTransport(engine, this);
        this.cname = "sfu-" + id;
        this.sessionId = Integer.toUnsignedLong(engine.random().nextInt());
        engine.register(transport);
    }

    MediaEngine engine() {
        return engine;
    }

    PeerTransport transport() {
        return transport;
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
            if (!bind(source, System.nanoTime()) && !waiting.contains(source)) {
                waiting.add(source);
            }
            return;
        }
        int pt = payloadTypeFor(source.codec.upperName() + "/" + source.codec.clockRate() + "/" + source.codec.fmtp(),
                source.codec.payloadType());
        int rtxPt = source.video ? payloadTypeFor("RTX/" + pt, source.codec.rtxPayloadType() >= 0 ? source.codec.rtxPayloadType() : pt + 1) : -1;
        int ssrc = uniqueSsrc();
        int rtxSsrc = source.video ? uniqueSsrc() : -1;
        ForwardedTrack slot = new ForwardedTrack(this, Integer.toString(nextMid++), source, ssrc, rtxSsrc, pt, rtxPt,
                engine.random().nextInt(0x10000));
        slots.add(slot);
        bySsrc.put(ssrc, slot);
        if (rtxSsrc != -1) {
            bySsrc.put(rtxSsrc, slot);
        }
        needNegotiation();
    }

    /** The source ended: the m-line will be offered with port 0 (client-offer mode: it waits for the next track). */
    void sourceEnded(PublishedTrack source) {
        if (answered != null) {
            waiting.remove(source);
            for (AnsweredMedia m : answered) {
                if (m.slot != null && m.slot.source == source && m.slot.state == ForwardedTrack.State.ACTIVE) {
                    source.removeSink(m.slot);
                    m.slot.state = ForwardedTrack.State.PENDING;
                }
            }
            long now = System.nanoTime();
            waiting.removeIf(w -> bind(w, now));
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

    /** A payload type for codec {@code key}: the publisher's if still free in this session, else a free dynamic one. */
    private int payloadTypeFor(String key, int preferred) {
        for (Map.Entry<Integer, String> e : payloadTypes.entrySet()) {
            if (e.getValue().equals(key)) {
                return e.getKey();
            }
        }
        int pt = preferred;
        if (pt < 0 || payloadTypes.containsKey(pt)) {
            pt = -1;
            for (int candidate = FIRST_DYNAMIC_PT; candidate <= LAST_DYNAMIC_PT; candidate++) {
                if (!payloadTypes.containsKey(candidate)) {
                    pt = candidate;
                    break;
                }
            }
            if (pt < 0) {
                throw new OperationException("payload-types-exhausted", "No free payload type left for this subscriber");
            }
        }
        payloadTypes.put(pt, key);
        return pt;
    }

    /**
     * Client-offer mode: answers the subscriber's offer ({@link SubscriberAnswer}); tracks are bound to the
     * answered m-lines by {@link #addSource} from then on.
     */
    String answerOffer(String offerSdp) {
        List<AnsweredMedia> lines = new ArrayList<>();
        answer = SubscriberAnswer.build(offerSdp, this, lines);
        answered = lines;
        remoteConfigured = true;
        return answer;
    }

    /**
     * The subscriber's bandwidth estimate from its last REMB (goog-remb is negotiated for video), in bits
     * per second, or -1 before one arrived. Any thread.
     */
    public long remoteBitrateEstimate() {
        return remoteBitrateEstimate;
    }

    /** The SFU's answer in client-offer mode, else null. */
    public String answer() {
        return answer;
    }

    /**
     * Client-offer mode: forwards {@code source} on the first waiting answered m-line of its kind that
     * accepted its codec. The m-line's {@link ForwardedTrack} is reused when the codec is the same (one
     * continuous stream for the subscriber); another codec gets a new one under its payload type.
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
                if (slot != null) {
                    slots.remove(slot);
                }
                slot = new ForwardedTrack(this, m.mid, source, m.ssrc, rtxPt >= 0 ? m.rtxSsrc : -1, codec.payloadType(),
                        rtxPt, engine.random().nextInt(0x10000));
                slot.absSendTimeId = m.absSendTimeId;
                slot.rtxNegotiated = rtxPt >= 0;
                m.slot = slot;
                slots.add(slot);
                bySsrc.put(m.ssrc, slot);
                if (m.rtxSsrc != -1) {
                    bySsrc.put(m.rtxSsrc, slot);
                }
            }
            slot.source = source;
            slot.state = ForwardedTrack.State.ACTIVE;
            source.addSink(slot);
            if (transport.isConnected()) {
                source.requestKeyframe(nowNanos);
            }
            return true;
        }
        return false;
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
        String address = engine.announcedAddresses().get(0);
        for (ForwardedTrack slot : slots) {
            PublishedTrack src = slot.source;
            if (slot.state == ForwardedTrack.State.REMOVED) {
                media.add("m=" + slot.kind + " 0 UDP/TLS/RTP/SAVPF " + slot.payloadType);
                media.add("c=IN IP4 0.0.0.0");
                media.add("a=mid:" + slot.mid);
                media.add("a=inactive");
                slot.removalOffered = true;
                continue;
            }
            bundle.add(slot.mid);
            media.add("m=" + slot.kind + " " + engine.announcedPort() + " UDP/TLS/RTP/SAVPF " + slot.payloadType
                    + (slot.rtxPayloadType >= 0 ? " " + slot.rtxPayloadType : ""));
            media.add(SdpLines.connection(address));
            media.add("a=mid:" + slot.mid);
            media.add("a=sendonly");
            media.add("a=msid:" + src.info.streamId() + " " + src.info.trackId());
            SdpLines.transport(media, transport, engine, "actpass");
            media.add("a=rtcp-mux");
            media.add("a=rtcp-rsize");
            SdpLines.codec(media, src.codec, slot.payloadType, slot.rtxPayloadType, SdpLines.feedback(src.codec, src.video, false));
            media.add("a=extmap:" + AbsSendTime.ID + " " + MediaParameters.EXT_ABS_SEND_TIME);
            if (slot.rtxSsrc != -1) {
                media.add("a=ssrc-group:FID " + Integer.toUnsignedString(slot.ssrc) + " " + Integer.toUnsignedString(slot.rtxSsrc));
            }
            for (int s : slot.rtxSsrc != -1 ? new int[] {slot.ssrc, slot.rtxSsrc} : new int[] {slot.ssrc}) {
                media.add("a=ssrc:" + Integer.toUnsignedString(s) + " cname:" + cname);
                media.add("a=ssrc:" + Integer.toUnsignedString(s) + " msid:" + src.info.streamId() + " " + src.info.trackId());
            }
            SdpLines.candidates(media, engine);
            if (slot.state == ForwardedTrack.State.PENDING) {
                slot.state = ForwardedTrack.State.OFFERED;
            }
        }
        List<String> lines = new ArrayList<>();
        SdpLines.session(lines, sessionId, ++version, bundle);
        if (media.isEmpty()) {
            throw new InvalidStateException("There is nothing to subscribe to yet: no track is published in the room");
        }
        lines.addAll(media);
        offerOutstanding = true;
        negotiationNeeded = false;
        return String.join("\r\n", lines) + "\r\n";
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
            String ufrag = answer.attributeAnywhere("ice-ufrag").orElseThrow(
                    () -> new OperationException("sdp-syntax-error", "Invalid SDP: a=ice-ufrag is missing"));
            String fingerprint = answer.attributeAnywhere("fingerprint").orElseThrow(
                    () -> new OperationException("sdp-syntax-error", "Invalid SDP: a=fingerprint is missing"));
            String setup = answer.attributeAnywhere("setup").orElse("active");
            if (!setup.equals("active") && !setup.equals("passive")) {
                throw new OperationException("sdp-syntax-error", "Invalid SDP: an answer must say a=setup:active or passive, not " + setup);
            }
            transport.configureRemote(ufrag, fingerprint, setup.equals("passive"));
            remoteConfigured = true;
        }
        Map<String, MediaDescription> byMid = new HashMap<>();
        for (MediaDescription m : answer.media()) {
            if (m.mid() != null) {
                byMid.put(m.mid(), m);
            }
        }
        long now = System.nanoTime();
        for (ForwardedTrack slot : slots) {
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
                slot.source.requestKeyframe(now);
            }
        }
        offerOutstanding = false;
    }

    @Override
    public void onRtp(byte[] b, int off, int len, long nowNanos) {
        // a sendonly connection: nothing to receive
    }

    @Override
    public void onRtcp(byte[] b, int off, int len, long nowNanos) {
        int end = off + len;
        for (int p = off; p < end; p += RtcpPacket.length(b, p)) {
            int type = RtcpPacket.type(b, p);
            int fmt = RtcpPacket.count(b, p);
            transport.counters.receiverReport(b, p);
            if (type == RtcpPacket.RTPFB && fmt == RtcpPacket.FMT_NACK) {
                ForwardedTrack slot = bySsrc.get(RtcpPacket.mediaSsrc(b, p));
                if (slot == null) {
                    continue;
                }
                engine.metrics().increment(SfuCounter.NACKS_RECEIVED);
                transport.counters.nackReceived();
                for (int q = RtcpPacket.fci(p); q + 4 <= p + RtcpPacket.length(b, p); q += 4) {
                    int pid = Bytes.uint16(b, q);
                    int blp = Bytes.uint16(b, q + 2);
                    slot.retransmit(pid, nowNanos);
                    for (int bit = 0; bit < 16; bit++) {
                        if ((blp & (1 << bit)) != 0) {
                            slot.retransmit((pid + bit + 1) & 0xffff, nowNanos);
                        }
                    }
                }
            } else if (RtcpPacket.isRemb(b, p)) {
                remoteBitrateEstimate = RtcpPacket.rembBitrate(b, p);
            } else if (type == RtcpPacket.PSFB && (fmt == RtcpPacket.FMT_PLI || fmt == RtcpPacket.FMT_FIR)) {
                int media = fmt == RtcpPacket.FMT_FIR && RtcpPacket.length(b, p) >= 20 ? Bytes.int32(b, RtcpPacket.fci(p))
                        : RtcpPacket.mediaSsrc(b, p);
                ForwardedTrack slot = bySsrc.get(media);
                if (slot != null && slot.isActive()) {
                    engine.metrics().increment(SfuCounter.KEYFRAME_REQUESTS_RECEIVED);
                    transport.counters.keyframeRequestReceived();
                    slot.source.requestKeyframe(nowNanos);
                }
            }
        }
    }

    @Override
    public void onConnected(long nowNanos) {
        events.connected();
        for (ForwardedTrack slot : slots) {
            if (slot.isActive()) {
                slot.source.requestKeyframe(nowNanos);
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
