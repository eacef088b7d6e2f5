package org.peerstack.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerstack.config.AudioMode;
import org.peerstack.media.MediaStreamTrack;
import org.peerstack.rtc.RTCConfiguration;
import org.peerstack.rtc.RTCPeerConnection;
import org.peerstack.signaling.server.SignalingServer;
import org.peerstack.whip.WhipClient;

/**
 * {@code record --passthrough} on the command line, in a child JVM (same network namespace): the bot
 * records a real publisher (a play bot of this JVM, libwebrtc, fake camera + microphone, in an SFU room)
 * without libwebrtc and without decoding, from the SFU room over signaling ({@code --sfu}) and from the
 * server's WHEP endpoint ({@code --whep URL}). Each file it prints is checked with ffprobe (codecs, decoded
 * frames) and decoded in full by {@code ffmpeg -xerror}.
 */
@Timeout(150)
class PassthroughRecordCliTest {

    @Test
    void recordPassthroughInAnSfuRoom(@TempDir Path dir) throws Exception {
        try (SignalingServer server = DemoServer.startWithSfu()) {
            try (MediaSources media = MediaSources.fake(DemoConfig.load(AudioMode.HEADLESS));
                 SfuCall play = SfuCall.join(Room.Options.of(server.uri(), "pass-room", "play-bot"), TestEngine.get(),
                         new PlayBot(media.stream()), media.stream())) {
                recordAndCheck(dir, "play-bot", "--sfu", "--server", server.uri().toString(), "--room", "pass-room");
            }
        }
    }

    @Test
    void recordPassthroughFromAWhepUrl(@TempDir Path dir) throws Exception {
        try (SignalingServer server = DemoServer.startWithSfu()) {
            // a libwebrtc publisher over WHIP (WHEP plays what WHIP publishes)
            try (MediaSources media = MediaSources.fake(DemoConfig.load(AudioMode.HEADLESS))) {
                RTCPeerConnection pc = TestEngine.get().createPeerConnection(RTCConfiguration.newBuilder().build());
                try {
                    for (MediaStreamTrack t : media.stream().getTracks()) {
                        pc.addTrack(t, media.stream());
                    }
                    try (WhipClient whip = WhipClient.publish(pc, server.httpUri().resolve("/whip/whep-room"), null).get(30, TimeUnit.SECONDS)) {
                        recordAndCheck(dir, "whep-room", "--whep", server.httpUri().resolve("/whep/whep-room").toString());
                    }
                } finally {
                    pc.close();
                }
            }
        }
    }

    /** Runs the bot until it wrote 240 frames, stops it with SIGTERM and checks the file it printed for {@code who}. */
    private static void recordAndCheck(Path dir, String who, String... where) throws Exception {
        {
            List<String> args = new ArrayList<>(List.of("record", "--passthrough", "--output", dir.toString(), "--seconds", "90",
                    "--status-ms", "500"));
            args.addAll(List.of(where));
            Process bot = cli(args);
            try {
                List<String> lines = collect(bot);
                // recording for a while (240 frames: about 3 s of 30 fps video and 50 Opus frames per second), then Ctrl-C (SIGTERM): the bot finishes its file
                Conditions.await("240 frames recorded", Conditions.GENEROUS, () -> lines.stream().anyMatch(l -> framesIn(l) >= 240),
                        lines::toString);
                bot.toHandle().destroy(); // SIGTERM; Process.destroy() would also close the bot's output before we read it
                assertThat(bot.waitFor(60, TimeUnit.SECONDS)).as("record bot exited; output: %s", lines).isTrue();
                assertThat(bot.exitValue()).as(lines.toString()).isIn(0, 143);
                Conditions.await("the file line", Conditions.GENEROUS,
                        () -> lines.stream().anyMatch(l -> l.startsWith("[record] " + who) && l.contains(" -> ")), lines::toString);
                System.out.println("PassthroughRecordCliTest: " + lines);
                String line = lines.stream().filter(l -> l.startsWith("[record] " + who) && l.contains(" -> ")).findFirst().orElseThrow();
                assertThat(line).doesNotContain("ERROR");
                assertThat(lines).noneMatch(l -> l.contains("libwebrtc") || l.contains("WebRtcEngine"));
                Path file = Path.of(line.substring(line.indexOf(" -> ") + 4, line.indexOf(" (")));
                MediaCheck check = MediaCheck.of(file);
                assertThat(check.decodes()).as(check.toString()).isTrue();
                assertThat(check.has("video", "vp8")).as(check.toString()).isTrue();
                assertThat(check.has("audio", "opus")).as(check.toString()).isTrue();
                assertThat(check.duration()).as(check.toString()).isGreaterThan(2.0);
                assertThat(decodeErrors(file)).as("ffmpeg -xerror decode of " + file).isEmpty();
            } finally {
                bot.destroyForcibly();
            }
        }
    }

    /** Frames written as a status line reports them ("NAME.webm: 93 frames, ..."), or -1. */
    private static long framesIn(String line) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(": ([0-9]+) frames,").matcher(line);
        return line.startsWith("[record passthrough] ") && m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    /**
     * Errors of a full decode with {@code ffmpeg -xerror} (empty when clean). The decoded frames keep the
     * file's timestamps ({@code -fps_mode passthrough}) in a millisecond time base: with a guessed frame rate
     * two frames of a variable-rate recording could round to one output timestamp, and the null muxer's
     * "non monotonically increasing dts" then failed the check on a file that decodes clean (1 run in 4).
     */
    static String decodeErrors(Path file) throws Exception {
        Process p = new ProcessBuilder("ffmpeg", "-nostdin", "-v", "error", "-xerror", "-i", file.toString(),
                "-fps_mode", "passthrough", "-enc_time_base", "1:1000", "-f", "null", "-")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return p.exitValue() == 0 ? out : "exit " + p.exitValue() + ": " + out;
    }

    private static Process cli(List<String> args) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                "org.peerstack.demo.cli.DemoCli"));
        command.addAll(args);
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    private static List<String> collect(Process process) {
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (java.io.IOException e) {
                lines.add("read failed: " + e);
            }
        }, "cli-output");
        reader.setDaemon(true);
        reader.start();
        return lines;
    }
}
