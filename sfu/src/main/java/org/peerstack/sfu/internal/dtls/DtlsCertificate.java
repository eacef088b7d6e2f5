package org.peerstack.sfu.internal.dtls;

import java.io.IOException;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Date;
import java.util.HexFormat;
import java.util.Locale;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.bc.BcX509v3CertificateBuilder;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.bc.BcECContentSignerBuilder;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;

/**
 * The SFU's self-signed ECDSA P-256 certificate (RFC 8827 §6.5: WebRTC endpoints authenticate DTLS by
 * the certificate fingerprint carried in SDP), its private key, and its SHA-256 fingerprint in SDP form
 * ({@code "sha-256 AB:CD:..."}). One per server; generated at start.
 */
public final class DtlsCertificate {

    private static final long VALIDITY_MILLIS = 30L * 24 * 3600 * 1000;

    private final AsymmetricKeyParameter privateKey;
    private final byte[] encoded;
    private final String fingerprint;

    private DtlsCertificate(AsymmetricKeyParameter privateKey, byte[] encoded) {
        this.privateKey = privateKey;
        this.encoded = encoded;
        this.fingerprint = sha256Fingerprint(encoded);
    }

    /** A fresh key pair and certificate valid from a day ago for 30 days. */
    public static DtlsCertificate generate(SecureRandom random) {
        X9ECParameters curve = ECNamedCurveTable.getByName("P-256");
        // named-curve parameters: the certificate must carry the prime256v1 OID, not explicit parameters
        // (BoringSSL, in libwebrtc and Chromium, refuses explicit ones with decode_error)
        ECDomainParameters domain = new ECNamedDomainParameters(ECNamedCurveTable.getOID("P-256"), curve);
        ECKeyPairGenerator generator = new ECKeyPairGenerator();
        generator.init(new ECKeyGenerationParameters(domain, random));
        AsymmetricCipherKeyPair pair = generator.generateKeyPair();
        X500Name name = new X500Name("CN=peerstack-sfu");
        long now = System.currentTimeMillis();
        try {
            X509v3CertificateBuilder builder = new BcX509v3CertificateBuilder(name,
                    BigInteger.valueOf(random.nextLong() & Long.MAX_VALUE), new Date(now - 86_400_000L),
                    new Date(now + VALIDITY_MILLIS), name, (ECPublicKeyParameters) pair.getPublic());
            AlgorithmIdentifier sigAlg = new DefaultSignatureAlgorithmIdentifierFinder().find("SHA256withECDSA");
            AlgorithmIdentifier digAlg = new DefaultDigestAlgorithmIdentifierFinder().find(sigAlg);
            byte[] encoded = builder.build(new BcECContentSignerBuilder(sigAlg, digAlg).build(pair.getPrivate())).getEncoded();
            return new DtlsCertificate(pair.getPrivate(), encoded);
        } catch (OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot create the DTLS certificate", e);
        }
    }

    /** "sha-256 AB:CD:..." of DER bytes. */
    public static String sha256Fingerprint(byte[] der) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(der);
            return "sha-256 " + HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** True if {@code sdpFingerprint} ("sha-256 ab:cd...", any case) is the SHA-256 fingerprint of {@code der}. */
    public static boolean matches(String sdpFingerprint, byte[] der) {
        if (sdpFingerprint == null) {
            return false;
        }
        String expected = sha256Fingerprint(der);
        return sdpFingerprint.trim().toUpperCase(Locale.ROOT).equals(expected.toUpperCase(Locale.ROOT));
    }

    AsymmetricKeyParameter privateKey() {
        return privateKey;
    }

    byte[] encoded() {
        return encoded.clone();
    }

    /** The SDP {@code a=fingerprint} value. */
    public String fingerprint() {
        return fingerprint;
    }
}
