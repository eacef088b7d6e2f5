package org.peerstack.demo;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.peerstack.signaling.server.SignalingServer;
import org.peerstack.signaling.server.SignalingServerConfig;

/** The embedded signaling server serving the demo page, on a free loopback port. */
public final class DemoServer {

    public static final Path WEB_DIR = Path.of(System.getProperty("peerstack.demo.web-dir", "src/main/web"));

    private DemoServer() {
    }

    public static SignalingServer start() {
        return SignalingServer.start(SignalingServerConfig.of(Map.of("server.host", "127.0.0.1",
                "server.port", "0", "http.static-dir", WEB_DIR.toAbsolutePath().toString())));
    }

    /** The demo page's URL for {@code room}, joining at once. */
    public static String page(SignalingServer server, String room, String name) {
        return server.httpUri().resolve("index.html?autojoin=1&room=" + room + "&name=" + name).toString();
    }

    public static URI signaling(SignalingServer server) {
        return server.uri();
    }
}
