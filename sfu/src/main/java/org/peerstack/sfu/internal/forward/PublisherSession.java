package org.peerstack.sfu.internal.forward;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.peerstack.exc.OperationException;
import org.peerstack.sfu.SfuConfig;
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
 * A publisher's connection: answers its offer (BUNDLE, rtcp-mux, recvonly, one forwardable codec per
 * m-line with its RTX), receives its media, undoes RTX, feeds the {@link PublishedTrack}s, and sends it
 * NACKs, receiver reports and REMB. I/O thread only.
 */
public final class PublisherSession implements PeerTransport.MediaHandler, MediaEngine.Ticking {

    /** Codec names forwarded, by kind. */
    static final List<String> AUDIO_CODECS = List.of("OPUS");
    static final List<String> VIDEO_CODECS = List.of("VP8", "VP9", "H264");
    /** NACK pairs sent per tick at most. */
    static final int MAX_NACK_PAIRS = 32;

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
    private final int[] nackPairs = new int[MAX_NACK_PAIRS];
    private final int[] rembSsrcs;
    private int midExtensionId;
    private String answer;
    private boolean closed;

    PublisherSession(MediaEngine engine, String id, RoomState room, SessionEvents events) {
        this.engine = engine;
        this.id = id;
        this.room = room;
        this.events = events;
        this.transport = new PeerTransport(engine, this);
        this.rtcpSsrc = engine.random().nextInt();
        this.rembSsrcs = new int[engine.config().maxTracksPerPublisher() * SimulcastDescription.MAX_LAYERS];
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

    /** Parses the offer, builds the answer and the tracks; registers the transport. */
    void negotiate(String offerSdp) {
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
        List<String> mediaLines = new ArrayList<>();
        List<String> bundle = new ArrayList<>();
        for (MediaDescription m : offer.media()) {
            String mid = m.mid();
            if (mid == null) {
                throw new OperationException("sdp-syntax-error", "Invalid SDP: every m-line needs a=mid (BUNDLE)");
            }
            RtpCodec codec = forwardable(m);
            if (codec == null || tracks.size() >= engine.config().maxTracksPerPublisher()) {
                mediaLines.add("m=" + m.kind() + " 0 " + m.protocol() + " " + (m.formats().isEmpty() ? "0" : m.formats().get(0)));
                mediaLines.add("c=IN IP4 0.0.0.0");
                mediaLines.add("a=mid:" + mid);
                mediaLines.add("a=inactive");
                continue;
            }
            MediaParameters params = MediaParameters.of(m);
            SimulcastDescription sim = m.kind().equals("video") ? SimulcastDescription.of(m) : null;
            boolean video = m.kind().equals("video");
            List<String> fb = SdpLines.feedback(codec, video, true).stream()
                    .filter(f -> engine.config().transportCc() || !f.equals("transport-cc")).toList();
            int rtxPt = video ? codec.rtxPayloadType() : -1;
            bundle.add(mid);
            String address = engine.announcedAddresses().get(0);
            mediaLines.add("m=" + m.kind() + " " + engine.announcedPort() + " UDP/TLS/RTP/SAVPF " + codec.payloadType()
                    + (rtxPt >= 0 ? " " + rtxPt : ""));
            mediaLines.add(SdpLines.connection(address));
            mediaLines.add("a=mid:" + mid);
            mediaLines.add("a=recvonly");
            SdpLines.transport(mediaLines, transport, engine, weAreClient ? "active" : "passive");
            mediaLines.add("a=rtcp-mux");
            SdpLines.codec(mediaLines, codec, codec.payloadType(), rtxPt, fb);
            for (String uri : List.of(MediaParameters.EXT_MID, MediaParameters.EXT_ABS_SEND_TIME, MediaParameters.EXT_TWCC)) {
                int extId = params.extensionId(uri);
                if (extId > 0 && (engine.config().transportCc() || !uri.equals(MediaParameters.EXT_TWCC))) {
                    mediaLines.add("a=extmap:" + extId + " " + uri);
                }
            }
            Simulcast.answer(mediaLines, params, sim);
            midExtensionId = Math.max(midExtensionId, params.extensionId(MediaParameters.EXT_MID));
            if (engine.config().transportCc()) {
                transport.enableTransportCc(params.extensionId(MediaParameters.EXT_TWCC), rtcpSsrc); // TWCC feedback (sfumedia)
            }
            SdpLines.candidates(mediaLines, engine);
            long[] ssrcs = params.ssrcs().isEmpty() || sim != null ? new long[] {-1, -1} : params.ssrcs().get(0);
            String[] msid = params.msid() == null ? new String[0] : params.msid().trim().split(" ");
            String streamId = msid.length > 0 ? msid[0] : "-";
            String trackId = msid.length > 1 ? msid[1] : mid;
            SfuTrack info = new SfuTrack(id + "/" + mid, m.kind(), id, streamId, trackId, codec.name());
            PublishedTrack t = new PublishedTrack(this, info, mid, codec.withoutRtx().withPayloadTypes(codec.payloadType(), rtxPt),
                    ssrcs[0], rtxPt >= 0 ? ssrcs[1] : -1, engine.config().packetCacheSize(), engine.config().nackMaxRetries());
            t.absSendTimeId = params.extensionId(MediaParameters.EXT_ABS_SEND_TIME);
            if (sim != null) {
                t.addLayers(sim, params.extensionId(MediaParameters.EXT_RID), params.extensionId(MediaParameters.EXT_REPAIRED_RID),
                        engine.config().packetCacheSize(), engine.config().nackMaxRetries());
                for (PublishedTrack layer : t.layers) {
                    if (layer.ssrcKnown) {
                        bySsrc.put(layer.ssrc, layer);
                    }
                    if (layer.rtxSsrcKnown) {
                        bySsrc.put(layer.rtxSsrc, layer);
                    }
                }
            }
            streams.addAll(t.streams());
            tracks.add(t);
            byMid.put(mid, t);
            if (t.ssrcKnown) {
                bySsrc.put(t.ssrc, t);
            }
            if (t.rtxSsrcKnown) {
                bySsrc.put(t.rtxSsrc, t);
            }
        }
        if (tracks.isEmpty()) {
            throw new OperationException("no-media", "The offer has no audio or video the SFU can forward (opus, VP8, VP9, H264)");
        }
        List<String> lines = new ArrayList<>();
        SdpLines.session(lines, Integer.toUnsignedLong(engine.random().nextInt()), 2, bundle);
        lines.addAll(mediaLines);
        answer = String.join("\r\n", lines) + "\r\n";
        transport.configureRemote(ufrag, fingerprint, weAreClient);
        engine.register(transport);
        engine.addTicking(this);
    }

    private static String required(SessionDescription sdp, String attribute) {
        return sdp.attributeAnywhere(attribute).orElseThrow(
                () -> new OperationException("sdp-syntax-error", "Invalid SDP: a=" + attribute + " is missing"));
    }

    /** The first codec of the m-line the SFU can forward, or null (m-line rejected). */
    private static RtpCodec forwardable(MediaDescription m) {
        if (m.port() == 0 || !m.protocol().contains("SAVPF")) {
            return null;
        }
        String dir = m.direction();
        if (!dir.equals("sendrecv") && !dir.equals("sendonly")) {
            return null;
        }
        List<String> names = switch (m.kind()) {
            case "audio" -> AUDIO_CODECS;
            case "video" -> VIDEO_CODECS;
            default -> List.of();
        };
        for (RtpCodec c : MediaParameters.of(m).codecs()) {
            if (names.contains(c.upperName()) && (!c.upperName().equals("H264") || c.h264PacketizationMode() == 1)) {
                return c;
            }
        }
        return null;
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
        sendReports(nowNanos);
    }

    @Override
    public void tick(long nowNanos, boolean report) {
        if (!transport.isConnected()) {
            return;
        }
        byte[] out = engine.packetOut();
        for (PublishedTrack t : streams) {
            t.retryKeyframeRequest(nowNanos);
            int n = t.nacks.due(nowNanos, engine.config().nackRetryInterval().toNanos(), nackPairs);
            if (n > 0 && t.ssrcKnown) {
                int p = RtcpWriter.emptyReceiverReport(out, 0, rtcpSsrc);
                p = RtcpWriter.nack(out, p, rtcpSsrc, t.ssrc, nackPairs, n);
                if (transport.sendRtcp(out, 0, p)) {
                    engine.metrics().increment(SfuCounter.NACKS_SENT);
                    transport.counters.nackSent();
                }
            }
        }
        if (report) {
            sendReports(nowNanos);
        }
    }

    /** Receiver reports for each stream and one REMB announcing the configured bitrate. */
    private void sendReports(long nowNanos) {
        byte[] out = engine.packetOut();
        int p = 0;
        int videoCount = 0;
        for (PublishedTrack t : streams) {
            if (!t.ssrcKnown) {
                continue;
            }
            if (t.stats.started()) {
                p = RtcpWriter.receiverReport(out, p, rtcpSsrc, t.ssrc, t.stats.fractionLostAndReset(), t.stats.cumulativeLost(),
                        t.stats.extendedHighest(), t.stats.jitter(), t.stats.lastSr(), t.stats.delaySinceLastSr(nowNanos));
            }
            if (t.video && videoCount < rembSsrcs.length) {
                rembSsrcs[videoCount++] = t.ssrc;
            }
        }
        if (p == 0) {
            p = RtcpWriter.emptyReceiverReport(out, 0, rtcpSsrc);
        }
        if (videoCount > 0) {
            p = RtcpWriter.remb(out, p, rtcpSsrc, engine.config().maxPublishBitrate(), rembSsrcs, videoCount);
        }
        transport.sendRtcp(out, 0, p);
    }

    @Override
    public void onTransportClosed(String reason) {
        if (closed) {
            return;
        }
        closed = true;
        engine.removeTicking(this);
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
