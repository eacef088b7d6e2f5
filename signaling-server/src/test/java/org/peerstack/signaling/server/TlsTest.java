package org.peerstack.signaling.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerstack.exc.SignalingConnectionException;
import org.peerstack.signaling.SignalingClient;

/**
 * wss:// from PEM files: a self-signed certificate for 127.0.0.1/localhost is made at test time with
 * the JDK's keytool (works offline, no BouncyCastle) and written as PEM certificate + PKCS#8 PEM key.
 */
class TlsTest {

    @TempDir
    static Path dir;
    static Path cert;
    static Path key;

    @BeforeAll
    static void makeCertificate() throws Exception {
        Path keystore = dir.resolve("test.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process process = new ProcessBuilder(keytool, "-genkeypair", "-alias", "test", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, "changeit".toCharArray());
        }
        Key privateKey = store.getKey("test", "changeit".toCharArray());
        Certificate certificate = store.getCertificate("test");
        cert = dir.resolve("cert.pem");
        key = dir.resolve("key.pem");
        Files.writeString(cert, pem("CERTIFICATE", certificate.getEncoded()));
        Files.writeString(key, pem("PRIVATE KEY", privateKey.getEncoded()));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    @Test
    void clientTrustingTheCertificateJoinsOverWss() throws Exception {
        try (SignalingServer server = TestServers.start(Map.of("tls.cert-file", cert.toString(),
                "tls.key-file", key.toString()));
             SignalingClient client = SignalingClient.create(TestServers.options(server.uri())
                     .trustedCertificates(cert).build())) {
            assertThat(server.uri().getScheme()).isEqualTo("wss");
            client.connect().get(20, TimeUnit.SECONDS);
            assertThat(client.join("secure", null, null).get(20, TimeUnit.SECONDS).room()).isEqualTo("secure");
        }
    }

    @Test
    void clientNotTrustingTheCertificateCannotConnect() throws Exception {
        try (SignalingServer server = TestServers.start(Map.of("tls.cert-file", cert.toString(),
                "tls.key-file", key.toString()));
             SignalingClient client = TestServers.client(server.uri())) {
            assertThatThrownBy(() -> client.connect().get(20, TimeUnit.SECONDS))
                    .cause().isInstanceOf(SignalingConnectionException.class);
        }
    }

    @Test
    void aKeyWithoutItsCertificateIsAConfigError() {
        assertThatThrownBy(() -> SignalingServerConfig.of(Map.of("tls.key-file", key.toString())))
                .isInstanceOf(org.peerstack.exc.ConfigException.class)
                .hasMessageContaining("both set");
    }
}
