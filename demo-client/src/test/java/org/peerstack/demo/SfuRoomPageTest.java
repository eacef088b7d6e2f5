package org.peerstack.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peerstack.demo.BrowserCallsEchoBotTest.number;
import static org.peerstack.demo.BrowserCallsEchoBotTest.received;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerstack.config.AudioMode;
import org.peerstack.recorder.MediaRecorderOptions;
import org.peerstack.rtc.RTCPeerConnection;
import org.peerstack.signaling.server.SignalingServer;

/**
 * The demo page in an SFU room (?sfu=1) of a real server with its SFU, with two Java bots: the page
 * decodes the play bot's video from the SFU in the play bot's tile, the record bot writes a file of the
 * page's camera and microphone that ffprobe decodes, chat goes both ways through the server, and the play
 * bot leaving removes its tile.
 */
@Timeout(240)
class SfuRoomPageTest {

    @Test
    void pageAndBotsCallThroughTheSfu(@TempDir Path dir) throws Exception {
        RecordBot bot;
        try (SignalingServer server = DemoServer.startWithSfu();
             MediaSources media = MediaSources.fake(DemoConfig.load(AudioMode.HEADLESS));
             Chromium browser = new Chromium()) {
            bot = new RecordBot(dir, "sfu", MediaRecorderOptions.defaults());
            // "page-room" is no SFU room by name: the page's {"sfu": true} makes it one.
            browser.open(DemoServer.page(server, "page-room", "page") + "&sfu=1");
            Conditions.await("the page to join an SFU room", Conditions.GENEROUS,
                    () -> browser.selfId() != null && Boolean.TRUE.equals(browser.script("return window.peerstack.sfu.active")),
                    browser::status);
            try (SfuCall record = SfuCall.join(Room.Options.of(server.uri(), "page-room", "record-bot"), TestEngine.get(),
                    bot, null)) {
                SfuCall play = SfuCall.join(Room.Options.of(server.uri(), "page-room", "play-bot"), TestEngine.get(),
                        new PlayBot(media.stream()), media.stream());
                String playId = play.selfId();
                try {
                    AtomicReference<Map<String, Object>> last = new AtomicReference<>(Map.of());
                    Conditions.await("the page to decode 30 frames of the play bot in its tile", Conditions.GENEROUS, () -> {
                        last.set(browser.stats().getOrDefault(playId, Map.of()));
                        return number(last.get(), "framesDecoded") >= 30 && Boolean.TRUE.equals(last.get().get("tile"));
                    }, last::get);
                    assertThat(number(last.get(), "frameWidth")).isPositive();
                    browser.script("window.firstSfuConnection = window.peerstack.sfu.pc; return true");
                    assertThat(number(last.get(), "frameHeight")).isPositive();
                    assertThat(((Number) browser.script("const v = document.querySelector('.tile[data-peer=\"' + arguments[0]"
                            + " + '\"] video'); return v ? v.videoWidth : 0", playId)).intValue()).isPositive();
                    assertThat(browser.script("return document.querySelector('.tile[data-peer=\"' + arguments[0]"
                            + " + '\"] .name').textContent", playId)).isEqualTo("play-bot");

                    Conditions.await("the record bot to record the page for 4 s", Conditions.GENEROUS,
                            () -> bot.active().stream().anyMatch(r -> r.participant().equals("page")
                                    && r.duration().toMillis() >= 4000 && r.bytes() > 20_000), bot::status);

                    StringBuilder heard = new StringBuilder();
                    record.onChat((name, text) -> {
                        synchronized (heard) {
                            heard.append(name).append(": ").append(text).append('\n');
                        }
                    });
                    browser.script("window.peerstack.sendChat('hello bots')");
                    Conditions.await("the record bot to get the page's chat line", Conditions.GENEROUS, () -> {
                        synchronized (heard) {
                            return heard.toString().contains("page: hello bots");
                        }
                    }, heard::toString);
                    record.sendChat("hello page");
                    Conditions.await("the page to show the bot's chat line", Conditions.GENEROUS,
                            () -> received(browser).contains("hello page"), () -> received(browser));

                    // Its tracks end (bye to "sfu"), it stays: the tile goes, the participant stays.
                    play.unpublish();
                    Conditions.await("the play bot's tile to go when its tracks end", Conditions.GENEROUS,
                            () -> !hasTile(browser, playId), () -> browser.script("return document.getElementById('videos').innerHTML"));
                    assertThat(listed(browser, playId)).as("the play bot in the participant list").isTrue();
                    // It publishes again (a new publish connection): its tile comes back.
                    play.publish(media.stream()).get(30, java.util.concurrent.TimeUnit.SECONDS);
                    Conditions.await("the play bot's tile to come back when it publishes again", Conditions.GENEROUS,
                            () -> hasTile(browser, playId), () -> browser.script("return document.getElementById('videos').innerHTML"));
                    assertThat(browser.script("return window.peerstack.sfu.pc === window.firstSfuConnection"))
                            .as("the page kept ONE connection with the server: the bot's bye and new publication"
                                    + " renegotiated it").isEqualTo(Boolean.TRUE);
                    RTCPeerConnection recordPc = record.connection();
                    assertThat(recordPc).as("the record bot's one connection").isNotNull();
                    // The record bot only receives (no track, no microphone workaround): it has no tile.
                    assertThat(hasTile(browser, record.selfId())).as("the receive-only record bot's tile").isFalse();
                    assertThat(record.connection()).as("the record bot kept its one connection").isSameAs(recordPc);
                } finally {
                    play.close();
                }
                // A publishing member leaves: its tile and its participant entry go.
                Conditions.await("the play bot's tile to go when it leaves", Conditions.GENEROUS,
                        () -> !hasTile(browser, playId), () -> browser.script("return document.getElementById('videos').innerHTML"));
                Conditions.await("the play bot to leave the participant list", Conditions.GENEROUS,
                        () -> !listed(browser, playId), () -> browser.script("return document.getElementById('participants').innerHTML"));
            } finally {
                bot.close();
            }
        }
        List<ParticipantRecording> pages = bot.finished().stream().filter(r -> r.participant().equals("page")).toList();
        assertThat(pages).hasSize(1);
        ParticipantRecording recording = pages.get(0);
        assertThat(recording.error()).isEmpty();
        MediaCheck check = MediaCheck.of(recording.file());
        assertThat(check.decodes()).as(check.toString()).isTrue();
        assertThat(check.streams()).as(check.toString()).anyMatch(RecordBotRecordsBrowserTest::isFourByThreeVp8)
                .anyMatch(s -> s.startsWith("opus,audio,"));
        assertThat(MediaCheckAudio.maxVolumeDb(recording.file())).as("loudest audio sample (dBFS)").isGreaterThan(-40);
    }

    private static boolean hasTile(Chromium browser, String peerId) {
        return Boolean.TRUE.equals(browser.script("return document.querySelector('#videos .tile[data-peer=\"' + arguments[0]"
                + " + '\"]') !== null", peerId));
    }

    private static boolean listed(Chromium browser, String peerId) {
        return Boolean.TRUE.equals(browser.script("return document.querySelector('#participants li[data-peer=\"'"
                + " + arguments[0] + '\"]') !== null", peerId));
    }
}
