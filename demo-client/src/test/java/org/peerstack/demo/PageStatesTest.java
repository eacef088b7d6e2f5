package org.peerstack.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.peerstack.signaling.server.SignalingServer;

/**
 * Every state of the demo page can be left, in real headless Chromium: a refused join, a hang-up, the
 * loss of the server (going-away, then a new server on the same port); and in each state exactly the
 * controls that work are enabled.
 */
@Timeout(240)
class PageStatesTest {

    @Test
    void aRefusedJoinReleasesTheCameraAndCanBeLeft() throws Exception {
        try (SignalingServer server = PageTests.server(0, Map.of("limits.max-members-per-room", "1"));
             Chromium alice = new Chromium();
             Chromium bob = new Chromium()) {
            PageTests.join(alice, server, "full", "alice");

            bob.open(PageTests.page(server, "full", "bob"));
            assertThat(bob.enabled()).isEqualTo(PageTests.IDLE);
            // keep the tracks getUserMedia hands out, to see them stopped
            bob.script("const gum = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);"
                    + "window.opened = [];"
                    + "navigator.mediaDevices.getUserMedia = c => gum(c).then(s => { window.opened.push(...s.getTracks()); return s; });");
            bob.click("#join");
            Conditions.await("bob's join to be refused", Conditions.GENEROUS,
                    () -> bob.status().startsWith("join refused: room-full"), bob::status);
            assertThat(bob.status()).isEqualTo("join refused: room-full (the room has the most members the server allows)");
            assertThat(bob.phase()).isEqualTo("idle");
            assertThat(bob.enabled()).isEqualTo(PageTests.IDLE);
            assertThat((Boolean) bob.script("return window.opened.length === 2 && window.opened.every(t => t.readyState === 'ended')"))
                    .as("camera and microphone released").isTrue();
            assertThat(bob.script("return window.peerstack.state.localStream")).isNull();
            assertThat((Long) bob.script("return document.querySelectorAll('#participants li').length")).isZero();

            alice.click("#hangup");
            Conditions.await("the server to see alice gone", Conditions.GENEROUS, () -> server.roomCount() == 0,
                    server::roomCount);
            bob.click("#join");
            Conditions.await("bob to join at the second try", Conditions.GENEROUS, () -> "joined".equals(bob.phase()),
                    bob::status);
            assertThat(bob.enabled()).isEqualTo(Map.of("join", false, "hangup", true, "mute", true, "camera-off", true,
                    "record", true, "send", false, "chat-input", false, "room", false, "name", false));
        }
    }

    @Test
    void hangingUpTurnsEverythingOffAndResetsTheButtons() throws Exception {
        try (SignalingServer server = PageTests.server(0, Map.of());
             Chromium alice = new Chromium();
             Chromium bob = new Chromium()) {
            PageTests.join(alice, server, "hangup", "alice");
            String bobId = PageTests.join(bob, server, "hangup", "bob");
            PageTests.awaitFrames(alice, bobId, 30);
            Conditions.await("alice's chat to open", Conditions.GENEROUS, () -> alice.enabled().get("send"), alice::enabled);
            assertThat(alice.enabled()).isEqualTo(Map.of("join", false, "hangup", true, "mute", true, "camera-off", true,
                    "record", true, "send", true, "chat-input", true, "room", false, "name", false));

            alice.click("#mute");
            alice.click("#camera-off");
            alice.click("#record");
            assertThat((String) alice.script("return document.getElementById('mute').textContent")).isEqualTo("Unmute");
            alice.click("#hangup");

            assertThat(alice.status()).isEqualTo("not joined");
            assertThat(alice.enabled()).isEqualTo(PageTests.IDLE);
            assertThat((String) alice.script("return ['mute', 'camera-off', 'record'].map(id => {"
                    + " const b = document.getElementById(id); return b.textContent + (b.classList.contains('on') ? ' (on)' : ''); }).join('|')"))
                    .isEqualTo("Mute|Camera off|Record");
            assertThat((Long) alice.script("return document.querySelectorAll('#videos .tile.remote').length")).isZero();
            assertThat((Long) alice.script("return document.querySelectorAll('#recordings a').length")).isEqualTo(1L);
            Conditions.await("bob to see alice gone, and his chat closed", Conditions.GENEROUS,
                    () -> ((Number) bob.script("return window.peerstack.state.peers.size")).intValue() == 0
                            && !bob.enabled().get("send"), bob::enabled);
            assertThat(bob.enabled().get("hangup")).isTrue();
        }
    }

    @Test
    void afterTheServerGoesAwayThePagesReconnectWithBackoffAndCallAgain() throws Exception {
        SignalingServer first = PageTests.server(0, Map.of());
        int port = first.port();
        try (Chromium alice = new Chromium(); Chromium bob = new Chromium()) {
            String aliceId;
            String bobId;
            try {
                aliceId = PageTests.join(alice, first, "again", "alice");
                bobId = PageTests.join(bob, first, "again", "bob");
                PageTests.awaitFrames(alice, bobId, 30);
            } finally {
                first.close(); // going-away, close 1001
            }
            Conditions.await("alice to notice and wait to reconnect", Conditions.GENEROUS,
                    () -> "reconnecting".equals(alice.phase()), alice::status);
            assertThat(alice.status()).matches("lost the server \\(1001 going-away\\); reconnecting in \\d+\\.\\d s \\(attempt \\d+\\)"
                    + "|reconnecting to the server \\(attempt \\d+\\)");
            assertThat(alice.enabled()).isEqualTo(Map.of("join", false, "hangup", true, "mute", true, "camera-off", true,
                    "record", false, "send", false, "chat-input", false, "room", false, "name", false));
            Thread.sleep(1500); // a failed attempt or two against the closed port, as after a real outage

            try (SignalingServer second = PageTests.server(port, Map.of())) {
                Conditions.await("both pages to rejoin", Conditions.GENEROUS,
                        () -> "joined".equals(alice.phase()) && "joined".equals(bob.phase()),
                        () -> alice.status() + " / " + bob.status());
                String newAlice = alice.selfId();
                String newBob = bob.selfId();
                assertThat(newAlice).isNotEqualTo(aliceId);
                assertThat(newBob).isNotEqualTo(bobId);
                PageTests.awaitFrames(alice, newBob, 30);
                PageTests.awaitFrames(bob, newAlice, 30);
                assertThat(alice.status()).isEqualTo("in room \"again\" as alice");
                assertThat(second.websocketCount()).isEqualTo(2);
            }
        }
    }
}
