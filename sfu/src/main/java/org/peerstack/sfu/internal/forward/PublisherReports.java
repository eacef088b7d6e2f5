package org.peerstack.sfu.internal.forward;

import java.util.List;
import org.peerstack.sfu.SfuCounter;
import org.peerstack.sfu.internal.packet.RtcpWriter;
import org.peerstack.sfu.internal.sdp.SimulcastDescription;

/**
 * The RTCP the SFU sends a publisher (RFC 3550 receiver reports, RFC 4585 NACK, REMB announcing the
 * configured bitrate), for the RTP streams of its {@link PublisherSession}. I/O thread only.
 */
final class PublisherReports {

    /** NACK pairs sent per tick at most. */
    static final int MAX_NACK_PAIRS = 32;

    private final MediaEngine engine;
    private final PeerTransport transport;
    /** The publisher's streams (a live view). */
    private final List<PublishedTrack> streams;
    private final int rtcpSsrc;
    private final int[] nackPairs = new int[MAX_NACK_PAIRS];
    private final int[] rembSsrcs;

    PublisherReports(MediaEngine engine, PeerTransport transport, List<PublishedTrack> streams, int rtcpSsrc) {
        this.engine = engine;
        this.transport = transport;
        this.streams = streams;
        this.rtcpSsrc = rtcpSsrc;
        this.rembSsrcs = new int[engine.config().maxTracksPerPublisher() * SimulcastDescription.MAX_LAYERS];
    }

    /** NACKs due now and, when {@code report}, receiver reports and REMB (connected transport only). */
    void tick(long nowNanos, boolean report) {
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
            send(nowNanos);
        }
    }

    /** Receiver reports for each stream and one REMB announcing the configured bitrate. */
    void send(long nowNanos) {
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
}
