package org.peerstack.sfu.internal.dtls;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.DatagramTransport;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * One DTLS 1.2 association over the SFU's shared UDP socket. The I/O thread hands received DTLS records
 * to {@link #offer}; Bouncy Castle's blocking handshake runs on a handshake executor and reads them from
 * a bounded queue; what it sends goes straight back to the socket through {@link Sender}. When the
 * handshake completes, the future carries the SRTP keys. Later records (a close_notify when the remote
 * closes) are decrypted on the handshake executor, one task per record.
 *
 * <p>Thread safety: {@link #offer} and {@link #close} may be called from any thread.
 */
public final class DtlsHandshake implements DatagramTransport {

    /** Records queued for the handshake before more are dropped. */
    public static final int MAX_QUEUED_RECORDS = 64;
    /** Largest DTLS record accepted or sent (one UDP payload on a 1500-byte MTU, minus IP/UDP headers). */
    public static final int MTU = 1200;

    /** Receives alerts; {@code closed} is true for close_notify or any fatal alert. */
    public interface Events {
        void alertReceived(short level, short description);
    }

    /** Sends one datagram to the remote; thread-safe. */
    public interface Sender {
        void send(byte[] datagram);
    }

    private final LinkedBlockingQueue<byte[]> inbox = new LinkedBlockingQueue<>(MAX_QUEUED_RECORDS);
    private final Sender sender;
    private final boolean client;
    private final CompletableFuture<SrtpKeys> result = new CompletableFuture<>();
    /** A {@link DtlsClientPeer} or a {@link DtlsServerPeer}, as {@link #client} says. */
    private final Object peer;
    private final DtlsSrtpPeer srtp;
    private volatile boolean closed;
    private volatile DTLSTransport transport;

    private DtlsHandshake(boolean client, DtlsCertificate certificate, String remoteFingerprint, List<SrtpProfile> profiles,
            int timeoutMillis, Sender sender, Events events) {
        this.client = client;
        this.sender = sender;
        BcTlsCrypto crypto = new BcTlsCrypto(new SecureRandom());
        this.srtp = new DtlsSrtpPeer(crypto, certificate, remoteFingerprint, profiles, timeoutMillis, events);
        this.peer = client ? new DtlsClientPeer(srtp) : new DtlsServerPeer(srtp);
    }

    /** A handshake in the given role; nothing happens before {@link #start}. */
    public static DtlsHandshake create(boolean client, DtlsCertificate certificate, String remoteFingerprint,
            List<SrtpProfile> profiles, int timeoutMillis, Sender sender, Events events) {
        return new DtlsHandshake(client, certificate, remoteFingerprint, profiles, timeoutMillis, sender, events);
    }

    /** True if this side is the DTLS client. */
    public boolean isClient() {
        return client;
    }

    /** Runs the handshake on {@code executor}; the future completes with the SRTP keys or the failure. */
    public CompletableFuture<SrtpKeys> start(Executor executor) {
        executor.execute(() -> {
            try {
                DTLSTransport t = client ? new DTLSClientProtocol().connect((DtlsClientPeer) peer, this)
                        : new DTLSServerProtocol().accept((DtlsServerPeer) peer, this);
                SrtpKeys keys = srtp.keys();
                transport = t;
                if (closed) {
                    t.close();
                    result.completeExceptionally(new IOException("closed during the DTLS handshake"));
                } else {
                    result.complete(keys);
                }
            } catch (IOException | RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    public CompletableFuture<SrtpKeys> result() {
        return result;
    }

    /** Queues a received record; false (dropped) when the queue is full or the association closed. */
    public boolean offer(byte[] record) {
        return !closed && inbox.offer(record);
    }

    /** After the handshake: decrypts one queued record on {@code executor} (alerts reach {@link Events}). */
    public void processLater(Executor executor) {
        DTLSTransport t = transport;
        if (t == null || closed) {
            return;
        }
        executor.execute(() -> {
            byte[] buf = new byte[MTU + 100];
            try {
                while (!inbox.isEmpty() && !closed) {
                    t.receive(buf, 0, buf.length, 1);
                }
            } catch (IOException | RuntimeException e) {
                // a fatal alert or a bad record: reported through Events or ignored (the record is dropped)
            }
        });
    }

    /** Sends close_notify when the handshake completed, and stops the handshake otherwise. Idempotent. */
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        inbox.clear();
        DTLSTransport t = transport;
        if (t != null) {
            try {
                t.close();
            } catch (IOException | RuntimeException e) {
                // the remote may be gone already
            }
        }
    }

    // DatagramTransport, used by Bouncy Castle on the handshake thread

    @Override
    public int getReceiveLimit() {
        return MTU + 100;
    }

    @Override
    public int getSendLimit() {
        return MTU;
    }

    @Override
    public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
        if (closed && transport == null) {
            throw new IOException("DTLS association closed");
        }
        try {
            byte[] record = inbox.poll(Math.max(0, waitMillis), TimeUnit.MILLISECONDS);
            if (record == null) {
                return -1;
            }
            int n = Math.min(len, record.length);
            System.arraycopy(record, 0, buf, off, n);
            return n;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    @Override
    public void send(byte[] buf, int off, int len) {
        byte[] copy = new byte[len];
        System.arraycopy(buf, off, copy, 0, len);
        sender.send(copy);
    }

    /** True for alerts that end the association. */
    public static boolean isTerminal(short level, short description) {
        return description == AlertDescription.close_notify || level == org.bouncycastle.tls.AlertLevel.fatal;
    }
}
