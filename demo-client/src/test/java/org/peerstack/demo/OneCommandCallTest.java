package org.peerstack.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command end to end, in process: server, play bot and record bot connect, and the
 * WebM file holds VP8 video of the fake camera's 4:3 shape and Opus audio for about the requested time,
 * decodable frame by frame, and the fake microphone's beeps are audible in it.
 */
@Timeout(180)
class OneCommandCallTest {

    @Test
    void playAndRecordBotsConnectThroughTheServerAndRecordADecodableWebm(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        OneCommandCall.Result result = OneCommandCall.run(new OneCommandCall.Options(4, dir,
                new PrintStream(printed, true, StandardCharsets.UTF_8), java.util.Optional.of(TestEngine.get())));
        String report = printed.toString(StandardCharsets.UTF_8);

        assertThat(result.ok()).as(report).isTrue();
        assertThat(result.fps()).as(report).isGreaterThanOrEqualTo(OneCommandCall.MIN_FPS);
        assertThat(result.connect().toMillis()).isPositive();
        Path file = result.recording().file();
        assertThat(file).startsWith(dir).hasExtension("webm");
        assertThat(Files.size(file)).isEqualTo(result.recording().bytes()).isGreaterThan(50_000);
        assertThat(report).contains("connected", "fps", "Mbit/s", file.toAbsolutePath().toString(), "RESULT: OK");

        MediaCheck check = MediaCheck.of(file);
        assertThat(check.decodes()).as(check.toString()).isTrue();
        assertThat(check.streams()).anyMatch(RecordBotRecordsBrowserTest::isFourByThreeVp8)
                .anyMatch(s -> s.startsWith("opus,audio,"));
        assertThat(check.duration()).as(check.toString()).isBetween(3.0, 5.5);
        assertThat(MediaCheckAudio.maxVolumeDb(file)).as("loudest audio sample (dBFS): the beeps").isGreaterThan(-30);
    }
}
