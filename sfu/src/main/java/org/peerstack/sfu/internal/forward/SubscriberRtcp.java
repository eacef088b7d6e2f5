package org.peerstack.sfu.internal.forward;

import org.peerstack.sfu.SfuCounter;
import org.peerstack.sfu.internal.packet.Bytes;
import org.peerstack.sfu.internal.packet.RtcpPacket;

/**
 * What a subscriber's RTCP asks of the SFU (RFC 4585 NACK and PLI, RFC 5104 FIR, REMB): NACKed packets
 * are sent again from the source's cache, keyframe requests go to the publisher (rate-limited there),
 * REMB is the subscriber's bandwidth estimate. Receiver reports are counted. I/O thread only.
 */
final class SubscriberRtcp {

    private SubscriberRtcp() {
    }

    static void handle(SubscriberSession s, byte[] b, int off, int len, long nowNanos) {
        MediaEngine engine = s.engine();
        PeerTransport transport = s.transport();
        int end = off + len;
        for (int p = off; p < end; p += RtcpPacket.length(b, p)) {
            int type = RtcpPacket.type(b, p);
            int fmt = RtcpPacket.count(b, p);
            transport.counters.receiverReport(b, p);
            if (type == RtcpPacket.RTPFB && fmt == RtcpPacket.FMT_NACK) {
                ForwardedTrack slot = s.slotBySsrc(RtcpPacket.mediaSsrc(b, p));
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
                long remb = RtcpPacket.rembBitrate(b, p);
                s.onRemb(remb, nowNanos);
            } else if (type == RtcpPacket.PSFB && (fmt == RtcpPacket.FMT_PLI || fmt == RtcpPacket.FMT_FIR)) {
                int media = fmt == RtcpPacket.FMT_FIR && RtcpPacket.length(b, p) >= 20 ? Bytes.int32(b, RtcpPacket.fci(p))
                        : RtcpPacket.mediaSsrc(b, p);
                ForwardedTrack slot = s.slotBySsrc(media);
                if (slot != null && slot.isActive()) {
                    engine.metrics().increment(SfuCounter.KEYFRAME_REQUESTS_RECEIVED);
                    transport.counters.keyframeRequestReceived();
                    slot.requestKeyframe(nowNanos);
                }
            }
        }
    }
}
