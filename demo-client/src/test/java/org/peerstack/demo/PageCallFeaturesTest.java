package org.peerstack.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.peerstack.signaling.server.SignalingServer;

/**
 * What two people in a call see on the demo page, in real headless Chromium: the participant list with
 * names, the other side's mute and camera-off as badges (from its own events), statistics on demand per
 * tile, and ICE servers taken from the server's configuration.
 */
@Timeout(180)
class PageCallFeaturesTest {

    /** A STUN address in the test's own loopback range: the page must use it, nothing answers there. */
    private static final String STUN = "stun:127.0.1.9:3478";

    @Test
    void participantsBadgesStatsAndIceServersFromTheServer() throws Exception {
        try (SignalingServer server = PageTests.server(0, Map.of("http.ice-servers", "[{urls: [" + STUN + "]}]"));
             Chromium alice = new Chromium();
             Chromium bob = new Chromium()) {
            String aliceId = PageTests.join(alice, server, "features", "alice");
            String bobId = PageTests.join(bob, server, "features", "bob");
            PageTests.awaitFrames(alice, bobId, 30);

            // ICE servers: from http.ice-servers, through GET /ice-servers, into every RTCPeerConnection
            assertThat((String) alice.script("return JSON.stringify(window.peerstack.state.peers.get(arguments[0])"
                    + ".pc.getConfiguration().iceServers)", bobId)).contains(STUN);

            // participant list with names
            Conditions.await("both lists to show both names", Conditions.GENEROUS,
                    () -> participants(alice).equals(List.of("alice (you)", "bob"))
                            && participants(bob).equals(List.of("bob (you)", "alice")),
                    () -> participants(alice) + " / " + participants(bob));

            // bob's microphone and camera off: alice sees badges on bob's tile and in the list
            bob.click("#mute");
            bob.click("#camera-off");
            Conditions.await("alice to see bob muted with his camera off", Conditions.GENEROUS,
                    () -> "off off".equals(tile(alice, bobId, "t.dataset.microphone + ' ' + t.dataset.camera")),
                    () -> tile(alice, bobId, "t.outerHTML"));
            assertThat(tile(alice, bobId, "[...t.querySelectorAll('.badge')].map(b => b.textContent).join(',')"))
                    .isEqualTo("muted,camera off");
            assertThat((String) alice.script("return document.querySelector('#participants li[data-peer=\"' + arguments[0] + '\"]')"
                    + ".textContent", bobId)).isEqualTo("bobmutedcamera off");
            assertThat(tile(bob, "self", "[...t.querySelectorAll('.badge')].map(b => b.textContent).join(',')"))
                    .isEqualTo("muted,camera off");
            bob.click("#mute");
            bob.click("#camera-off");
            Conditions.await("alice to see bob back", Conditions.GENEROUS,
                    () -> "on on 0".equals(tile(alice, bobId, "t.dataset.microphone + ' ' + t.dataset.camera + ' '"
                            + " + t.querySelectorAll('.badge').length")), () -> tile(alice, bobId, "t.outerHTML"));

            // statistics on demand: the tile's stats button
            assertThat(tile(alice, bobId, "String(t.querySelector('.stats'))")).isEqualTo("null");
            alice.click(".tile[data-peer='" + bobId + "'] .stats-toggle");
            Conditions.await("the stats panel to fill", Conditions.GENEROUS,
                    () -> statsText(alice, bobId).matches("(?s)resolution \\d+x\\d+\\n"
                            + "frame rate [1-9]\\d* fps\\n"
                            + "bit rate   \\d+(\\.\\d+)? (kbit|Mbit)/s\\n"
                            + "round trip \\d+\\.\\d ms\\n"
                            + "codec      VP8 \\+ opus"), () -> statsText(alice, bobId));
            alice.click(".tile[data-peer='" + bobId + "'] .stats-toggle");
            assertThat(tile(alice, bobId, "String(t.querySelector('.stats'))")).isEqualTo("null");
            assertThat(aliceId).isNotEqualTo(bobId);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> participants(Chromium browser) {
        return (List<String>) browser.script("return [...document.querySelectorAll('#participants li .name')].map(n => n.textContent)");
    }

    /** Evaluates {@code expression} with {@code t} = the tile of {@code peer} ("self" for the local one). */
    private static String tile(Chromium browser, String peer, String expression) {
        return String.valueOf(browser.script("const t = document.querySelector('.tile[data-peer=\"' + arguments[0] + '\"]');"
                + " return t ? " + expression + " : 'no tile'", peer));
    }

    private static String statsText(Chromium browser, String peer) {
        return tile(browser, peer, "t.querySelector('.stats') ? t.querySelector('.stats').textContent : 'no panel'");
    }
}
