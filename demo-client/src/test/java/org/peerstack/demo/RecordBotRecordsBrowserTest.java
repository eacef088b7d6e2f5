package org.peerstack.demo;

import org.peerstack.config.AudioMode;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerstack.recorder.MediaRecorderOptions;
import org.peerstack.signaling.server.SignalingServer;

/**
 * The {@code record} bot records the demo page in headless Chromium (fake camera and beeping
 * microphone): the file holds VP8 video of the camera's shape and Opus audio, decodes frame by frame,
 * lasts about as long as the recording ran, and its audio is not silence.
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
        try (MediaSources silence = MediaSources.silentMicrophone(DemoConfig.load(AudioMode.HEADLESS));
             SignalingServer server = DemoServer.start()) {
            record(new RecordBot(dir, "browser", MediaRecorderOptions.defaults(), silence.stream()), server, botFirst);
        }
    }

    private static void record(RecordBot bot, SignalingServer server, boolean botFirst) throws Exception {
        Room.Options options = Room.Options.of(server.uri(), "record-test", "record-bot");
        try (Chromium browser = new Chromium();
             Room room = botFirst ? Room.join(options, TestEngine.get(), bot) : null) {
            browser.open(DemoServer.page(server, "record-test", "page"));
            if (!botFirst) {
                Conditions.await("the page to join", Conditions.GENEROUS,
                        () -> browser.script("return window.peerstack.state.selfId") != null, () -> "not joined");
            }
            try (Room late = botFirst ? null : Room.join(options, TestEngine.get(), bot)) {
                Conditions.await("the bot to record the page for 4 s", Conditions.GENEROUS,
                        () -> bot.active().stream().anyMatch(r -> r.duration().toMillis() >= 4000 && r.bytes() > 0),
                        bot::status);
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
