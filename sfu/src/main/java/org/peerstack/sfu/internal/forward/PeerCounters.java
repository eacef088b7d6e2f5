package org.peerstack.sfu.internal.forward;

import org.peerstack.sfu.SfuPeerStats;
import org.peerstack.sfu.internal.packet.Bytes;
import org.peerstack.sfu.internal.packet.IntMap;
import org.peerstack.sfu.internal.packet.RtcpPacket;

/**
 * The per-connection counters behind {@link SfuPeerStats}: plain fields incremented by the sessions and
 * the transport on the I/O thread (no allocation, no atomics on the hot path) and read there by
 * {@link #snapshot()}.
 */
public final class PeerCounters {

    private long packetsReceived;
    private long bytesReceived;
    private long packetsSent;
    private long bytesSent;
    private long packetsLost;
    private long nacksReceived;
    private long nacksSent;
    private long keyframeRequestsReceived;
    private long keyframeRequestsSent;
    /** A subscriber's latest cumulative loss per reported SSRC (from its receiver reports). */
    private final IntMap<long[]> reportedLost = new IntMap<>();

    void received(int bytes) {
        packetsReceived++;
        bytesReceived += bytes;
    }

    void sent(int bytes) {
        packetsSent++;
        bytesSent += bytes;
    }

    void lost(int packets) {
        packetsLost += packets;
    }

    void nackReceived() {
        nacksReceived++;
    }

    void nackSent() {
        nacksSent++;
    }

    void keyframeRequestReceived() {
        keyframeRequestsReceived++;
    }

    void keyframeRequestSent() {
        keyframeRequestsSent++;
    }

    /** The report blocks of an SR or RR at {@code p}: keeps each SSRC's cumulative number of packets lost. */
    void receiverReport(byte[] b, int p) {
        int type = RtcpPacket.type(b, p);
        if (type != RtcpPacket.SR && type != RtcpPacket.RR) {
            return;
        }
        int end = p + RtcpPacket.length(b, p);
        for (int i = 0; i < RtcpPacket.count(b, p); i++) {
            int block = RtcpPacket.reportBlock(b, p, i);
            if (block + 24 > end) {
                return;
            }
            int ssrc = Bytes.int32(b, block);
            int lost = ((b[block + 5] & 0xff) << 16) | ((b[block + 6] & 0xff) << 8) | (b[block + 7] & 0xff);
            if ((lost & 0x800000) != 0) {
                lost = 0; // negative (duplicates): counts as no loss
            }
            long[] slot = reportedLost.get(ssrc);
            if (slot == null) {
                if (reportedLost.size() >= MAX_REPORTED_SSRCS) {
                    continue;
                }
                slot = new long[1];
                reportedLost.put(ssrc, slot);
            }
            slot[0] = lost;
        }
    }

    /** Most SSRCs whose reported loss is kept (a subscriber reports on the streams the SFU sends it). */
    static final int MAX_REPORTED_SSRCS = 64;

    /** The counters now. I/O thread. */
    public SfuPeerStats snapshot() {
        long[] reported = {0};
        reportedLost.forEachValue(slot -> reported[0] += slot[0]);
        return new SfuPeerStats(packetsReceived, bytesReceived, packetsSent, bytesSent, packetsLost + reported[0],
                nacksReceived, nacksSent, keyframeRequestsReceived, keyframeRequestsSent);
    }
}
