package org.peerstack.sfu.internal.dtls;

import java.io.IOException;
import java.util.Hashtable;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.UseSRTPData;

/**
 * The SFU as DTLS 1.2 server with use_srtp (RFC 5764): requires a client certificate matching the SDP
 * fingerprint; the rest is {@link DtlsSrtpPeer}.
 */
final class DtlsServerPeer extends DefaultTlsServer {

    private final DtlsSrtpPeer srtp;

    DtlsServerPeer(DtlsSrtpPeer srtp) {
        super(srtp.crypto());
        this.srtp = srtp;
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return DtlsSrtpPeer.versions();
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        return DtlsSrtpPeer.cipherSuites();
    }

    @Override
    protected TlsCredentialedSigner getECDSASignerCredentials() throws IOException {
        return srtp.signer(context);
    }

    @Override
    public CertificateRequest getCertificateRequest() {
        return new CertificateRequest(new short[] {ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign},
                DtlsSupport.acceptedSignatureAlgorithms(), null);
    }

    @Override
    public void notifyClientCertificate(Certificate clientCertificate) throws IOException {
        srtp.checkRemote(clientCertificate);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public void processClientExtensions(Hashtable clientExtensions) throws IOException {
        super.processClientExtensions(clientExtensions);
        srtp.choose(clientExtensions);
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Hashtable getServerExtensions() throws IOException {
        Hashtable extensions = super.getServerExtensions();
        if (extensions == null) {
            extensions = new Hashtable();
        }
        TlsSRTPUtils.addUseSRTPExtension(extensions, new UseSRTPData(new int[] {srtp.chosen().id()}, new byte[0]));
        return extensions;
    }

    @Override
    public int getHandshakeTimeoutMillis() {
        return srtp.timeoutMillis();
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        srtp.complete(context, false);
    }

    @Override
    public void notifyAlertReceived(short alertLevel, short alertDescription) {
        srtp.alertReceived(alertLevel, alertDescription);
    }
}
