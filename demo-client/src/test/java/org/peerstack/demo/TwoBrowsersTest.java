package org.peerstack.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peerstack.demo.BrowserCallsEchoBotTest.number;
import static org.peerstack.demo.BrowserCallsEchoBotTest.received;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.peerstack.signaling.server.SignalingServer;

/** Two demo pages in two Chromium processes call each other through the server: video both ways, chat, local recording, mute, hang up. */
@Timeout(180)
class TwoBrowsersTest {

    @Test
    void twoPagesSeeEachOtherAndChat() throws Exception {
        try (SignalingServer server = DemoServer.start();
             Chromium alice = new Chromium();
             Chromium bob = new Chromium()) {
            alice.open(DemoServer.page(server, "pair", "alice"));
            Conditions.await("alice to join", Conditions.GENEROUS, () -> selfId(alice) != null, () -> "no id");
            bob.open(DemoServer.page(server, "pair", "bob"));
            Conditions.await("bob to join", Conditions.GENEROUS, () -> selfId(bob) != null, () -> "no id");
            String aliceId = selfId(alice);
            String bobId = selfId(bob);

            Conditions.await("both pages to decode 60 frames of the other", Conditions.GENEROUS,
                    () -> number(alice.stats().get(bobId), "framesDecoded") >= 60
                            && number(bob.stats().get(aliceId), "framesDecoded") >= 60,
                    () -> Map.of("alice", alice.stats(), "bob", bob.stats()));

            Conditions.await("alice's chat channel to open", Conditions.GENEROUS,
                    () -> ((Number) alice.script("return window.peerstack.sendChat('hi bob')")).intValue() == 1,
                    () -> "no open channel");
            Conditions.await("bob to get alice's message", Conditions.GENEROUS,
                    () -> received(bob).contains("hi bob"), () -> received(bob));

            // Alice records the call locally (browser MediaRecorder of the composed videos and mixed audio).
            alice.script("document.getElementById('record').click()");
            Conditions.await("3 one-second chunks of alice's local recording", Conditions.GENEROUS,
                    () -> ((Number) alice.script("return window.peerstack.state.recordedChunks || 0")).intValue() >= 3,
                    () -> alice.script("return window.peerstack.state.recordedChunks"));
            alice.script("document.getElementById('record').click()");
            Conditions.await("the finished recording", Conditions.GENEROUS,
                    () -> ((Number) alice.script("return window.peerstack.lastRecordingSize()")).longValue() > 20_000,
                    () -> alice.script("return window.peerstack.lastRecordingSize()"));
            assertThat((String) alice.script("return window.peerstack.lastRecordingType()")).startsWith("video/webm");
            assertThat((Long) alice.script("return document.querySelectorAll('#recordings a').length")).isEqualTo(1L);

            // Mute and camera off disable alice's local tracks; hang up ends the call on both sides.
            alice.script("document.getElementById('mute').click(); document.getElementById('camera-off').click()");
            assertThat((Boolean) alice.script("return window.peerstack.state.localStream.getTracks().every(t => !t.enabled)"))
                    .isTrue();
            alice.script("document.getElementById('mute').click()");
            assertThat((Boolean) alice.script("return window.peerstack.state.localStream.getAudioTracks()[0].enabled")).isTrue();
            alice.script("document.getElementById('hangup').click()");
            Conditions.await("bob to see alice gone", Conditions.GENEROUS,
                    () -> ((Number) bob.script("return window.peerstack.state.peers.size")).intValue() == 0,
                    () -> bob.script("return window.peerstack.state.peers.size"));
            assertThat((String) alice.script("return document.getElementById('status').textContent")).isEqualTo("not joined");
        }
    }

    static String selfId(Chromium browser) {
        return (String) browser.script("return window.peerstack.state.selfId");
    }
}
