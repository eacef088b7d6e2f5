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
 */
final class PublishedTrack {

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
        this.nacks = new NackRequester(nackRetries);
        this.stats = new ReceiveStatistics(codec.clockRate());
        this.useFir = !codec.hasFeedback("nack pli") && codec.hasFeedback("ccm fir");
    }

    /** A decrypted media packet of this stream (RTX already undone): cache, detect loss, fan out. */
    void onPacket(byte[] b, int off, int len, int seq, long ts, boolean recovered, long nowNanos) {
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
        if (!video || ended) {
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

    /** Sends a keyframe request that an earlier call had to postpone, once allowed. */
    void retryKeyframeRequest(long nowNanos) {
        if (keyframeWanted) {
            requestKeyframe(nowNanos);
        }
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
