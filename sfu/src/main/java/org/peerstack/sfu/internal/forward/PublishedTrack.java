package org.peerstack.sfu.internal.forward;

import java.util.ArrayList;
import java.util.List;
import org.peerstack.sfu.SfuCounter;
import org.peerstack.sfu.SfuTrack;
import org.peerstack.sfu.internal.packet.Bytes;
import org.peerstack.sfu.internal.packet.RtcpWriter;
import org.peerstack.sfu.internal.packet.RtpPacket;
import org.peerstack.sfu.internal.sdp.RtpCodec;

/**
 * One media stream a publisher sends (one m-line): its negotiated codec and SSRCs, the packet cache that
 * answers subscribers' NACKs, loss detection towards the publisher, reception statistics, the
 * rate-limited keyframe requester, and the subscribers' {@link ForwardedTrack}s it feeds. I/O thread only.
 *
 * <p>A simulcast m-line is one track with {@link #layers}: each layer is a {@code PublishedTrack} of its
 * own for everything that is per RTP stream (SSRCs learnt from the rid/repaired-rid header extensions
 * or the SIM group, cache, NACKs, statistics, keyframe requests, frame size, bitrate); its packets are
 * handed to the track's sinks, each of which forwards one layer ({@link LayerSelector}).
 */
final class PublishedTrack implements LayerSelector.Layer {

    final SfuTrack info;
    final String mid;
    final RtpCodec codec;
    final boolean video;
    int ssrc;
    int rtxSsrc;
    boolean ssrcKnown;
    boolean rtxSsrcKnown;
    final PacketCache cache;
    final NackRequester nacks;
    final ReceiveStatistics stats;
    final List<ForwardedTrack> sinks = new ArrayList<>();
    /** Packet listeners (recorders); see {@link org.peerstack.sfu.SfuRtpListener}. */
    final List<org.peerstack.sfu.SfuRtpListener> taps = new ArrayList<>();
    private final PublisherSession publisher;
    private final boolean useFir;
    private long lastKeyframeRequestNanos;
    private int firSequence;
    private boolean keyframeWanted;
    boolean ended;
    /** The publisher's abs-send-time extension id, 0 when not negotiated. */
    int absSendTimeId;
    /** Simulcast: the layers, in the offer's order; null for a single stream. */
    PublishedTrack[] layers;
    /** For a layer: the track it belongs to (else null), its index in the track's layers and its rid (null in a SIM group). */
    final PublishedTrack parent;
    final int layerIndex;
    final String rid;
    /** The rid and repaired-rid extension ids (simulcast by rid), 0 when not negotiated. */
    int ridId;
    int repairedRidId;
    /** A layer: frame size from its last keyframe (0 until seen), received bitrate, time and timestamp of its last packet. */
    private int width;
    private int height;
    private final BitrateMeter bitrate = new BitrateMeter();
    private long lastPacketNanos;
    private long lastTimestamp = -1;
    /** A layer: the highest sequence number received (-1 before any); older packets never start a switch. */
    private int highestSeq = -1;
    /** This stream's last sender report: NTP time (64-bit) and RTP timestamp; ntp 0 before one. */
    private long lastSrNtp;
    private long lastSrRtp;

    /**
     * RTP timestamp {@code ts} of this stream expressed on stream {@code other}'s timestamp line, through
     * both streams' sender reports (same capture clock, RFC 3550 §6.4.1); -1 when either has none yet.
     * Simulcast layers each start their timestamps at a random value.
     */
    long timestampOn(PublishedTrack other, long ts) {
        if (lastSrNtp == 0 || other.lastSrNtp == 0) {
            return -1;
        }
        int clock = codec.clockRate();
        long sinceSr = (int) (ts - lastSrRtp); // signed 32-bit difference
        long ntpDiff = lastSrNtp - other.lastSrNtp; // 32.32 fixed point
        long units = (ntpDiff >> 16) * clock >> 16;
        return (other.lastSrRtp + units + sinceSr) & 0xffffffffL;
    }

    /** The layer that packet listeners get (the largest with a keyframe seen), -1 before one. */
    private int tapLayer = -1;
    private final int keyframeCodec;

    PublishedTrack(PublisherSession publisher, SfuTrack info, String mid, RtpCodec codec, long ssrc, long rtxSsrc,
            int cacheSize, int nackRetries) {
        this.publisher = publisher;
        this.info = info;
        this.mid = mid;
        this.codec = codec;
        this.video = info.isVideo();
        this.ssrc = (int) ssrc;
        this.ssrcKnown = ssrc >= 0;
        this.rtxSsrc = (int) rtxSsrc;
        this.rtxSsrcKnown = rtxSsrc >= 0;
        this.cache = new PacketCache(video ? cacheSize : Math.max(16, cacheSize / 8));
        this.nacks = new NackRequester(nackNegotiated(codec, video) ? nackRetries : 0);
        this.stats = new ReceiveStatistics(codec.clockRate());
        this.useFir = !codec.hasFeedback("nack pli") && codec.hasFeedback("ccm fir");
        this.parent = null;
        this.layerIndex = -1;
        this.rid = null;
        this.keyframeCodec = KeyframeDetector.codecOf(codec.upperName());
    }

    /**
     * Whether the SFU may NACK this stream's losses: only video, and only when the publisher offered
     * {@code nack} feedback for the codec (RFC 4585 §4.2: a NACK is sent only when negotiated; the SFU
     * answers audio with transport-cc alone, see {@link SdpLines#feedback}). The losses of other streams
     * are counted, not asked for (a requester with no retries gives every lost packet up at once).
     */
    static boolean nackNegotiated(RtpCodec codec, boolean video) {
        return video && codec.hasFeedback("nack");
    }

    /** A simulcast layer of {@code parent}. */
    private PublishedTrack(PublishedTrack parent, int index, String rid, long ssrc, long rtxSsrc, int cacheSize, int nackRetries) {
        this.publisher = parent.publisher;
        this.info = parent.info;
        this.mid = parent.mid;
        this.codec = parent.codec;
        this.video = parent.video;
        this.ssrc = (int) ssrc;
        this.ssrcKnown = ssrc >= 0;
        this.rtxSsrc = (int) rtxSsrc;
        this.rtxSsrcKnown = rtxSsrc >= 0;
        this.cache = new PacketCache(cacheSize);
        this.nacks = new NackRequester(nackNegotiated(codec, video) ? nackRetries : 0);
        this.stats = new ReceiveStatistics(codec.clockRate());
        this.useFir = parent.useFir;
        this.absSendTimeId = parent.absSendTimeId;
        this.parent = parent;
        this.layerIndex = index;
        this.rid = rid;
        this.keyframeCodec = parent.keyframeCodec;
    }

    /**
     * Makes this track a simulcast track: one layer per rid (SSRCs learnt from the header extensions)
     * or per SIM group entry (SSRCs known). Returns the layers.
     */
    PublishedTrack[] addLayers(org.peerstack.sfu.internal.sdp.SimulcastDescription sim, int ridExtensionId,
            int repairedRidExtensionId, int cacheSize, int nackRetries) {
        int n = sim.layerCount();
        layers = new PublishedTrack[n];
        ridId = ridExtensionId;
        repairedRidId = repairedRidExtensionId;
        for (int i = 0; i < n; i++) {
            layers[i] = sim.byRid() ? new PublishedTrack(this, i, sim.rids().get(i), -1, -1, cacheSize, nackRetries)
                    : new PublishedTrack(this, i, null, sim.simSsrcs().get(i)[0], sim.simSsrcs().get(i)[1], cacheSize, nackRetries);
        }
        ssrcKnown = false;
        rtxSsrcKnown = false;
        return layers;
    }

    /**
     * The layer an unknown SSRC of this simulcast track belongs to, by its rid (media) or repaired-rid
     * (RTX) header extension; binds the SSRC to it. Null when the packet names no layer of this track.
     */
    PublishedTrack learnLayer(byte[] b, int off, int len, int newSsrc) {
        int pt = RtpPacket.payloadType(b, off);
        boolean repair = pt == codec.rtxPayloadType() && pt >= 0;
        int ext = repair ? repairedRidId : ridId;
        if (layers == null || ext <= 0 || (!repair && pt != codec.payloadType())) {
            return null;
        }
        String name = RtpPacket.extensionString(b, off, len, ext);
        for (PublishedTrack l : layers) {
            if (l.rid != null && l.rid.equals(name)) {
                if (repair) {
                    l.rtxSsrc = newSsrc;
                    l.rtxSsrcKnown = true;
                } else {
                    l.ssrc = newSsrc;
                    l.ssrcKnown = true;
                }
                return l;
            }
        }
        return null;
    }

    /** The RTP streams of this track: its layers, or itself. */
    List<PublishedTrack> streams() {
        return layers == null ? List.of(this) : List.of(layers);
    }

    /** Whether this track is simulcast. */
    boolean isSimulcast() {
        return layers != null;
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public long bitsPerSecond(long nowNanos) {
        return bitrate.bitsPerSecond(nowNanos);
    }

    @Override
    public boolean isActive(long nowNanos) {
        return lastPacketNanos != 0 && nowNanos - lastPacketNanos < LAYER_TIMEOUT_NANOS;
    }

    /** A layer that received nothing for this long is taken as stopped by the publisher. */
    static final long LAYER_TIMEOUT_NANOS = 1_000_000_000L;

    /** A decrypted media packet of this stream (RTX already undone): cache, detect loss, fan out. */
    void onPacket(byte[] b, int off, int len, int seq, long ts, boolean recovered, long nowNanos) {
        if (recovered && nacks.alreadyReceived(seq)) {
            // an RTX copy of a packet that was not lost (libwebrtc probes bandwidth with them): subscribers
            // have it already; forwarding it again only costs their bandwidth
            publisher.engine().metrics().increment(SfuCounter.RTX_DUPLICATES);
            return;
        }
        stats.received(seq, ts, nowNanos);
        int gap = nacks.received(seq, nowNanos);
        MediaEngine engine = publisher.engine();
        if (gap > 0) {
            engine.metrics().add(SfuCounter.PUBLISHER_PACKETS_LOST, gap);
            publisher.transport().counters.lost(gap);
        }
        if (recovered) {
            engine.metrics().increment(SfuCounter.RTX_RECOVERED);
        }
        if (video) {
            cache.put(seq, b, off, len, nowNanos);
        }
        int sendTime = -1;
        if (absSendTimeId > 0 && RtpPacket.extensionLength(b, off, len, absSendTimeId) == 3) {
            sendTime = Bytes.uint24(b, RtpPacket.findExtension(b, off, len, absSendTimeId));
        }
        if (parent != null) {
            parent.fromLayer(this, b, off, len, seq, ts, nowNanos, sendTime);
            return;
        }
        for (int i = 0, n = sinks.size(); i < n; i++) {
            sinks.get(i).forward(b, off, len, nowNanos, sendTime);
        }
        for (int i = 0, n = taps.size(); i < n; i++) {
            try {
                taps.get(i).onRtp(b, off, len);
            } catch (RuntimeException e) {
                // a listener's fault must not stop forwarding
            }
        }
    }

    /** A packet of {@code layer} (cached already): keyframe and frame size detection, then each sink picks its layer. */
    private void fromLayer(PublishedTrack layer, byte[] b, int off, int len, int seq, long ts, long nowNanos, int sendTime) {
        layer.lastPacketNanos = nowNanos;
        layer.bitrate.add(len, nowNanos);
        // only a packet newer than any before it of its layer can start a switch: a retransmission
        // (or RTX probe) of an old keyframe packet must not
        boolean newest = layer.highestSeq < 0 || (short) (seq - layer.highestSeq) > 0;
        if (newest) {
            layer.highestSeq = seq;
        }
        boolean frameStart = newest && ts != layer.lastTimestamp;
        if (newest) {
            layer.lastTimestamp = ts;
        }
        int hl = RtpPacket.headerLength(b, off, len);
        int payload = len - hl - RtpPacket.paddingLength(b, off, len);
        boolean keyframe = newest && payload > 0 && KeyframeDetector.isKeyframeStart(keyframeCodec, b, off + hl, payload, frameStart);
        if (keyframe) {
            int size = KeyframeDetector.dimensions(keyframeCodec, b, off + hl, payload);
            if (size > 0) {
                layer.width = size >>> 16;
                layer.height = size & 0xffff;
            }
            if (tapLayer < 0 || !layers[tapLayer].isActive(nowNanos)
                    || (long) layer.width * layer.height > (long) layers[tapLayer].width * layers[tapLayer].height) {
                tapLayer = layer.layerIndex;
            }
        }
        for (int i = 0, n = sinks.size(); i < n; i++) {
            sinks.get(i).forwardLayer(layer, keyframe, seq, b, off, len, nowNanos, sendTime);
        }
        if (layer.layerIndex == tapLayer) {
            for (int i = 0, n = taps.size(); i < n; i++) {
                try {
                    taps.get(i).onRtp(b, off, len);
                } catch (RuntimeException e) {
                    // a listener's fault must not stop forwarding
                }
            }
        }
    }

    /** A sender report of this stream (a layer's or a single stream's), translated to the sinks that forward it. */
    void senderReport(long ntp, long rtpTimestamp) {
        lastSrNtp = ntp;
        lastSrRtp = rtpTimestamp;
        List<ForwardedTrack> to = parent != null ? parent.sinks : sinks;
        for (int i = 0; i < to.size(); i++) {
            to.get(i).senderReport(ssrc, ntp, rtpTimestamp);
        }
    }

    /** Tells the packet listeners that the track ended, and drops them. */
    void endTaps() {
        for (org.peerstack.sfu.SfuRtpListener tap : taps) {
            try {
                tap.onEnded();
            } catch (RuntimeException e) {
                // ignored, as in onPacket
            }
        }
        taps.clear();
    }

    /** Asks the publisher for a keyframe (PLI, or FIR when only that was negotiated), at most once per interval. */
    void requestKeyframe(long nowNanos) {
        if (layers != null) {
            for (PublishedTrack l : layers) {
                l.requestKeyframe(nowNanos);
            }
            return;
        }
        if (!video || ended || parent != null && parent.ended) {
            return;
        }
        MediaEngine engine = publisher.engine();
        if (!publisher.transport().isConnected() || !ssrcKnown) {
            keyframeWanted = true;
            return;
        }
        long interval = engine.config().keyframeRequestInterval().toNanos();
        if (lastKeyframeRequestNanos != 0 && nowNanos - lastKeyframeRequestNanos < interval) {
            if (!keyframeWanted) {
                engine.metrics().increment(SfuCounter.KEYFRAME_REQUESTS_SUPPRESSED);
                keyframeWanted = true; // sent once the interval has passed (PublisherSession's tick)
            }
            return;
        }
        keyframeWanted = false;
        lastKeyframeRequestNanos = nowNanos;
        byte[] out = engine.packetOut();
        int p = RtcpWriter.emptyReceiverReport(out, 0, publisher.rtcpSsrc());
        p = useFir ? RtcpWriter.fir(out, p, publisher.rtcpSsrc(), ssrc, firSequence++)
                : RtcpWriter.pli(out, p, publisher.rtcpSsrc(), ssrc);
        if (publisher.transport().sendRtcp(out, 0, p)) {
            engine.metrics().increment(SfuCounter.KEYFRAME_REQUESTS_SENT);
            publisher.transport().counters.keyframeRequestSent();
        }
    }

    /**
     * The stream's periodic keyframe work (every media tick): asks for a keyframe when NACKs gave up on
     * a packet ({@link NackRequester#abandoned}: without it the frame and every later one up to the next
     * keyframe cannot be decoded, and libwebrtc subscribers would only ask after 3 s without a decodable
     * frame), and sends a request that an earlier call had to postpone, once allowed.
     */
    void retryKeyframeRequest(long nowNanos) {
        int abandoned = nacks.abandoned(nowNanos);
        if (abandoned > 0 && video) {
            publisher.engine().metrics().add(SfuCounter.PUBLISHER_PACKETS_UNRECOVERED, abandoned);
            requestKeyframe(nowNanos);
        } else if (keyframeWanted) {
            requestKeyframe(nowNanos);
        }
    }

    /** Whether a keyframe request waits to be sent (interval not passed, or not connected yet). */
    boolean keyframeRequestPending() {
        return keyframeWanted;
    }

    void addSink(ForwardedTrack sink) {
        if (!sinks.contains(sink)) {
            sinks.add(sink);
        }
    }

    void removeSink(ForwardedTrack sink) {
        sinks.remove(sink);
    }
}
