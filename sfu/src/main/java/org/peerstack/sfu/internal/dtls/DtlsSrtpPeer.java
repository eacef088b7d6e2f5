package org.peerstack.sfu.internal.dtls;

import java.io.IOException;
import java.util.Hashtable;
import java.util.List;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.ExporterLabel;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * The half of a DTLS-SRTP peer (RFC 5764) that does not depend on its role, held by
 * {@link DtlsClientPeer} and {@link DtlsServerPeer}: DTLS 1.2 only, our cipher suites and certificate,
 * the check of the remote certificate against the SDP fingerprint, the SRTP protection profile chosen
 * from the remote's use_srtp extension, the handshake timeout, alerts passed on, and the SRTP keys
 * exported when the handshake completes. Used by one handshake thread.
 */
final class DtlsSrtpPeer {

    private final BcTlsCrypto crypto;
    private final DtlsCertificate certificate;
    private final String remoteFingerprint;
    private final List<SrtpProfile> profiles;
    private final int timeoutMillis;
    private final DtlsHandshake.Events events;
    private SrtpProfile chosen;
    private SrtpKeys keys;

    DtlsSrtpPeer(BcTlsCrypto crypto, DtlsCertificate certificate, String remoteFingerprint, List<SrtpProfile> profiles,
            int timeoutMillis, DtlsHandshake.Events events) {
        this.crypto = crypto;
        this.certificate = certificate;
        this.remoteFingerprint = remoteFingerprint;
        this.profiles = profiles;
        this.timeoutMillis = timeoutMillis;
        this.events = events;
    }

    BcTlsCrypto crypto() {
        return crypto;
    }

    /** DTLS 1.2 only. */
    static ProtocolVersion[] versions() {
        return ProtocolVersion.DTLSv12.only();
    }

    /** Our cipher suites, a copy for BouncyCastle to keep. */
    static int[] cipherSuites() {
        return DtlsSupport.CIPHER_SUITES.clone();
    }

    /** Our profiles in preference order, as the client's use_srtp offer. */
    List<SrtpProfile> profiles() {
        return profiles;
    }

    /** The profile chosen from the remote's extensions (null before {@link #choose}). */
    SrtpProfile chosen() {
        return chosen;
    }

    /** Chooses the first of our profiles that the remote's use_srtp extension offers, or fails the handshake. */
    @SuppressWarnings("rawtypes")
    void choose(Hashtable remoteExtensions) throws IOException {
        chosen = DtlsSupport.choose(profiles, TlsSRTPUtils.getUseSRTPExtension(remoteExtensions));
    }

    /** Our certificate and key, signing for {@code context}. */
    TlsCredentialedSigner signer(TlsContext context) throws IOException {
        return DtlsSupport.signer(crypto, context, certificate);
    }

    /** Fails the handshake unless {@code remote} has the fingerprint the remote's SDP announced. */
    void checkRemote(Certificate remote) throws IOException {
        DtlsSupport.checkFingerprint(remote, remoteFingerprint);
    }

    int timeoutMillis() {
        return timeoutMillis;
    }

    /** Exports the SRTP keys of the completed handshake; {@code client} says which half is ours. */
    void complete(TlsContext context, boolean client) {
        byte[] material = context.exportKeyingMaterial(ExporterLabel.dtls_srtp, null, SrtpKeys.materialLength(chosen));
        keys = SrtpKeys.fromKeyingMaterial(chosen, material, client);
    }

    void alertReceived(short alertLevel, short alertDescription) {
        events.alertReceived(alertLevel, alertDescription);
    }

    /** The SRTP keys, once the handshake has completed; null before. */
    SrtpKeys keys() {
        return keys;
    }
}
