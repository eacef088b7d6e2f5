package org.peerstack.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peerstack.demo.CliProcess.cli;
import static org.peerstack.demo.CliProcess.collect;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerstack.config.AudioMode;
import org.peerstack.signaling.server.SignalingServer;

/**
 * {@code --sfu} on the bot command line, in a child JVM (same network namespace): {@code record --sfu}
 * records a play bot of this JVM from the SFU until its status line reports {@value #VIDEO_FRAMES} received
 * video frames, leaves on SIGTERM (as on Ctrl-C) and prints the file it wrote, which ffprobe decodes;
 * {@code play --sfu} into a mesh room fails with the server's {@code room-mode} message and status 2.
 */
@Timeout(120)
class SfuBotCliTest {

    /**
     * Video frames the record bot's recording must have received before the test stops it (about 2 s of the
     * fake camera's 30 fps). The test waits for them, however long the call takes to set up: under load the
     * connection, the SFU and the first keyframe took 2 to 9 s here, so a fixed recording time
     * ({@code --seconds}) ended some recordings before any video came.
     */
    static final int VIDEO_FRAMES = 60;
    private static final Pattern VIDEO_FRAMES_IN_STATUS = Pattern.compile("play-bot's file .*?, ([0-9]+) video frames,");

    @Test
    void recordCommandRecordsFromTheSfu(@TempDir Path dir) throws Exception {
        try (SignalingServer server = DemoServer.startWithSfu();
             MediaSources media = MediaSources.fake(DemoConfig.load(AudioMode.HEADLESS))) {
            // --seconds only as a backstop: the test stops the bot (SIGTERM, as Ctrl-C) once it recorded video
            Process bot = cli("record", "--sfu", "--server", server.uri().toString(), "--room", "cli-room",
                    "--output", dir.toString(), "--seconds", "90", "--status-ms", "500");
            try {
                List<String> lines = collect(bot);
                Conditions.await("the record bot to join the SFU room", Conditions.GENEROUS,
                        () -> lines.stream().anyMatch(l -> l.startsWith("[record] joined SFU room 'cli-room'")), lines::toString);
                try (SfuCall play = SfuCall.join(Room.Options.of(server.uri(), "cli-room", "play-bot"), TestEngine.get(),
                        new PlayBot(media.stream()), media.stream())) {
                    Conditions.await(VIDEO_FRAMES + " video frames in the record bot's recording of play-bot",
                            Conditions.GENEROUS, () -> videoFramesRecorded(lines) >= VIDEO_FRAMES,
                            () -> lines + "; SFU " + server.whip().orElseThrow().sfu().metrics());
                    bot.toHandle().destroy(); // SIGTERM; Process.destroy() would also close the bot's output before we read it
                    assertThat(bot.waitFor(60, TimeUnit.SECONDS)).as("record bot exited; output: %s", lines).isTrue();
                }
                assertThat(bot.exitValue()).as(lines.toString()).isIn(0, 143);
                Conditions.await("the file line", Conditions.GENEROUS,
                        () -> lines.stream().anyMatch(l -> l.startsWith("[record] play-bot -> ")), lines::toString);
                String line = lines.stream().filter(l -> l.startsWith("[record] play-bot -> ")).findFirst().orElseThrow();
                assertThat(line).doesNotContain("ERROR");
                Path file = Path.of(line.substring("[record] play-bot -> ".length(), line.indexOf(" (")));
                MediaCheck check = MediaCheck.of(file);
                assertThat(check.decodes()).as(check + "; record bot: " + lines + "; SFU " + server.whip().orElseThrow().sfu().metrics()).isTrue();
                assertThat(check.streams()).as(check.toString()).anyMatch(s -> s.startsWith("vp8,video,"))
                        .anyMatch(s -> s.startsWith("opus,audio,"));
            } finally {
                bot.destroyForcibly();
            }
        }
    }

    /** The most video frames a status line of the record bot reported for play-bot's recording, or -1. */
    static long videoFramesRecorded(List<String> lines) {
        long most = -1;
        for (String line : lines) {
            Matcher m = VIDEO_FRAMES_IN_STATUS.matcher(line);
            if (m.find()) {
                most = Math.max(most, Long.parseLong(m.group(1)));
            }
        }
        return most;
    }

    @Test
    void sfuIntoAMeshRoomFailsWithRoomMode() throws Exception {
        try (SignalingServer server = DemoServer.startWithSfu();
             Room mesh = Room.join(Room.Options.of(server.uri(), "mesh-room", "mesh-bot"), TestEngine.get(), new Room.Handler() { })) {
            Process bot = cli("play", "--sfu", "--server", server.uri().toString(), "--room", "mesh-room");
            try {
                List<String> lines = collect(bot);
                assertThat(bot.waitFor(60, TimeUnit.SECONDS)).as("play bot exited; output: %s", lines).isTrue();
                assertThat(bot.exitValue()).as(lines.toString()).isEqualTo(2);
                Conditions.await("the error line", Conditions.GENEROUS,
                        () -> lines.stream().anyMatch(l -> l.startsWith("[play] ") && l.contains("'mesh-room' is a mesh room")), lines::toString);
            } finally {
                bot.destroyForcibly();
            }
        }
    }
}
