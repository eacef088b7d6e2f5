package org.peerstack.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peerstack.demo.CliProcess.cli;
import static org.peerstack.demo.CliProcess.collect;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerstack.recorder.MediaRecorderOptions;
import org.peerstack.signaling.server.SignalingServer;

/**
 * A play bot (its own JVM) frozen with SIGSTOP: its signaling connection stays open, so only ICE can tell.
 * The record bot ends that peer when ICE reaches {@code failed} (connection closed, recorder stopped, file
 * finalised) instead of recording silence until the server's idle timeout; {@code disconnected}, which
 * comes first, does not end it.
 */
@Timeout(150)
class FrozenPeerTest {

    /** libwebrtc declares ICE failed some 15-30 s after the last packet; the server's idle timeout is longer. */
    private static final long ENDED_WITHIN_S = 40;
    /** ICE reports disconnected within a few seconds; the recording must outlive that. */
    private static final long NOT_BEFORE_S = 5;

    @Test
    void aFrozenPeerIsEndedWhenIceFailsAndItsFileIsFinalised(@TempDir Path dir) throws Exception {
        RecordBot bot = new RecordBot(dir, "frozen", MediaRecorderOptions.defaults());
        try (SignalingServer server = DemoServer.start();
             Room room = Room.join(Room.Options.of(server.uri(), "frozen", "recorder"), TestEngine.get(), bot)) {
            Process play = cli("play", "--server", server.uri().toString(), "--room", "frozen", "--name", "player");
            List<String> lines = collect(play);
            try {
                Conditions.await("the recording to grow", Conditions.GENEROUS,
                        () -> !bot.active().isEmpty() && bot.active().get(0).bytes() > 20_000,
                        () -> bot.active() + " " + lines);
                assertThat(new ProcessBuilder("kill", "-STOP", Long.toString(play.pid())).start().waitFor()).isZero();
                long frozenAt = System.nanoTime();
                Conditions.await("the frozen peer's recording to end", java.time.Duration.ofSeconds(ENDED_WITHIN_S + 5),
                        () -> !bot.finished().isEmpty(), () -> bot.active() + ", " + room.peers());
                long endedAfterS = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - frozenAt);
                System.out.println("FrozenPeerTest: recording ended " + endedAfterS + " s after SIGSTOP");
                assertThat(endedAfterS).as("seconds from SIGSTOP to the end of the recording")
                        .isBetween(NOT_BEFORE_S, ENDED_WITHIN_S);
                assertThat(room.peers()).as("the frozen peer's connection is gone").isEmpty();
                assertThat(server.websocketCount()).as("its signaling connection is still open").isEqualTo(2);

                ParticipantRecording recording = bot.finished().get(0);
                assertThat(recording.error()).isEmpty();
                assertThat(Files.size(recording.file())).isEqualTo(recording.bytes());
                MediaCheck check = MediaCheck.of(recording.file());
                assertThat(check.decodes()).as(check.toString()).isTrue();
                assertThat(check.duration()).as(check.toString()).isPositive();
            } finally {
                new ProcessBuilder("kill", "-CONT", Long.toString(play.pid())).start().waitFor();
                play.destroyForcibly();
                play.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }
}
