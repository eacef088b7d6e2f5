package org.peerstack.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.peerstack.config.AudioMode;
import org.peerstack.config.PeerstackConfig;
import org.peerstack.recorder.MediaRecorderOptions;
import org.peerstack.rtc.RTCPeerConnection;
import org.peerstack.rtc.RTCPeerConnectionState;
import org.peerstack.rtc.WebRtcEngine;
import org.peerstack.signaling.server.SignalingServer;
import org.peerstack.signaling.server.SignalingServerConfig;

/**
 * {@code ./run-demo sfu}: the one-command call through an SFU room. It starts the embedded signaling
 * server with its SFU ({@code sfu.enabled}), a {@code play} bot that publishes the fake camera and
 * microphone once, to the SFU, and a {@code record} bot that receives them from the SFU and records them
 * to a WebM file; both are {@link SfuCall}s in the SFU room {@value #ROOM}. It prints the time until media
 * flows, the received frame rate and bit rate each second, and the file, checked with ffprobe when it is
 * installed. Both bots share one engine in {@code headless} audio mode (see {@link OneCommandCall}).
 *
 * <p>The SFU's UDP socket needs an address libwebrtc uses (it ignores loopback): the private namespace's
 * veth address {@value #NETNS_ADDRESS} when run there, else the machine's first non-loopback IPv4 address.
 */
public final class SfuOneCommandCall {

    /** Room name used by the call (an SFU room by the server's {@code sfu.rooms}). */
    public static final String ROOM = "sfu-call";
    /** The SFU's address inside the private network namespace ./run-demo uses. */
    public static final String NETNS_ADDRESS = "127.0.1.1";

    private SfuOneCommandCall() {
    }

    /**
     * Runs the call.
     *
     * @throws CallFailedException when media does not flow or nothing gets recorded in time
     */
    public static OneCommandCall.Result run(OneCommandCall.Options options) throws IOException, InterruptedException {
        PrintStream out = options.out();
        PeerstackConfig config = DemoConfig.load(AudioMode.HEADLESS);
        long connectTimeoutMs = config.webrtc().connectTimeoutMs();
        boolean netns = "private".equals(System.getenv("PEERSTACK_NETNS"));
        String address = netns ? NETNS_ADDRESS : hostAddress();
        out.printf("peerstack SFU call: embedded signaling server with its SFU on %s, play bot (fake camera %dx%d@%.0f"
                        + " + fake microphone) -> SFU room '%s' -> record bot (WebM), %d s, %s%n", address,
                config.media().fakeCameraWidth(), config.media().fakeCameraHeight(), config.media().fakeCameraFrameRate(),
                ROOM, options.seconds(), netns ? "private network namespace" : "host network");
        Path yaml = Files.createTempFile("peerstack-sfu-call", ".yaml");
        SignalingServer server;
        try {
            Files.writeString(yaml, String.join("\n",
                    "server: {host: 127.0.0.1, port: 0}",
                    "http: {static-dir: \"\"}",
                    "sfu: {enabled: true, bind-address: \"" + address + "\", port: 0, rooms: [\"" + ROOM + "\"]}",
                    // the server also records the room from its packets (no decoding), beside the record bot's file
                    "recording: {rooms: [\"" + ROOM + "\"], dir: \"" + options.outputDir().toAbsolutePath().toString()
                            .replace("\\", "\\\\").replace("\"", "\\\"") + "\"}", ""));
            server = SignalingServer.start(SignalingServerConfig.load(yaml));
        } finally {
            Files.delete(yaml);
        }
        WebRtcEngine own = options.engine().isEmpty() ? WebRtcEngine.create(config) : null;
        WebRtcEngine engine = options.engine().orElse(own);
        OneCommandCall.Result result;
        try (server;
             MediaSources media = MediaSources.fake(config);
             RecordBot recorder = new RecordBot(options.outputDir(), ROOM, MediaRecorderOptions.defaults())) {
            out.printf("  signaling server       %s%n", server.uri());
            long joined = System.nanoTime();
            try (SfuCall record = SfuCall.join(Room.Options.of(server.uri(), ROOM, "record"), engine, recorder, null);
                 SfuCall play = SfuCall.join(Room.Options.of(server.uri(), ROOM, "play"), engine,
                         new PlayBot(media.stream()), media.stream())) {
                Peer peer = awaitConnected(record, connectTimeoutMs);
                Duration connect = Duration.ofNanos(System.nanoTime() - joined);
                out.printf("  connected              %.1f ms (record bot joined -> receiving the play bot from the SFU)%n",
                        connect.toNanos() / 1e6);
                awaitRecording(recorder, connectTimeoutMs);
                out.printf("  each second            frames and bits the record bot received from the SFU | %s%n",
                        ParticipantRecording.PROGRESS_LEGEND);
                CallStats first = stats(peer.pc());
                CallStats previous = first;
                for (int s = 1; s <= options.seconds(); s++) {
                    Thread.sleep(1000);
                    CallStats now = stats(peer.pc());
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
                result = new OneCommandCall.Result(connect, fps, bitrate, recording, check);
            }
            reportPassthrough(out, server);
            OneCommandCall.report(out, result);
            return result;
        } finally {
            if (own != null) {
                own.close();
            }
        }
    }

    /**
     * The server's passthrough recording of the room (config {@code recording.rooms}): finalised once the
     * play bot left (bounded by {@link org.peerstack.signaling.server.recording.RoomRecordings#CLOSE_TIMEOUT_MS}),
     * then checked with ffprobe when it is installed.
     */
    private static void reportPassthrough(PrintStream out, SignalingServer server) throws IOException, InterruptedException {
        var recordings = server.recordings().orElseThrow();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(
                org.peerstack.signaling.server.recording.RoomRecordings.CLOSE_TIMEOUT_MS);
        while (recordings.runningCount() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        for (Path file : recordings.files()) {
            out.printf("  passthrough recording  %s (the server's copy from the SFU's packets, no re-encoding)%n", file);
            if (MediaCheck.available()) {
                out.printf("                         %s%n", MediaCheck.of(file));
            }
        }
    }

    /** The first non-loopback IPv4 address of an interface that is up. */
    private static String hostAddress() throws SocketException {
        for (NetworkInterface nic : java.util.Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            for (InetAddress a : java.util.Collections.list(nic.getInetAddresses())) {
                if (a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
                    return a.getHostAddress();
                }
            }
        }
        throw new CallFailedException("no non-loopback IPv4 address for the SFU (libwebrtc ignores loopback);"
                + " run it through ./run-demo sfu, which uses a private network namespace");
    }

    private static CallStats stats(RTCPeerConnection pc) throws InterruptedException {
        try {
            return CallStats.of(pc.getStats().get(10, TimeUnit.SECONDS));
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new CallFailedException("getStats failed: " + e);
        }
    }

    private static Peer awaitConnected(SfuCall call, long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (System.nanoTime() < deadline) {
            for (Peer peer : call.peers()) {
                if (peer.pc().connectionState() == RTCPeerConnectionState.CONNECTED) {
                    return peer;
                }
            }
            Thread.sleep(5);
        }
        throw new CallFailedException("the record bot received nothing from the SFU within " + timeoutMs
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
}
