package org.peerstack.demo;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.peerstack.signaling.server.SignalingServer;
import org.peerstack.signaling.server.SignalingServerConfig;

/** Helpers shared by the demo page's browser tests. */
final class PageTests {

    /** Where the screenshot test saves its PNGs. */
    static final Path SCREENSHOTS = Path.of(System.getProperty("peerstack.demo.build-dir", "target"), "screenshots");

    /** Controls enabled when not in a call. */
    static final Map<String, Boolean> IDLE = Map.of("join", true, "hangup", false, "mute", false, "camera-off", false,
            "record", false, "send", false, "chat-input", false, "room", true, "name", true);

    private PageTests() {
    }

    /** The demo server (page from src/main/web) on a free port, or {@code port}, with extra settings. */
    static SignalingServer server(int port, Map<String, String> settings) {
        Map<String, String> keys = new HashMap<>(Map.of("server.host", "127.0.0.1", "server.port", Integer.toString(port),
                "http.static-dir", DemoServer.WEB_DIR.toAbsolutePath().toString()));
        keys.putAll(settings);
        return SignalingServer.start(SignalingServerConfig.of(keys));
    }

    /** The page for {@code room} as {@code name}, without joining. */
    static String page(SignalingServer server, String room, String name) {
        return server.httpUri().resolve("index.html?room=" + room + "&name=" + name).toString();
    }

    /** Opens the page and joins (by clicking Join); waits until joined. */
    static String join(Chromium browser, SignalingServer server, String room, String name) throws InterruptedException {
        browser.open(page(server, room, name));
        browser.click("#join");
        Conditions.await(name + " to join", Conditions.GENEROUS, () -> "joined".equals(browser.phase()), browser::status);
        return browser.selfId();
    }

    /** Waits until {@code a} has decoded {@code frames} video frames from {@code bId}. */
    static void awaitFrames(Chromium a, String bId, long frames) throws InterruptedException {
        Conditions.await(frames + " frames decoded from " + bId, Conditions.GENEROUS,
                () -> BrowserCallsEchoBotTest.number(a.stats().get(bId), "framesDecoded") >= frames, a::stats);
    }
}
