package org.peerstack.sfu.internal.forward;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.peerstack.sfu.SfuCounter;
import org.peerstack.sfu.internal.dtls.DtlsHandshake;
import org.peerstack.sfu.internal.dtls.SrtpKeys;
import org.peerstack.sfu.internal.packet.RtcpPacket;
import org.peerstack.sfu.internal.packet.RtpPacket;
import org.peerstack.sfu.internal.packet.StunMessage;
import org.peerstack.sfu.internal.srtp.SrtpSession;
import org.peerstack.sfu.internal.transport.IceLite;

/**
 * The transport of one peer connection over the shared socket: its ICE-lite agent, its DTLS association
 * and, once that completes, its SRTP session. Decrypted RTP and RTCP go to the {@link MediaHandler}
 * (the publisher or subscriber session); {@link #sendRtp}/{@link #sendRtcp} encrypt in place and queue
 * the datagram to the selected address. Everything runs on the media I/O thread except the DTLS
 * handshake, whose results are handed back to it.
 */
final class PeerTransport {

    /** What a peer session does with decrypted media and transport milestones (I/O thread). */
    interface MediaHandler {
        void onRtp(byte[] b, int off, int len, long nowNanos);

        void onRtcp(byte[] b, int off, int len, long nowNanos);

        /** DTLS completed: SRTP flows from now on. */
        void onConnected(long nowNanos);

        /** The transport closed (remote close_notify, consent expiry, DTLS failure or local close). */
        void onTransportClosed(String reason);
    }

    private final MediaEngine engine;
    private final IceLite ice;
    private final MediaHandler handler;
    private final int[] responseLength = new int[1];
    private String remoteFingerprint;
    private boolean dtlsClient;
    private DtlsHandshake dtls;
    private boolean dtlsStarted;
    private SrtpSession srtp;
    private volatile InetSocketAddress remote;
    private boolean closed;
    /** DTLS records that arrived before the remote description (a fast answerer's ClientHello). */
    private final java.util.ArrayDeque<byte[]> early = new java.util.ArrayDeque<>();
    /** Early DTLS records kept at most. */
    static final int MAX_EARLY_RECORDS = 8;
    /** SRTP/SRTCP that arrived while our side of the handshake was finishing (the remote finished first). */
    private final java.util.ArrayDeque<byte[]> earlyMedia = new java.util.ArrayDeque<>();
    /** Early SRTP/SRTCP datagrams kept at most. */
    static final int MAX_EARLY_MEDIA = 64;

    private final long createdNanos = System.nanoTime();
    /** Transport-wide CC feedback to the remote (publishers that negotiated it), else null. */
    private TransportCcReceiver transportCc;
    private int transportCcSenderSsrc;
    private long lastTransportCcNanos;

    PeerTransport(MediaEngine engine, MediaHandler handler) {
        this.engine = engine;
        this.handler = handler;
        this.ice = new IceLite(engine.random());
    }

    IceLite ice() {
        return ice;
    }

    /** Sets what the remote SDP said: its ufrag, fingerprint, and whether we are the DTLS client. */
    void configureRemote(String remoteUfrag, String fingerprint, boolean weAreDtlsClient) {
        ice.setRemoteUfrag(remoteUfrag);
        if (dtls == null) {
            this.remoteFingerprint = fingerprint;
            this.dtlsClient = weAreDtlsClient;
            this.dtls = DtlsHandshake.create(weAreDtlsClient, engine.certificate(), fingerprint, engine.srtpProfiles(),
                    (int) engine.config().dtlsHandshakeTimeout().toMillis(), this::sendDtls, this::onDtlsAlert);
            while (!early.isEmpty()) {
                byte[] record = early.poll();
                onDtls(record, record.length);
            }
            if (weAreDtlsClient && remote != null) {
                startDtls();
            }
        }
    }

    /**
     * ICE restart (RFC 8445 §9): new local credentials, the remote's new ufrag; DTLS and SRTP stay. The
     * remote's checks with the new credentials select the (possibly new) address, which media then uses.
     */
    org.peerstack.sfu.SfuIceParameters restartIce(String remoteUfrag) {
        if (closed) {
            throw new org.peerstack.exc.InvalidStateException("The connection is closed");
        }
        String oldUfrag = ice.localUfrag();
        ice.restart(engine.random());
        ice.setRemoteUfrag(remoteUfrag);
        engine.rekey(this, oldUfrag);
        engine.metrics().increment(SfuCounter.ICE_RESTARTS);
        return new org.peerstack.sfu.SfuIceParameters(ice.localUfrag(), ice.localPassword(), SdpLines.candidateValues(engine));
    }

    /**
     * Sends transport-wide CC feedback (RTPFB FMT 15) for the RTP the remote sends with header extension
     * {@code extensionId}, every {@link #TRANSPORT_CC_INTERVAL_MILLIS}, from {@code senderSsrc}.
     */
    void enableTransportCc(int extensionId, int senderSsrc) {
        if (transportCc == null && extensionId > 0) {
            transportCc = new TransportCcReceiver(extensionId);
            transportCcSenderSsrc = senderSsrc;
            engine.addTransportCc(this);
        }
    }

    /**
     * Interval of transport-wide CC feedback. libwebrtc's own receivers send it every 50-250 ms (5 % of
     * the bitrate); 40 ms (two media ticks) keeps the send-side estimator's delay signal fresh for a
     * fraction of a percent of the media (≈ 25 feedbacks of 40-200 bytes a second).
     */
    static final int TRANSPORT_CC_INTERVAL_MILLIS = 40;

    /** Sends the due transport-wide CC feedback (media tick). */
    void sendTransportCc(long nowNanos) {
        if (transportCc == null || !isConnected() || !transportCc.pending()
                || nowNanos - lastTransportCcNanos < TimeUnit.MILLISECONDS.toNanos(TRANSPORT_CC_INTERVAL_MILLIS) - 1_000_000) {
            return;
        }
        lastTransportCcNanos = nowNanos;
        byte[] out = engine.packetOut();
        for (int n = 0; n < TransportCcReceiver.MAX_FEEDBACKS_PER_INTERVAL && transportCc.pending(); n++) {
            int p = org.peerstack.sfu.internal.packet.RtcpWriter.emptyReceiverReport(out, 0, transportCcSenderSsrc);
            int end = transportCc.write(out, p, transportCcSenderSsrc);
            if (end == p) {
                continue; // a stretch of losses only was skipped
            }
            if (sendRtcp(out, 0, end)) {
                engine.metrics().increment(SfuCounter.TWCC_FEEDBACK_SENT);
            }
        }
    }

    boolean isConnected() {
        return srtp != null && !closed;
    }

    boolean isClosed() {
        return closed;
    }

    boolean isDtlsClient() {
        return dtlsClient;
    }

    InetSocketAddress remoteAddress() {
        return remote;
    }

    void onStun(StunMessage m, InetSocketAddress from, long nowNanos) {
        if (closed) {
            return;
        }
        byte[] out = engine.stunOut();
        IceLite.Outcome outcome = ice.onStun(m, from, nowNanos, out, responseLength);
        switch (outcome) {
            case ANSWERED -> {
                engine.metrics().increment(SfuCounter.STUN_ANSWERED);
                engine.write(out, 0, responseLength[0], from);
                engine.learnAddress(from, this);
                InetSocketAddress selected = ice.selected();
                if (selected != null && !selected.equals(remote)) {
                    remote = selected;
                }
                if (dtls != null && dtlsClient && !dtlsStarted && remote != null) {
                    startDtls();
                }
            }
            case BAD_INTEGRITY -> engine.metrics().increment(SfuCounter.DROPPED_STUN_BAD_INTEGRITY);
            case BAD_FINGERPRINT -> engine.metrics().increment(SfuCounter.DROPPED_STUN_MALFORMED);
            case WRONG_USER -> engine.metrics().increment(SfuCounter.DROPPED_STUN_UNKNOWN_USER);
            case NOT_A_REQUEST -> {
                // responses and indications need no answer from a lite agent
            }
        }
    }

    void onDtls(byte[] data, int len) {
        if (!closed && dtls == null && early.size() < MAX_EARLY_RECORDS) {
            early.add(java.util.Arrays.copyOf(data, len));
            return;
        }
        if (closed || dtls == null || !isDtlsRecord(data, len)) {
            engine.metrics().increment(SfuCounter.DROPPED_DTLS);
            return;
        }
        byte[] record = java.util.Arrays.copyOf(data, len);
        if (!dtls.offer(record)) {
            engine.metrics().increment(SfuCounter.DROPPED_DTLS);
            return;
        }
        if (!dtlsStarted && !dtlsClient) {
            startDtls();
        } else if (srtp != null) {
            dtls.processLater(engine.dtlsExecutor());
        }
    }

    /**
     * True if the datagram starts with a plausible DTLS record header (RFC 6347 §4.1): content type
     * 20..25, version DTLS 1.0 or 1.2, a length that fits. Garbage is dropped before Bouncy Castle sees it.
     */
    static boolean isDtlsRecord(byte[] b, int len) {
        if (len < 13) {
            return false;
        }
        int type = b[0] & 0xff;
        int version = ((b[1] & 0xff) << 8) | (b[2] & 0xff);
        int length = ((b[11] & 0xff) << 8) | (b[12] & 0xff);
        return type >= 20 && type <= 25 && (version == 0xFEFD || version == 0xFEFF) && 13 + length <= len;
    }

    private void startDtls() {
        dtlsStarted = true;
        long started = System.nanoTime();
        dtls.start(engine.dtlsExecutor()).whenComplete((keys, failure) -> engine.execute(() -> dtlsDone(keys, failure, started)));
    }

    private void dtlsDone(SrtpKeys keys, Throwable failure, long startedNanos) {
        if (closed) {
            return;
        }
        if (failure != null) {
            engine.metrics().increment(SfuCounter.DTLS_HANDSHAKES_FAILED);
            close("DTLS handshake failed: " + failure.getMessage());
            return;
        }
        engine.metrics().increment(SfuCounter.DTLS_HANDSHAKES_COMPLETED);
        srtp = new SrtpSession(keys);
        engine.log().debug("DTLS ({}) done in {} ms with {}", dtlsClient ? "client" : "server",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos), keys.profile());
        handler.onConnected(System.nanoTime());
        byte[] scratch = new byte[org.peerstack.sfu.internal.transport.UdpTransport.MAX_DATAGRAM + 64];
        while (!earlyMedia.isEmpty() && !closed) {
            byte[] early = earlyMedia.poll();
            System.arraycopy(early, 0, scratch, 0, early.length);
            onMedia(scratch, early.length, System.nanoTime());
        }
    }

    private void sendDtls(byte[] datagram) {
        InetSocketAddress to = remote;
        if (to == null) {
            to = ice.lastValid();
        }
        if (to != null) {
            engine.sendNow(datagram, to);
        }
    }

    private void onDtlsAlert(short level, short description) {
        if (DtlsHandshake.isTerminal(level, description)) {
            engine.execute(() -> close("remote closed DTLS (alert " + description + ")"));
        }
    }

    /** An SRTP or SRTCP datagram (first byte 128..191) from this peer. */
    void onMedia(byte[] b, int len, long nowNanos) {
        if (srtp == null) {
            if (dtlsStarted && !closed && earlyMedia.size() < MAX_EARLY_MEDIA) {
                earlyMedia.add(java.util.Arrays.copyOf(b, len)); // replayed once the keys are in
            } else {
                engine.metrics().increment(SfuCounter.DROPPED_BEFORE_DTLS);
            }
            return;
        }
        if (RtcpPacket.isRtcp(b, 0, len)) {
            int n = srtp.unprotectRtcp(b, 0, len);
            if (n < 0) {
                engine.metrics().increment(SfuCounter.DROPPED_SRTP_AUTH);
                return;
            }
            if (!RtcpPacket.isValidCompound(b, 0, n)) {
                engine.metrics().increment(SfuCounter.DROPPED_RTCP_MALFORMED);
                return;
            }
            counters.received(n);
            handler.onRtcp(b, 0, n, nowNanos);
        } else {
            int n = srtp.unprotectRtp(b, 0, len);
            if (n < 0) {
                engine.metrics().increment(SfuCounter.DROPPED_SRTP_AUTH);
                return;
            }
            int hl = RtpPacket.headerLength(b, 0, n);
            if (hl < 0) {
                engine.metrics().increment(SfuCounter.DROPPED_RTP_MALFORMED);
                return;
            }
            engine.metrics().increment(SfuCounter.RTP_IN);
            counters.received(n);

            if (transportCc != null) {
                transportCc.received(b, 0, n, nowNanos);
            }
            handler.onRtp(b, 0, n, nowNanos);
        }
    }

    /** This connection's counters (SfuPeerStats); I/O thread. */
    final PeerCounters counters = new PeerCounters();

    /** Encrypts {@code b[off, off+len)} in place (needs {@link SrtpSession#MAX_TRAILER} bytes after it) and queues it. */
    boolean sendRtp(byte[] b, int off, int len) {
        if (srtp == null || closed || remote == null) {
            return false;
        }
        int n = srtp.protectRtp(b, off, len);
        if (n < 0) {
            return false;
        }
        counters.sent(len);
        engine.write(b, off, n, remote);
        return true;
    }

    /** Encrypts an RTCP compound packet in place and queues it. */
    boolean sendRtcp(byte[] b, int off, int len) {
        if (srtp == null || closed || remote == null) {
            return false;
        }
        int n = srtp.protectRtcp(b, off, len);
        if (n < 0) {
            return false;
        }
        counters.sent(len);
        engine.write(b, off, n, remote);
        return true;
    }

    /**
     * Checks consent freshness; closes the transport when it expired, or when no valid check came at all
     * within the consent timeout of its creation (a peer that never connected).
     */
    void checkConsent(long nowNanos) {
        long timeout = engine.config().consentTimeout().toNanos();
        if (closed) {
            return;
        }
        if (ice.consentExpired(nowNanos, timeout)) {
            engine.metrics().increment(SfuCounter.CONSENT_EXPIRED);
            close("ICE consent expired");
        } else if (ice.selected() == null && nowNanos - createdNanos > timeout) {
            engine.metrics().increment(SfuCounter.CONSENT_EXPIRED);
            close("no ICE connectivity check arrived");
        }
    }

    /** Closes DTLS (close_notify), forgets the addresses, tells the handler once. Idempotent. */
    void close(String reason) {
        if (closed) {
            return;
        }
        closed = true;
        engine.log().debug("peer transport {} closed: {}", ice.localUfrag(), reason);
        engine.forget(this);
        if (dtls != null) {
            DtlsHandshake d = dtls;
            engine.dtlsExecutor().execute(d::close);
        }
        if (srtp != null) {
            srtp.close();
        }
        handler.onTransportClosed(reason);
    }
}
