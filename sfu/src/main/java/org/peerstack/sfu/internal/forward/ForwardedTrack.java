package org.peerstack.sfu.internal.forward;

import org.peerstack.sfu.SfuCounter;
import org.peerstack.sfu.internal.packet.Bytes;
import org.peerstack.sfu.internal.packet.RtcpWriter;
import org.peerstack.sfu.internal.packet.RtpPacket;

/**
 * One subscriber's copy of a published track (one m-line of the subscriber's connection): its own SSRC,
 * payload types (mapped per subscriber), sequence numbers and timestamps ({@link StreamRewriter}), and
 * the header extensions it negotiated (abs-send-time carries the publisher's send time when it sent one). {@link #forward} builds the outgoing packet in the engine's
 * scratch array, encrypts it in place and queues it: no allocation per packet besides the datagram
 * Netty sends. I/O thread only.
 *
 * <p>For a simulcast source, {@link #forwardLayer} forwards one layer at a time, chosen by a
 * {@link LayerSelector} from the subscriber's preference and bandwidth ({@link LayerAllocator}); the
 * rewriter keeps sequence numbers and timestamps continuous across layer switches.
 */
final class ForwardedTrack {

    enum State { PENDING, OFFERED, ACTIVE, REMOVED }

    final SubscriberSession subscriber;
    final String mid;
    final String kind;
    final int ssrc;
    final int rtxSsrc;
    final int payloadType;
    final int rtxPayloadType;
    PublishedTrack source;
    State state = State.PENDING;
    /** Whether the subscriber's answer accepted RTX for this m-line. */
    boolean rtxNegotiated;
    /** The abs-send-time extension id the subscriber accepted, 0 if none. */
    int absSendTimeId;
    /** True once the m-line has been offered with port 0 (stays rejected). */
    boolean removalOffered;
    private final StreamRewriter rewriter = new StreamRewriter();
    /** The layer choice for a simulcast source, else null. */
    final LayerSelector layers;
    /** VP8 picture IDs kept continuous across layer switches (simulcast VP8 sources), else null. */
    private final Vp8DescriptorRewriter vp8;
    /** What this stream sends (for the subscriber's bandwidth allocation). */
    final BitrateMeter sentBitrate = new BitrateMeter();
    private int rtxSeq;
    long packetsSent;
    long octetsSent;

    ForwardedTrack(SubscriberSession subscriber, String mid, PublishedTrack source, int ssrc, int rtxSsrc, int payloadType,
            int rtxPayloadType, int firstRtxSeq) {
        this.subscriber = subscriber;
        this.mid = mid;
        this.kind = source.info.kind();
        this.source = source;
        this.ssrc = ssrc;
        this.rtxSsrc = rtxSsrc;
        this.payloadType = payloadType;
        this.rtxPayloadType = rtxPayloadType;
        this.rtxSeq = firstRtxSeq;
        this.layers = source.isSimulcast() ? new LayerSelector() : null;
        this.vp8 = source.isSimulcast() && source.codec.upperName().equals("VP8") ? new Vp8DescriptorRewriter() : null;
        if (source.video) {
            subscriber.layerAllocator().add(this);
        }
    }

    /**
     * A packet of simulcast layer {@code layer} of the source (its sequence number {@code seq}):
     * forwarded when it is of the layer this subscriber gets, or starts the keyframe of the layer it
     * switches to. Re-evaluates the choice now and then and asks for the target layer's keyframe.
     */
    void forwardLayer(PublishedTrack layer, boolean keyframeStart, int seq, byte[] b, int off, int len, long nowNanos, int sendTime) {
        if (state != State.ACTIVE || !subscriber.transport().isConnected()) {
            return;
        }
        if (layers.isDue(nowNanos)) {
            int wanted = layers.update(source.layers, subscriber.layerAllocator().budgetBps(this, nowNanos), nowNanos);
            if (wanted >= 0) {
                source.layers[wanted].requestKeyframe(nowNanos);
            }
        }
        int before = layers.current();
        if (layers.accept(layer.layerIndex, keyframeStart, seq)) {
            if (before >= 0 && layers.current() != before) {
                // the capture time of the new layer's keyframe on the old layer's timestamp line, when sender reports tell it
                long onOld = layer.timestampOn(source.layers[before], RtpPacket.timestamp(b, off));
                if (onOld >= 0) {
                    rewriter.continueAt(rewriter.outgoingTimestamp(onOld));
                }
            }
            forward(b, off, len, nowNanos, sendTime);
        }
    }

    /** Asks the publisher for a keyframe of what this subscriber gets (the target layer of a simulcast source). */
    void requestKeyframe(long nowNanos) {
        if (layers == null) {
            source.requestKeyframe(nowNanos);
        } else if (layers.target() >= 0) {
            source.layers[layers.target()].requestKeyframe(nowNanos);
        } else {
            source.requestKeyframe(nowNanos);
        }
    }

    /** The stream whose cache holds what this subscriber was sent last (the current layer for simulcast), or null. */
    private PublishedTrack cacheSource() {
        if (layers == null) {
            return source;
        }
        int current = layers.current();
        return current < 0 ? null : source.layers[current];
    }

    boolean isActive() {
        return state == State.ACTIVE;
    }

    /** Forwards one source packet (decrypted, RTX undone) to the subscriber; {@code sourceSendTime} is its abs-send-time or -1. */
    void forward(byte[] b, int off, int len, long nowNanos, int sourceSendTime) {
        PeerTransport t = subscriber.transport();
        if (state != State.ACTIVE || !t.isConnected()) {
            return;
        }
        int srcSsrc = RtpPacket.ssrc(b, off);
        if (!rewriter.rewrite(srcSsrc, RtpPacket.sequenceNumber(b, off), RtpPacket.timestamp(b, off),
                source.codec.clockRate(), nowNanos)) {
            return;
        }
        MediaEngine engine = subscriber.engine();
        byte[] out = engine.packetOut();
        int n = build(b, off, len, out, rewriter.seq(), rewriter.timestamp(), nowNanos, sourceSendTime, false);
        if (n > 0 && t.sendRtp(out, 0, n)) {
            packetsSent++;
            octetsSent += n;
            sentBitrate.add(n, nowNanos);
            engine.metrics().increment(SfuCounter.RTP_FORWARDED);
        }
    }

    /**
     * Writes the outgoing form of a source packet into {@code out}: fixed header and CSRCs copied, our
     * own extension block (abs-send-time when negotiated), the payload. With {@code asRtx}, the RTX form
     * (RFC 4588): RTX SSRC/payload type/sequence, the original sequence number first in the payload, and
     * no padding. Returns the length.
     */
    private int build(byte[] b, int off, int len, byte[] out, int seq, long ts, long nowNanos, int sourceSendTime, boolean asRtx) {
        int hl = RtpPacket.headerLength(b, off, len);
        int csrcBytes = 4 * RtpPacket.csrcCount(b, off);
        int fixed = RtpPacket.FIXED_HEADER + csrcBytes;
        System.arraycopy(b, off, out, 0, fixed);
        int p = fixed;
        if (absSendTimeId > 0) {
            out[0] |= 0x10;
            Bytes.put16(out, p, RtpPacket.ONE_BYTE_PROFILE);
            Bytes.put16(out, p + 2, 1);
            out[p + 4] = (byte) ((absSendTimeId << 4) | 2);
            // the publisher's send time when it sent one (end-to-end delay stays measurable), else ours
            Bytes.put24(out, p + 5, sourceSendTime >= 0 ? sourceSendTime : RtpPacket.absSendTime(nowNanos));
            p += 8;
        } else {
            out[0] &= ~0x10;
        }
        int payloadEnd = off + len;
        if (asRtx) {
            int padding = RtpPacket.paddingLength(b, off, len);
            payloadEnd -= padding;
            out[0] &= ~0x20;
            Bytes.put16(out, p, seq);
            p += 2;
            RtpPacket.setSsrc(out, 0, rtxSsrc);
            RtpPacket.setPayloadType(out, 0, rtxPayloadType);
            RtpPacket.setSequenceNumber(out, 0, rtxSeq);
            rtxSeq = (rtxSeq + 1) & 0xffff;
        } else {
            RtpPacket.setSsrc(out, 0, ssrc);
            RtpPacket.setPayloadType(out, 0, payloadType);
            RtpPacket.setSequenceNumber(out, 0, seq);
        }
        RtpPacket.setTimestamp(out, 0, ts);
        int payload = payloadEnd - (off + hl);
        if (payload < 0 || p + payload > out.length - 64) {
            return -1;
        }
        System.arraycopy(b, off + hl, out, p, payload);
        if (vp8 != null) {
            vp8.rewrite(RtpPacket.ssrc(b, off), out, p, payload);
        }
        return p + payload;
    }

    /** Answers a NACK for outgoing sequence number {@code seq} from the source's cache (RTX when negotiated). */
    void retransmit(int seq, long nowNanos) {
        PeerTransport t = subscriber.transport();
        if (state != State.ACTIVE || !t.isConnected() || !rewriter.started()) {
            return;
        }
        PublishedTrack from = cacheSource();
        if (from == null || !rewriter.isFromCurrentSource(seq)) {
            return; // sent before the last source change: that stream's packets are not at these numbers
        }
        int slot = from.cache.find(rewriter.sourceSeq(seq));
        if (slot < 0) {
            return;
        }
        byte[] data = from.cache.data(slot);
        int len = from.cache.length(slot);
        if (!rewriter.isCurrentSource(RtpPacket.ssrc(data, 0))) {
            return;
        }
        MediaEngine engine = subscriber.engine();
        byte[] out = engine.packetOut();
        long ts = rewriter.outgoingTimestamp(RtpPacket.timestamp(data, 0));
        boolean rtx = rtxNegotiated && rtxPayloadType >= 0;
        int n = build(data, 0, len, out, seq, ts, nowNanos, -1, rtx);
        if (n > 0 && t.sendRtp(out, 0, n)) {
            engine.metrics().increment(SfuCounter.RETRANSMISSIONS_SENT);
            engine.metrics().increment(SfuCounter.RTP_FORWARDED);
        }
    }

    /** Translates a sender report of source stream {@code sourceSsrc} onto this stream (for lip sync at the subscriber). */
    void senderReport(int sourceSsrc, long ntp, long sourceRtpTimestamp) {
        PeerTransport t = subscriber.transport();
        if (state != State.ACTIVE || !t.isConnected() || !rewriter.started() || !rewriter.isCurrentSource(sourceSsrc)) {
            return;
        }
        byte[] out = subscriber.engine().packetOut();
        int p = RtcpWriter.senderReport(out, 0, ssrc, ntp, rewriter.outgoingTimestamp(sourceRtpTimestamp), packetsSent, octetsSent);
        p = RtcpWriter.sdesCname(out, p, ssrc, subscriber.cname());
        t.sendRtcp(out, 0, p);
    }

    /** Tells the subscriber the stream ended (RTCP BYE). */
    void sendBye() {
        PeerTransport t = subscriber.transport();
        if (!t.isConnected()) {
            return;
        }
        byte[] out = subscriber.engine().packetOut();
        int p = RtcpWriter.emptyReceiverReport(out, 0, ssrc);
        p = RtcpWriter.bye(out, p, ssrc);
        t.sendRtcp(out, 0, p);
    }
}
