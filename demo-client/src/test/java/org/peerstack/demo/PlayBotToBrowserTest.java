package org.peerstack.demo;

import org.peerstack.config.AudioMode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.peerstack.demo.BrowserCallsEchoBotTest.number;
import static org.peerstack.demo.BrowserCallsEchoBotTest.received;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.peerstack.signaling.server.SignalingServer;

/** Java bots seen from the demo page: the play bot's fake camera and microphone, the chat bot's messages both ways. */
@Timeout(180)
class PlayBotToBrowserTest {

    @Test
    void pageDecodesThePlayBotsFakeCameraAndHearsItsMicrophone() throws Exception {
        try (SignalingServer server = DemoServer.start();
             MediaSources media = MediaSources.fake(DemoConfig.load(AudioMode.HEADLESS));
             Room room = Room.join(Room.Options.of(server.uri(), "play-test", "play-bot"), TestEngine.get(),
                     new PlayBot(media.stream()));
             Chromium browser = new Chromium()) {
            browser.open(DemoServer.page(server, "play-test", "page"));
            AtomicReference<Map<String, Object>> last = new AtomicReference<>(Map.of());
            Conditions.await("the page to decode 60 frames and audio of the play bot", Conditions.GENEROUS, () -> {
                last.set(browser.stats().getOrDefault(room.selfId(), Map.of()));
                return number(last.get(), "framesDecoded") >= 60 && number(last.get(), "audioEnergy") > 0;
            }, last::get);
            assertThat(number(last.get(), "frameWidth")).isPositive();
        }
    }

    @Test
    void chatBotAndPageExchangeMessages() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        ChatBot bot = new ChatBot(out);
        try (SignalingServer server = DemoServer.start();
             Room room = Room.join(Room.Options.of(server.uri(), "chat-test", "chat-bot"), TestEngine.get(), bot);
             Chromium browser = new Chromium()) {
            browser.open(DemoServer.page(server, "chat-test", "page"));
            Conditions.await("the page's channel to the bot to open", Conditions.GENEROUS,
                    () -> ((Number) browser.script("return window.peerstack.sendChat('hello bot')")).intValue() == 1,
                    () -> Map.of("page", browser.stats(), "bot", room.peers(), "botSignaling",
                            room.peers().stream().map(p -> p.pc().signalingState()).toList()));
            Conditions.await("the bot to print the page's message", Conditions.GENEROUS,
                    () -> printed.toString(StandardCharsets.UTF_8).contains("page: hello bot"), printed::toString);
            Conditions.await("the bot's channel to open", Conditions.GENEROUS, () -> bot.send("hello page") == 1,
                    () -> room.peers());
            Conditions.await("the page to show the bot's message", Conditions.GENEROUS,
                    () -> received(browser).contains("hello page"), () -> received(browser));
        }
    }
}
