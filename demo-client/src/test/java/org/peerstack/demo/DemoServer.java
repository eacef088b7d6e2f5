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

    /** Glob of the room names {@link #startWithSfu()} makes SFU rooms ({@code sfu.rooms}). */
    public static final String SFU_ROOMS = "sfu-*";

    /**
     * The server with its SFU ({@code sfu.enabled}) on the test namespace's veth address (libwebrtc and
     * Chromium ignore loopback), rooms named {@link #SFU_ROOMS} SFU rooms.
     */
    public static SignalingServer startWithSfu() throws java.io.IOException {
        Path yaml = java.nio.file.Files.createTempFile("demo-sfu", ".yaml");
        try {
            java.nio.file.Files.writeString(yaml, String.join("\n",
                    "server: {host: 127.0.0.1, port: 0}",
                    "http: {static-dir: \"" + WEB_DIR.toAbsolutePath() + "\"}",
                    "sfu: {enabled: true, bind-address: 127.0.1.1, port: 0, rooms: [\"" + SFU_ROOMS + "\"]}",
                    ""));
            return SignalingServer.start(SignalingServerConfig.load(yaml));
        } finally {
            java.nio.file.Files.delete(yaml);
        }
    }

    /** The demo page's URL for {@code room}, joining at once. */
    public static String page(SignalingServer server, String room, String name) {
        return server.httpUri().resolve("index.html?autojoin=1&room=" + room + "&name=" + name).toString();
    }

    public static URI signaling(SignalingServer server) {
        return server.uri();
    }
}
