package org.peerstack.demo;

import static org.peerstack.demo.BrowserCallsEchoBotTest.number;
import static org.peerstack.demo.BrowserCallsEchoBotTest.received;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.peerstack.signaling.server.SignalingServer;

/** Two demo pages in two Chromium processes call each other through the server: video both ways and chat. */
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
        }
    }

    static String selfId(Chromium browser) {
        return (String) browser.script("return window.peerstack.state.selfId");
    }
}
