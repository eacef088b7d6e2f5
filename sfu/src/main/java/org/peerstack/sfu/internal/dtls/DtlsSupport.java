package org.peerstack.sfu.internal.dtls;

import java.io.IOException;
import java.util.List;
import java.util.Vector;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/** What the DTLS client and server peers share: cipher suites, credentials, fingerprint and profile checks. */
final class DtlsSupport {

    /** ECDHE with ECDSA only: our certificate is ECDSA P-256 (what browsers and libwebrtc offer first). */
    static final int[] CIPHER_SUITES = {
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA,
    };

    private DtlsSupport() {
    }

    static TlsCredentialedSigner signer(BcTlsCrypto crypto, TlsContext context, DtlsCertificate certificate) throws IOException {
        TlsCertificate tlsCertificate = crypto.createCertificate(certificate.encoded());
        Certificate chain = new Certificate(new TlsCertificate[] {tlsCertificate});
        return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), crypto, certificate.privateKey(), chain,
                SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
    }

    /** Signature algorithms we accept from the remote certificate owner. */
    static Vector<SignatureAndHashAlgorithm> acceptedSignatureAlgorithms() {
        Vector<SignatureAndHashAlgorithm> v = new Vector<>();
        v.add(SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
        v.add(SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha384, SignatureAlgorithm.ecdsa));
        v.add(SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha256, SignatureAlgorithm.rsa));
        v.add(SignatureAndHashAlgorithm.rsa_pss_rsae_sha256);
        return v;
    }

    /** Fails the handshake unless the remote's end-entity certificate has the fingerprint its SDP announced. */
    static void checkFingerprint(Certificate remote, String expectedFingerprint) throws IOException {
        if (remote == null || remote.isEmpty()) {
            throw new TlsFatalAlert(AlertDescription.bad_certificate, "remote sent no certificate");
        }
        byte[] der = remote.getCertificateAt(0).getEncoded();
        if (!DtlsCertificate.matches(expectedFingerprint, der)) {
            throw new TlsFatalAlert(AlertDescription.bad_certificate, "certificate fingerprint does not match the SDP");
        }
    }

    /** Our profiles in preference order, as use_srtp data. */
    static UseSRTPData offer(List<SrtpProfile> profiles) {
        int[] ids = profiles.stream().mapToInt(SrtpProfile::id).toArray();
        return new UseSRTPData(ids, new byte[0]);
    }

    /** The first of our profiles that the remote offers, or a handshake failure. */
    static SrtpProfile choose(List<SrtpProfile> ours, UseSRTPData theirs) throws IOException {
        if (theirs != null) {
            for (SrtpProfile p : ours) {
                for (int id : theirs.getProtectionProfiles()) {
                    if (id == p.id()) {
                        return p;
                    }
                }
            }
        }
        throw new TlsFatalAlert(AlertDescription.handshake_failure, "no common SRTP protection profile");
    }
}
