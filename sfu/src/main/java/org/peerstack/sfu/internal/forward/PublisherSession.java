package org.peerstack.sfu.internal.forward;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.peerstack.exc.OperationException;
import org.peerstack.sfu.SfuCounter;
import org.peerstack.sfu.SfuTrack;
import org.peerstack.sfu.internal.packet.Bytes;
import org.peerstack.sfu.internal.packet.IntMap;
import org.peerstack.sfu.internal.packet.RtcpPacket;
import org.peerstack.sfu.internal.packet.RtcpWriter;
import org.peerstack.sfu.internal.packet.RtpPacket;
import org.peerstack.sfu.internal.sdp.MediaDescription;
import org.peerstack.sfu.internal.sdp.MediaParameters;
import org.peerstack.sfu.internal.sdp.RtpCodec;
import org.peerstack.sfu.internal.sdp.SessionDescription;
import org.peerstack.sfu.internal.sdp.SimulcastDescription;

/**
 * A publisher's side of a connection: answers its offers (BUNDLE, rtcp-mux, recvonly, one forwardable
 * codec per m-line with its RTX: {@link PublishAnswer}), receives its media, undoes RTX, feeds the
 * {@link PublishedTrack}s, and sends it NACKs, receiver reports and REMB. On a room member's single
 * connection ({@link MemberSession}) later offers add m-lines and stop or restart sending on known
 * ones. I/O thread only.
 */
public final class PublisherSession implements PeerTransport.MediaHandler, MediaEngine.Ticking {


    private final MediaEngine engine;
    private final String id;
    private final RoomState room;
    private final SessionEvents events;
    private final PeerTransport transport;
    private final List<PublishedTrack> tracks = new ArrayList<>();
    /** The RTP streams received: each track's, or each layer of a simulcast track. */
    private final List<PublishedTrack> streams = new ArrayList<>();
    private final IntMap<PublishedTrack> bySsrc = new IntMap<>();
    private final Map<String, PublishedTrack> byMid = new HashMap<>();
    private final int rtcpSsrc;
    private final PublisherReports reports;
    private int midExtensionId;
    private String answer;
    private boolean closed;
    private boolean ticking;
    /** The m-lines negotiated, by mid, in the order first seen. */
    private final Map<String, PublishedMedia> sections = new java.util.LinkedHashMap<>();
    /** Tracks made and not yet handed to the room ({@link #takeAdded()}). */
    private final List<PublishedTrack> added = new ArrayList<>();
    /** How many tracks each mid has carried (the track id of a second one gets a suffix). */
    private final Map<String, Integer> generations = new HashMap<>();

    PublisherSession(MediaEngine engine, String id, RoomState room, SessionEvents events) {
        this(engine, id, room, events, null);
    }

    /**
     * A publisher on {@code shared}, the transport of a room member's single connection (its
     * {@link MemberSession} dispatches media and negotiates), or on a transport of its own when null.
     */
    PublisherSession(MediaEngine engine, String id, RoomState room, SessionEvents events, PeerTransport shared) {
        this.engine = engine;
        this.id = id;
        this.room = room;
        this.events = events;
        this.transport = shared != null ? shared : new PeerTransport(engine, this);
        this.rtcpSsrc = engine.random().nextInt();
        this.reports = new PublisherReports(engine, transport, streams, rtcpSsrc);
    }

    MediaEngine engine() {
        return engine;
    }

    PeerTransport transport() {
        return transport;
    }

    int rtcpSsrc() {
        return rtcpSsrc;
    }

    public String id() {
        return id;
    }

    public String answer() {
        return answer;
    }

    List<PublishedTrack> tracks() {
        return tracks;
    }

    /** This connection's counters now. I/O thread. */
    public org.peerstack.sfu.SfuPeerStats stats() {
        return transport.counters.snapshot();
    }

    /** The tracks as the public API shows them. */
    public List<SfuTrack> trackInfos() {
        return tracks.stream().map(t -> t.info).toList();
    }

    /** Parses a publisher's one offer (WHIP, {@link org.peerstack.sfu.SfuRoom#publish}), builds the answer and the tracks; registers the transport. */
    void negotiate(String offerSdp) {
        SessionDescription offer = SessionDescription.parse(offerSdp);
        RemoteTransport remote = RemoteTransport.ofOffer(offer, engine, null);
        List<String> mediaLines = new ArrayList<>();
        List<String> bundle = new ArrayList<>();
        for (MediaDescription m : offer.media()) {
            answerMedia(m).write(mediaLines, bundle, transport, engine, remote.localSetup());
        }
        if (tracks.isEmpty()) {
            throw new OperationException("no-media", "The offer has no audio or video the SFU can forward (opus, VP8, VP9, H264)");
        }
        List<String> lines = new ArrayList<>();
        SdpLines.session(lines, Integer.toUnsignedLong(engine.random().nextInt()), 2, bundle);
        lines.addAll(mediaLines);
        answer = String.join("\r\n", lines) + "\r\n";
        remote.configure(transport);
        engine.register(transport);
        start();
    }

    /** Media ticks (NACKs, reports) start; once. */
    void start() {
        if (!ticking) {
            ticking = true;
            engine.addTicking(this);
        }
    }

    /** The m-line of {@code mid} as negotiated, or null. */
    PublishedMedia section(String mid) {
        return sections.get(mid);
    }

    /**
     * One m-line of an offer from the publisher. A new mid is accepted (a new track, in
     * {@link #takeAdded()}) or rejected for good; a known one keeps its lines while its track lives, its
     * track ends (reported to the room) when the publisher stopped sending on it, and a new track starts
     * on it when the publisher sends on it again. Fails "sdp-syntax-error" for an m-line without a mid.
     */
    PublishedMedia answerMedia(MediaDescription m) {
        String mid = m.mid();
        if (mid == null) {
            throw new OperationException("sdp-syntax-error", "Invalid SDP: every m-line needs a=mid (BUNDLE)");
        }
        PublishedMedia section = sections.get(mid);
        if (section != null && section.rejected()) {
            return section;
        }
        RtpCodec codec = PublishAnswer.forwardable(m);
        if (section != null && section.track != null) {
            if (codec == null) {
                end(section.track);
                section.track = null;
            }
            return section;
        }
        if (section == null) {
            section = new PublishedMedia(mid, m.kind(), m.protocol(), m.formats().isEmpty() ? "0" : m.formats().get(0));
            sections.put(mid, section);
            if (codec == null || tracks.size() >= engine.config().maxTracksPerPublisher()) {
                return section; // rejected: port 0 from now on
            }
        }
        if (codec != null && tracks.size() < engine.config().maxTracksPerPublisher()) {
            section.track = accept(section, m, codec);
        }
        return section;
    }

    /** Builds the SFU's lines for a sending m-line and its track. */
    private PublishedTrack accept(PublishedMedia section, MediaDescription m, RtpCodec codec) {
        String mid = section.mid;
        MediaParameters params = MediaParameters.of(m);
        SimulcastDescription sim = m.kind().equals("video") ? SimulcastDescription.of(m) : null;
        boolean video = m.kind().equals("video");
        int rtxPt = video ? codec.rtxPayloadType() : -1;
        List<String> body = PublishAnswer.body(codec, video, params, sim, engine.config().transportCc());
        section.accept(codec.payloadType() + (rtxPt >= 0 ? " " + rtxPt : ""), body);
        midExtensionId = Math.max(midExtensionId, params.extensionId(MediaParameters.EXT_MID));
        if (engine.config().transportCc()) {
            transport.enableTransportCc(params.extensionId(MediaParameters.EXT_TWCC), rtcpSsrc); // TWCC feedback (sfumedia)
        }
        long[] ssrcs = params.ssrcs().isEmpty() || sim != null ? new long[] {-1, -1} : params.ssrcs().get(0);
        String[] msid = params.msid() == null ? new String[0] : params.msid().trim().split(" ");
        String streamId = msid.length > 0 ? msid[0] : "-";
        String trackId = msid.length > 1 ? msid[1] : mid;
        int generation = generations.merge(mid, 1, Integer::sum);
        SfuTrack info = new SfuTrack(id + "/" + mid + (generation > 1 ? "." + generation : ""), m.kind(), id, streamId, trackId,
                codec.name());
        PublishedTrack t = new PublishedTrack(this, info, mid, codec.withoutRtx().withPayloadTypes(codec.payloadType(), rtxPt),
                ssrcs[0], rtxPt >= 0 ? ssrcs[1] : -1, engine.config().packetCacheSize(), engine.config().nackMaxRetries());
        t.absSendTimeId = params.extensionId(MediaParameters.EXT_ABS_SEND_TIME);
        if (sim != null) {
            t.addLayers(sim, params.extensionId(MediaParameters.EXT_RID), params.extensionId(MediaParameters.EXT_REPAIRED_RID),
                    engine.config().packetCacheSize(), engine.config().nackMaxRetries());
        }
        for (PublishedTrack s : t.streams()) {
            if (s.ssrcKnown) {
                bySsrc.put(s.ssrc, s);
            }
            if (s.rtxSsrcKnown) {
                bySsrc.put(s.rtxSsrc, s);
            }
        }
        streams.addAll(t.streams());
        tracks.add(t);
        added.add(t);
        byMid.put(mid, t);
        return t;
    }

    /** The tracks made since the last call (new m-lines, or m-lines sent on again). */
    List<PublishedTrack> takeAdded() {
        List<PublishedTrack> list = List.copyOf(added);
        added.clear();
        return list;
    }

    /** The publisher stopped sending on {@code t}'s m-line: it ends (subscribers' m-lines go inactive). */
    private void end(PublishedTrack t) {
        tracks.remove(t);
        added.remove(t);
        for (PublishedTrack s : t.streams()) {
            streams.remove(s);
            for (int key : new int[] {s.ssrc, s.rtxSsrc}) {
                if (bySsrc.get(key) == s) {
                    bySsrc.remove(key);
                }
            }
        }
        if (byMid.get(t.mid) == t) {
            byMid.remove(t.mid);
        }
        room.trackEnded(this, t);
    }

    @Override
    public void onRtp(byte[] b, int off, int len, long nowNanos) {
        int ssrc = RtpPacket.ssrc(b, off);
        PublishedTrack t = bySsrc.get(ssrc);
        if (t == null) {
            t = learn(b, off, len, ssrc);
            if (t == null) {
                engine.metrics().increment(SfuCounter.DROPPED_UNKNOWN_SSRC);
                return;
            }
        }
        boolean recovered = false;
        if (t.rtxSsrcKnown && ssrc == t.rtxSsrc) {
            int hl = RtpPacket.headerLength(b, off, len);
            int payload = len - hl - RtpPacket.paddingLength(b, off, len);
            if (payload < 2) {
                return; // padding-only probe on the RTX stream
            }
            int osn = Bytes.uint16(b, off + hl);
            System.arraycopy(b, off + hl + 2, b, off + hl, len - hl - 2);
            len -= 2;
            RtpPacket.setSequenceNumber(b, off, osn);
            RtpPacket.setSsrc(b, off, t.ssrc);
            RtpPacket.setPayloadType(b, off, t.codec.payloadType());
            recovered = true;
        }
        t.onPacket(b, off, len, RtpPacket.sequenceNumber(b, off), RtpPacket.timestamp(b, off), recovered, nowNanos);
    }

    /** Binds an SSRC the SDP did not announce, by the mid header extension. */
    private PublishedTrack learn(byte[] b, int off, int len, int ssrc) {
        if (midExtensionId <= 0) {
            return null;
        }
        String mid = RtpPacket.extensionString(b, off, len, midExtensionId);
        PublishedTrack t = mid == null ? null : byMid.get(mid);
        if (t == null) {
            return null;
        }
        if (t.isSimulcast()) {
            PublishedTrack layer = t.learnLayer(b, off, len, ssrc);
            if (layer != null) {
                bySsrc.put(ssrc, layer);
            }
            return layer;
        }
        int pt = RtpPacket.payloadType(b, off);
        if (pt == t.codec.rtxPayloadType() && !t.rtxSsrcKnown) {
            t.rtxSsrc = ssrc;
            t.rtxSsrcKnown = true;
        } else if (pt == t.codec.payloadType()) {
            if (t.ssrcKnown) {
                bySsrc.remove(t.ssrc); // the publisher changed SSRC: forwarders keep their streams continuous
            }
            t.ssrc = ssrc;
            t.ssrcKnown = true;
        } else {
            return null;
        }
        bySsrc.put(ssrc, t);
        return t;
    }

    @Override
    public void onRtcp(byte[] b, int off, int len, long nowNanos) {
        int end = off + len;
        for (int p = off; p < end; p += RtcpPacket.length(b, p)) {
            if (RtcpPacket.type(b, p) == RtcpPacket.SR) {
                PublishedTrack t = bySsrc.get(RtcpPacket.senderSsrc(b, p));
                if (t != null) {
                    long ntp = RtcpPacket.srNtp(b, p);
                    t.stats.senderReport(ntp, nowNanos);
                    long rtpTs = RtcpPacket.srRtpTimestamp(b, p);
                    t.senderReport(ntp, rtpTs);
                }
            }
        }
    }

    @Override
    public void onConnected(long nowNanos) {
        events.connected();
        for (PublishedTrack t : tracks) {
            if (!t.sinks.isEmpty()) {
                t.requestKeyframe(nowNanos);
            }
        }
        reports.send(nowNanos);
    }

    @Override
    public void tick(long nowNanos, boolean report) {
        if (transport.isConnected()) {
            reports.tick(nowNanos, report);
        }
    }

    @Override
    public void onTransportClosed(String reason) {
        if (closed) {
            return;
        }
        closed = true;
        if (ticking) {
            engine.removeTicking(this);
        }
        room.publisherClosed(this);
        events.closed(reason);
    }

    /** Closes the connection (DTLS close_notify) and ends its tracks. */
    void close(String reason) {
        transport.close(reason);
    }

    boolean isClosed() {
        return closed;
    }
}
