package org.peerstack.sfu.internal.dtls;

import java.io.IOException;
import java.util.Hashtable;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsServerCertificate;

/**
 * The SFU as DTLS 1.2 client with use_srtp (RFC 5764): when the remote's SDP says {@code a=setup:passive}
 * (e.g. FFmpeg's WHIP muxer) or when we answer {@code actpass} with {@code active}. Checks the server
 * certificate against the SDP fingerprint and presents our own; the rest is {@link DtlsSrtpPeer}.
 */
final class DtlsClientPeer extends DefaultTlsClient {

    private final DtlsSrtpPeer srtp;

    DtlsClientPeer(DtlsSrtpPeer srtp) {
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
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Hashtable getClientExtensions() throws IOException {
        Hashtable extensions = super.getClientExtensions();
        if (extensions == null) {
            extensions = new Hashtable();
        }
        TlsSRTPUtils.addUseSRTPExtension(extensions, DtlsSupport.offer(srtp.profiles()));
        return extensions;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public void processServerExtensions(Hashtable serverExtensions) throws IOException {
        super.processServerExtensions(serverExtensions);
        srtp.choose(serverExtensions);
    }

    @Override
    public TlsAuthentication getAuthentication() {
        return new TlsAuthentication() {
            @Override
            public void notifyServerCertificate(TlsServerCertificate serverCertificate) throws IOException {
                srtp.checkRemote(serverCertificate.getCertificate());
            }

            @Override
            public TlsCredentials getClientCredentials(CertificateRequest request) throws IOException {
                return srtp.signer(context);
            }
        };
    }

    @Override
    public int getHandshakeTimeoutMillis() {
        return srtp.timeoutMillis();
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        srtp.complete(context, true);
    }

    @Override
    public void notifyAlertReceived(short alertLevel, short alertDescription) {
        srtp.alertReceived(alertLevel, alertDescription);
    }
}
