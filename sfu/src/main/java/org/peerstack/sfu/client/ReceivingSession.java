package org.peerstack.sfu.client;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.peerstack.sfu.internal.packet.Bytes;
import org.peerstack.sfu.internal.packet.RtcpPacket;
import org.peerstack.sfu.internal.packet.RtcpWriter;
import org.peerstack.sfu.internal.packet.RtpPacket;
import org.peerstack.sfu.internal.srtp.SrtpSession;

/**
 * The media side of an {@link RtpReceivingPeer}: which track an incoming SSRC belongs to (the SSRCs the
 * remote description announces, else the payload type), RTX (RFC 4588) turned back into the original
 * packet, per-stream receive state, and the RTCP it sends: receiver reports every
 * {@link RtpReceivingPeer#RECEIVER_REPORT_INTERVAL_MILLIS}, NACKs, and PLIs. I/O thread only, but for
 * {@link #tracks()} and {@link #stats()}.
 */
final class ReceivingSession {

    /** Media sections (tracks) one peer receives at most. */
    static final int MAX_TRACKS = 64;
    /** Incoming SSRCs tracked at most (a sender restarting its encoder gets a new one). */
    static final int MAX_STREAMS = 128;
    /** NACK (pid, blp) pairs in one RTCP packet at most. */
    static final int MAX_NACK_PAIRS = 32;

    interface RtcpSender {
        /** Protects and sends {@code b[0, n)}; {@code b} has room for the SRTCP trailer. */
        void send(byte[] b, int n);
    }

    private final RtpTrackListener listener;
    private final int localSsrc;
    private final RtcpSender rtcp;
    private final Map<String, RecvonlySdp.Media> media = new LinkedHashMap<>();
    private final Map<Integer, IncomingStream> streams = new HashMap<>();
    /** Announced SSRC -> media section; RTX SSRC -> its primary SSRC. */
    private final Map<Integer, RecvonlySdp.Media> announced = new HashMap<>();
    private final Map<Integer, Integer> rtxToPrimary = new HashMap<>();
    /** Per mid, the stream that carried its latest packet (keyframe requests go to it). */
    private final Map<String, IncomingStream> latest = new HashMap<>();
    private final Map<String, Long> lastAutoKeyframe = new HashMap<>();
    private final byte[] out = new byte[1500];
    private final int[] pairs = new int[MAX_NACK_PAIRS];
    private volatile List<ReceivedTrack> tracks = List.of();
    private long lastReportNanos;
    private volatile long received;
    private volatile long recovered;
    private volatile long nacks;
    private volatile long keyframeRequests;
    private volatile long rtcpReceived;
    private volatile long droppedPackets;

    ReceivingSession(RtpTrackListener listener, int localSsrc, RtcpSender rtcp) {
        this.listener = listener;
        this.localSsrc = localSsrc;
        this.rtcp = rtcp;
    }

    /** A new description: announces added tracks, ends removed ones. */
    void negotiated(List<RecvonlySdp.Media> sections) {
        if (sections.stream().filter(m -> m.track() != null).count() > MAX_TRACKS) {
            throw new org.peerstack.exc.NotSupportedException("More than " + MAX_TRACKS + " tracks in one description");
        }
        Map<String, RecvonlySdp.Media> next = new LinkedHashMap<>();
        for (RecvonlySdp.Media m : sections) {
            if (m.track() != null) {
                next.put(m.mid(), m);
            }
        }
        for (RecvonlySdp.Media old : List.copyOf(media.values())) {
            RecvonlySdp.Media now = next.get(old.mid());
            if (now == null || !now.track().equals(old.track())) {
                media.remove(old.mid());
                forget(old);
                notify(() -> listener.onTrackEnded(old.track()));
            }
        }
        for (RecvonlySdp.Media m : next.values()) {
            if (!media.containsKey(m.mid())) {
                media.put(m.mid(), m);
                notify(() -> listener.onTrack(m.track()));
            }
            for (long[] s : m.ssrcs()) {
                announced.put((int) s[0], m);
                if (s[1] >= 0) {
                    rtxToPrimary.put((int) s[1], (int) s[0]);
                    announced.put((int) s[1], m);
                }
            }
        }
        tracks = media.values().stream().map(RecvonlySdp.Media::track).toList();
    }

    private void forget(RecvonlySdp.Media m) {
        announced.values().removeIf(x -> x.mid().equals(m.mid()));
        streams.values().removeIf(s -> s.track.mid().equals(m.mid()));
        latest.remove(m.mid());
    }

    /** One SRTP or SRTCP datagram in {@code b[0, n)} ({@code b} is decrypted in place). */
    void packet(SrtpSession srtp, byte[] b, int n, long nowNanos) {
        if (RtcpPacket.isRtcp(b, 0, n)) {
            int len = srtp.unprotectRtcp(b, 0, n);
            if (len > 0 && RtcpPacket.isValidCompound(b, 0, len)) {
                rtcpReceived++;
                for (int p = 0; p < len; p += RtcpPacket.length(b, p)) {
                    IncomingStream s = RtcpPacket.type(b, p) == RtcpPacket.SR ? streams.get(RtcpPacket.senderSsrc(b, p)) : null;
                    if (s != null) {
                        s.senderReport(RtcpPacket.srNtp(b, p), nowNanos);
                    }
                }
            }
            return;
        }
        int len = srtp.unprotectRtp(b, 0, n);
        int h = len < 0 ? -1 : RtpPacket.headerLength(b, 0, len);
        if (h < 0) {
            droppedPackets++;
            return;
        }
        int ssrc = RtpPacket.ssrc(b, 0);
        int pt = RtpPacket.payloadType(b, 0);
        RecvonlySdp.Media m = announced.get(ssrc);
        if (m == null) {
            m = byPayloadType(pt);
        }
        if (m == null) {
            droppedPackets++;
            return;
        }
        boolean rtx = m.rtxPayloadType() >= 0 && pt == m.rtxPayloadType();
        if (rtx) {
            Integer primary = rtxToPrimary.get(ssrc);
            IncomingStream last = latest.get(m.mid());
            int target = primary != null ? primary : last != null ? last.ssrc : 0;
            len = unwrapRtx(b, len, h, target, m.track().payloadType());
            if (len < 0) {
                return; // padding only (bandwidth probing)
            }
            ssrc = target;
        } else if (pt != m.track().payloadType()) {
            m = switchCodec(m, pt);
            if (m == null) {
                droppedPackets++;
                return;
            }
        }
        IncomingStream s = streams.get(ssrc);
        if (s == null) {
            if (rtx || streams.size() >= MAX_STREAMS) {
                droppedPackets++;
                return;
            }
            s = new IncomingStream(ssrc, m.track());
            streams.put(ssrc, s);
        }
        latest.put(m.mid(), s);
        int result = s.received(RtpPacket.sequenceNumber(b, 0), RtpPacket.timestamp(b, 0), nowNanos, rtx);
        if (rtx && result != -1) {
            return; // a retransmission of a packet we had or gave up on
        }
        received++;
        if (result == -1) {
            recovered++;
        } else if (result == -2 && m.track().isVideo()) {
            autoKeyframe(m.mid(), nowNanos);
        }
        ReceivedTrack track = m.track();
        int length = len;
        try {
            listener.onRtp(track, b, 0, length);
        } catch (RuntimeException e) {
            // documented: ignored
        }
    }

    /**
     * The sender uses another of the section's codecs: the track on the old codec ends and one on the new
     * codec begins (same mid). Null when {@code pt} is none of the section's codecs.
     */
    private RecvonlySdp.Media switchCodec(RecvonlySdp.Media m, int pt) {
        for (org.peerstack.sfu.internal.sdp.RtpCodec c : m.codecs()) {
            if (c.payloadType() == pt) {
                RecvonlySdp.Media next = m.with(c);
                media.put(m.mid(), next);
                announced.replaceAll((ssrc, x) -> x.mid().equals(m.mid()) ? next : x);
                streams.values().removeIf(s -> s.track.mid().equals(m.mid()));
                latest.remove(m.mid());
                tracks = media.values().stream().map(RecvonlySdp.Media::track).toList();
                notify(() -> listener.onTrackEnded(m.track()));
                notify(() -> listener.onTrack(next.track()));
                return next;
            }
        }
        return null;
    }

    /** RTX payload = original sequence number + original payload: the original packet rebuilt in place; -1 for padding. */
    private static int unwrapRtx(byte[] b, int len, int h, int ssrc, int payloadType) {
        int pad = RtpPacket.paddingLength(b, 0, len);
        int payload = len - h - pad;
        if (payload < 2) {
            return -1;
        }
        int osn = Bytes.uint16(b, h);
        System.arraycopy(b, h + 2, b, h, payload - 2);
        b[0] &= (byte) ~0x20;
        RtpPacket.setSequenceNumber(b, 0, osn);
        RtpPacket.setSsrc(b, 0, ssrc);
        RtpPacket.setPayloadType(b, 0, payloadType);
        return h + payload - 2;
    }

    private RecvonlySdp.Media byPayloadType(int pt) {
        RecvonlySdp.Media found = null;
        for (RecvonlySdp.Media m : media.values()) {
            if (m.track().payloadType() == pt || m.rtxPayloadType() == pt
                    || m.codecs().stream().anyMatch(c -> c.payloadType() == pt || c.rtxPayloadType() == pt)) {
                if (found != null) {
                    return null; // ambiguous: only announced SSRCs can tell
                }
                found = m;
            }
        }
        return found;
    }

    /** Every {@link RtpReceivingPeer#NACK_TICK_MILLIS}: NACKs due, and a receiver report when one is due. */
    void tick(long nowNanos) {
        for (IncomingStream s : streams.values()) {
            RecvonlySdp.Media m = media.get(s.track.mid());
            if (m == null || !m.nack() || !s.hasMissing()) {
                continue;
            }
            int n = s.nackPairs(nowNanos, pairs);
            if (n > 0) {
                int p = RtcpWriter.emptyReceiverReport(out, 0, localSsrc);
                p = RtcpWriter.nack(out, p, localSsrc, s.ssrc, pairs, n);
                nacks++;
                rtcp.send(out, p);
            }
        }
        if (nowNanos - lastReportNanos < RtpReceivingPeer.RECEIVER_REPORT_INTERVAL_MILLIS * 1_000_000L || streams.isEmpty()) {
            return;
        }
        lastReportNanos = nowNanos;
        int p = 0;
        for (IncomingStream s : streams.values()) {
            if (p + 32 + SrtpSession.MAX_TRAILER + 8 > 1200) {
                rtcp.send(out, p);
                p = 0;
            }
            p = s.writeReport(out, p, localSsrc, nowNanos);
        }
        if (p > 0) {
            rtcp.send(out, p);
        }
    }

    void requestKeyframe(String mid, long nowNanos) {
        IncomingStream s = latest.get(mid);
        if (s == null || !s.track.isVideo()) {
            return;
        }
        int p = RtcpWriter.emptyReceiverReport(out, 0, localSsrc);
        p = RtcpWriter.pli(out, p, localSsrc, s.ssrc);
        keyframeRequests++;
        rtcp.send(out, p);
    }

    private void autoKeyframe(String mid, long nowNanos) {
        Long last = lastAutoKeyframe.get(mid);
        if (last == null || nowNanos - last > RtpReceivingPeer.AUTO_KEYFRAME_INTERVAL_MILLIS * 1_000_000L) {
            lastAutoKeyframe.put(mid, nowNanos);
            requestKeyframe(mid, nowNanos);
        }
    }

    void dropped() {
        droppedPackets++;
    }

    /** The peer closed: every track ends. */
    void closed() {
        for (RecvonlySdp.Media m : List.copyOf(media.values())) {
            notify(() -> listener.onTrackEnded(m.track()));
        }
        media.clear();
        tracks = List.of();
    }

    List<ReceivedTrack> tracks() {
        return tracks;
    }

    RtpReceivingPeer.Stats stats() {
        long lost = 0;
        List<IncomingStream> now = new ArrayList<>();
        try {
            now.addAll(streams.values());
        } catch (java.util.ConcurrentModificationException e) {
            // read off the I/O thread: the loss figure may lag one call
        }
        for (IncomingStream s : now) {
            lost += s.lost();
        }
        return new RtpReceivingPeer.Stats(received, lost, recovered, nacks, keyframeRequests, rtcpReceived, droppedPackets);
    }

    private static void notify(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            // documented: a listener's exception is ignored
        }
    }
}
