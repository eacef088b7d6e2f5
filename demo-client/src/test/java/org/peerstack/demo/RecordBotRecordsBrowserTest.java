package org.peerstack.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.peerstack.config.PeerstackConfig;
import org.peerstack.rtc.RTCPeerConnection;
import org.peerstack.rtc.RTCRtpSender;
import org.peerstack.rtc.WebRtcEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerstack.recorder.MediaRecorderOptions;
import org.peerstack.signaling.server.SignalingServer;

/**
 * The {@code record} bot records the demo page in headless Chromium (fake camera and beeping
 * microphone): the file holds VP8 video of the camera's shape and Opus audio, decodes frame by frame,
 * lasts about as long as the recording ran, and its audio is not silence.
 *
 * <p>The bot only receives: it runs on an engine of its own built from the shipped defaults (no
 * {@code audio-mode} set), sends no track, and its recording's audio is still the page's beeps.
 */
@Timeout(180)
class RecordBotRecordsBrowserTest {

    @Test
    void recordBotWritesADecodableWebmOfThePage(@TempDir Path dir) throws Exception {
        recordThePage(dir, true);
    }

    @Test
    void recordBotJoiningAfterThePageRecordsItToo(@TempDir Path dir) throws Exception {
        recordThePage(dir, false);
    }

    private static void recordThePage(Path dir, boolean botFirst) throws Exception {
        try (WebRtcEngine receiveOnly = WebRtcEngine.create(
                PeerstackConfig.loader().load(Optional.empty(), Map.of(), Map.of()));
             SignalingServer server = DemoServer.start()) {
            record(new RecordBot(dir, "browser", MediaRecorderOptions.defaults()), server, botFirst, receiveOnly);
        }
    }

    private static void record(RecordBot bot, SignalingServer server, boolean botFirst, WebRtcEngine engine)
            throws Exception {
        Room.Options options = Room.Options.of(server.uri(), "record-test", "record-bot");
        try (Chromium browser = new Chromium();
             Room room = botFirst ? Room.join(options, engine, bot) : null) {
            browser.open(DemoServer.page(server, "record-test", "page"));
            if (!botFirst) {
                Conditions.await("the page to join", Conditions.GENEROUS,
                        () -> browser.script("return window.peerstack.state.selfId") != null, () -> "not joined");
            }
            try (Room late = botFirst ? null : Room.join(options, engine, bot)) {
                Conditions.await("the bot to record the page for 4 s", Conditions.GENEROUS,
                        () -> bot.active().stream().anyMatch(r -> r.duration().toMillis() >= 4000 && r.bytes() > 0),
                        bot::status);
                assertThat(engine.openConnections()).isNotEmpty();
                for (RTCPeerConnection pc : engine.openConnections()) {
                    assertThat(pc.getSenders()).as("the record bot sends no track").extracting(RTCRtpSender::track)
                            .containsOnlyNulls();
                }
                bot.close();
            }
        }
        List<ParticipantRecording> finished = bot.finished();
        assertThat(finished).hasSize(1);
        ParticipantRecording recording = finished.get(0);
        assertThat(recording.error()).isEmpty();
        assertThat(recording.participant()).isEqualTo("page");
        assertThat(Files.size(recording.file())).isEqualTo(recording.bytes()).isGreaterThan(20_000);

        MediaCheck check = MediaCheck.of(recording.file());
        assertThat(check.decodes()).as(check.toString()).isTrue();
        assertThat(check.streams()).as(check.toString()).anyMatch(RecordBotRecordsBrowserTest::isFourByThreeVp8)
                .anyMatch(s -> s.startsWith("opus,audio,"));
        assertThat(check.duration()).as(check.toString())
                .isBetween(3.0, recording.duration().toMillis() / 1000.0 + 0.5);
        assertThat(MediaCheckAudio.maxVolumeDb(recording.file())).as("loudest audio sample (dBFS)").isGreaterThan(-40);
        // Digital silence reads -91 dB; Chromium's fake microphone beeps part of each second.
        double mean = MediaCheckAudio.meanVolumeDb(recording.file());
        System.out.printf("[record] %s: mean_volume %.1f dB%n", recording.file().getFileName(), mean);
        assertThat(mean).as("mean audio level (dBFS)").isGreaterThan(-50);
        assertThat(recording.audibleShare()).as("share of audible 10 ms chunks").isGreaterThan(0.05);
    }

    /**
     * A VP8 video stream of the camera's 4:3 shape. The size itself is up to the sender's encoder, which
     * scales down under CPU or bandwidth pressure (320x240 was seen on the loaded test machine).
     */
    static boolean isFourByThreeVp8(String stream) {
        String[] f = stream.split(",");
        return f.length >= 5 && f[0].equals("vp8") && f[1].equals("video")
                && Integer.parseInt(f[2]) >= 160 && Integer.parseInt(f[2]) * 3 == Integer.parseInt(f[3]) * 4;
    }
}
