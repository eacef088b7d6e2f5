package org.peerstack.signaling.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.peerstack.exc.ConfigException;

/**
 * The {@code tls:} section of {@code config/signaling-server.yaml}: both files set = wss/https.
 *
 * @param certFile PEM certificate chain, empty = no TLS
 * @param keyFile  PKCS#8 PEM private key, empty = no TLS
 */
public record TlsSettings(String certFile, String keyFile) {

    public TlsSettings {
        certFile = certFile == null ? "" : certFile;
        keyFile = keyFile == null ? "" : keyFile;
        if (certFile.isEmpty() != keyFile.isEmpty()) {
            throw new ConfigException("tls.cert-file and tls.key-file must be both set or both empty");
        }
        for (String file : new String[] {certFile, keyFile}) {
            if (!file.isEmpty() && !Files.isReadable(Path.of(file))) {
                throw new ConfigException("TLS file " + file + " does not exist or is not readable");
            }
        }
    }

    public boolean enabled() {
        return !certFile.isEmpty();
    }

    public Optional<Path> certPath() {
        return certFile.isEmpty() ? Optional.empty() : Optional.of(Path.of(certFile));
    }

    public Optional<Path> keyPath() {
        return keyFile.isEmpty() ? Optional.empty() : Optional.of(Path.of(keyFile));
    }
}
