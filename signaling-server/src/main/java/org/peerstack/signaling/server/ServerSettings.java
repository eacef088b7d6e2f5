package org.peerstack.signaling.server;

import java.util.Locale;
import org.peerstack.exc.ConfigException;

/**
 * The {@code server:} section of {@code config/signaling-server.yaml}.
 *
 * @param host             address to listen on
 * @param port             TCP port, 0 = any free port
 * @param websocketPath    URL path of the WebSocket endpoint
 * @param eventLoopThreads event loop threads, 0 = one per core
 * @param transport        {@code auto}, {@code epoll} or {@code nio}
 * @param shutdownGraceMs  time members get to close on shutdown (milliseconds)
 */
public record ServerSettings(String host, int port, String websocketPath, int eventLoopThreads, String transport,
                             long shutdownGraceMs) {

    public ServerSettings {
        if (host == null || host.isBlank()) {
            throw new ConfigException("server.host must be an address");
        }
        if (port < 0 || port > 65_535) {
            throw new ConfigException("server.port must be within 0..65535 (got " + port + ")");
        }
        if (websocketPath == null || !websocketPath.startsWith("/") || websocketPath.contains("?")) {
            throw new ConfigException("server.websocket-path must be a URL path starting with / (got " + websocketPath + ")");
        }
        if (eventLoopThreads < 0) {
            throw new ConfigException("server.event-loop-threads must be >= 0 (got " + eventLoopThreads + ")");
        }
        transport = transport == null ? "" : transport.toLowerCase(Locale.ROOT);
        if (!transport.equals("auto") && !transport.equals("epoll") && !transport.equals("nio")) {
            throw new ConfigException("server.transport must be auto, epoll or nio (got " + transport + ")");
        }
        if (shutdownGraceMs < 0) {
            throw new ConfigException("server.shutdown-grace-ms must be >= 0 (got " + shutdownGraceMs + ")");
        }
    }
}
