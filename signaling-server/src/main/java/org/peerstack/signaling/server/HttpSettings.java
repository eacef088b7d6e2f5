package org.peerstack.signaling.server;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.peerstack.exc.ConfigException;

/**
 * The {@code http:} section of {@code config/signaling-server.yaml}.
 *
 * @param allowedOrigins browser origins allowed to open the WebSocket; empty = any
 * @param staticDir      directory served at {@code /}; empty = no static files
 * @param iceServers     STUN/TURN servers handed to pages at {@code GET /ice-servers}; empty = none
 */
public record HttpSettings(List<String> allowedOrigins, String staticDir, List<IceServerSettings> iceServers) {

    public HttpSettings {
        allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
        for (String origin : allowedOrigins) {
            if (origin == null || origin.isBlank() || origin.endsWith("/")) {
                throw new ConfigException("http.allowed-origins entries must be origins like https://example.org"
                        + " (scheme://host[:port], no trailing slash); got '" + origin + "'");
            }
        }
        staticDir = staticDir == null ? "" : staticDir;
        iceServers = iceServers == null ? List.of() : List.copyOf(iceServers);
    }

    /** The static directory, if configured (it need not exist: then every file is a 404). */
    public Optional<Path> staticPath() {
        return staticDir.isEmpty() ? Optional.empty() : Optional.of(Path.of(staticDir));
    }
}
