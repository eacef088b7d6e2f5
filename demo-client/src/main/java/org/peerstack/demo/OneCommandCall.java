package org.peerstack.demo;

import org.peerstack.config.AudioMode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.peerstack.config.PeerstackConfig;
import org.peerstack.recorder.MediaRecorderOptions;
import org.peerstack.rtc.WebRtcEngine;
import org.peerstack.signaling.server.SignalingServer;
import org.peerstack.signaling.server.SignalingServerConfig;

/**
 * The README's first command ({@code ./run-demo}): a real call through the real pieces. It starts the
 * embedded signaling server, a {@code play} bot publishing the fake camera and microphone and a
 * {@code record} bot, which meet in a room and connect; the record bot records the call to a WebM file
 * for the given time. It prints the connect time, the received frame rate and bit rate each second, and
 * the output file, checked with ffprobe when it is installed.
 *
 * <p>The two bots run in this process on one engine in {@code headless} audio mode, which decodes the
 * remote audio the record bot records.
 */
public final class OneCommandCall {

    /** Lowest average decoded frame rate (frames per second) for the call to count as working. */
    public static final double MIN_FPS = 15.0;
    /** Room name used by the call. */
    public static final String ROOM = "one-command-call";

    /**
     * @param seconds   how long to record
     * @param outputDir where the WebM file goes
     * @param out       where the report goes
     * @param engine    a headless-audio engine to use (the caller keeps owning it), or empty for a new one
     */
    public record Options(int seconds, Path outputDir, PrintStream out, Optional<WebRtcEngine> engine) {
        public Options {
            if (seconds < 1 || seconds > 3600) {
                throw new org.peerstack.exc.RangeException("seconds must be within 1..3600, got " + seconds);
            }
        }

        public Options(int seconds, Path outputDir, PrintStream out) {
            this(seconds, outputDir, out, Optional.empty());
        }
    }

    /**
     * What the call measured.
     *
     * @param connect    time from the record bot's join to its connection being {@code connected}
     * @param fps        average decoded frame rate at the record bot
     * @param bitrate    average received bit rate at the record bot (bits per second)
     * @param recording  the finished recording
     * @param check      the FFmpeg check of the file, when FFmpeg is installed
     */
    public record Result(Duration connect, double fps, double bitrate, ParticipantRecording recording,
                         Optional<MediaCheck> check) {
        /** Whether the call worked: media at {@link #MIN_FPS}, a non-empty file, and a clean FFmpeg check if any. */
        public boolean ok() {
            return fps >= MIN_FPS && recording.bytes() > 0 && recording.error().isEmpty()
                    && check.map(c -> c.decodes() && c.has("video", "vp8") && c.has("audio", "opus")).orElse(true);
        }
    }

    private OneCommandCall() {
    }

    /**
     * Runs the call.
     *
     * @throws CallFailedException when the bots do not connect or nothing gets recorded in time
     */
    public static Result run(Options options) throws IOException, InterruptedException {
        PrintStream out = options.out();
        PeerstackConfig config = DemoConfig.load(AudioMode.HEADLESS);
        long connectTimeoutMs = config.webrtc().connectTimeoutMs();
        String network = "private".equals(System.getenv("PEERSTACK_NETNS"))
                ? "private network namespace (veth 127.0.1.1 <-> 127.0.1.2)" : "host network";
        out.printf("peerstack call: embedded signaling server, play bot (fake camera %dx%d@%.0f + fake microphone)"
                        + " -> record bot (WebM), %d s, %s%n", config.media().fakeCameraWidth(),
                config.media().fakeCameraHeight(), config.media().fakeCameraFrameRate(), options.seconds(), network);
        try (SignalingServer server = SignalingServer.start(SignalingServerConfig.of(Map.of(
                     "server.host", "127.0.0.1", "server.port", "0", "http.static-dir", "")));
             EngineLease lease = new EngineLease(options.engine().orElseGet(() -> WebRtcEngine.create(config)),
                     options.engine().isEmpty());
             MediaSources media = MediaSources.fake(config);
             RecordBot recorder = new RecordBot(options.outputDir(), ROOM, MediaRecorderOptions.defaults())) {
            out.printf("  signaling server       %s%n", server.uri());
            WebRtcEngine engine = lease.engine();
            try (Room record = Room.join(Room.Options.of(server.uri(), ROOM, "record"), engine, recorder);
                 Room play = Room.join(Room.Options.of(server.uri(), ROOM, "play"), engine, new PlayBot(media.stream()))) {
                Peer peer = awaitConnected(record, connectTimeoutMs);
                Duration connect = peer.connectTime().orElseThrow();
                out.printf("  connected              %.1f ms (record bot joined -> peer connection connected)%n",
                        connect.toNanos() / 1e6);
                awaitRecording(recorder, connectTimeoutMs);

                out.printf("  each second            frames and bits the record bot received | %s%n",
                        ParticipantRecording.PROGRESS_LEGEND);
                CallStats first = stats(peer);
                CallStats previous = first;
                for (int s = 1; s <= options.seconds(); s++) {
                    Thread.sleep(1000);
                    CallStats now = stats(peer);
                    out.printf("  t=%3ds  received %5.1f fps %12s | %s%n", s, now.fpsSince(previous),
                            CallStats.bitrate(now.receiveBitrateSince(previous)), recorder.status());
                    previous = now;
                }
                double fps = previous.fpsSince(first);
                double bitrate = previous.receiveBitrateSince(first);
                recorder.close();
                ParticipantRecording recording = recorder.finished().get(0);
                Optional<MediaCheck> check = MediaCheck.available()
                        ? Optional.of(MediaCheck.of(recording.file())) : Optional.empty();
                Result result = new Result(connect, fps, bitrate, recording, check);
                report(out, result);
                return result;
            }
        }
    }

    static void report(PrintStream out, Result result) {
        ParticipantRecording r = result.recording();
        out.printf("  average                %.1f fps decoded, %s received%n", result.fps(), CallStats.bitrate(result.bitrate()));
        out.printf("  recording              %s%n", r.file().toAbsolutePath());
        out.printf("                         %s, %.2f MB, %.1f s recorded%s%n", r.mimeType(), r.bytes() / 1e6,
                r.duration().toMillis() / 1000.0, r.error().map(e -> ", ERROR " + e).orElse(""));
        out.printf("  check                  %s%n", result.check().map(c -> "ffprobe: " + c)
                .orElse("skipped (ffprobe not installed; apt-get install ffmpeg)"));
        out.println(result.ok() ? "RESULT: OK, the call worked"
                : "RESULT: FAILED (need >= " + MIN_FPS + " fps, a non-empty recording and a clean check)");
    }

    private static CallStats stats(Peer peer) throws InterruptedException {
        try {
            return CallStats.of(peer.pc().getStats().get(10, TimeUnit.SECONDS));
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new CallFailedException("getStats failed: " + e);
        }
    }

    private static Peer awaitConnected(Room room, long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (System.nanoTime() < deadline) {
            List<Peer> peers = room.peers();
            for (Peer peer : peers) {
                if (peer.connectTime().isPresent()) {
                    return peer;
                }
            }
            Thread.sleep(5);
        }
        throw new CallFailedException("the bots did not connect within " + timeoutMs
                + " ms (no usable network interface? libwebrtc ignores loopback)");
    }

    private static void awaitRecording(RecordBot recorder, long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (recorder.active().isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new CallFailedException("the record bot did not start recording within " + timeoutMs + " ms");
            }
            Thread.sleep(10);
        }
    }

    /** Closes the engine only when the call created it. */
    private record EngineLease(WebRtcEngine engine, boolean owned) implements AutoCloseable {
        @Override
        public void close() {
            if (owned) {
                engine.close();
            }
        }
    }
}
