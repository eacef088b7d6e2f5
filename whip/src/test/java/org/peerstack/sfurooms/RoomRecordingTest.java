package org.peerstack.sfurooms;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerstack.config.PeerstackConfig;
import org.peerstack.media.MediaDevices;
import org.peerstack.media.MediaStream;
import org.peerstack.media.MediaStreamConstraints;
import org.peerstack.media.MediaStreamTrack;
import org.peerstack.rtc.RTCConfiguration;
import org.peerstack.rtc.RTCPeerConnection;
import org.peerstack.rtc.RTCPeerConnectionState;
import org.peerstack.rtc.WebRtcEngine;
import org.peerstack.signaling.server.SignalingServer;
import org.peerstack.signaling.server.SignalingServerConfig;
import org.peerstack.signaling.server.recording.RoomRecordings;
import org.peerstack.whip.WhipClient;

/**
 * The server's per-room passthrough recording ({@code recording.rooms}): a real Java member (libwebrtc,
 * fake camera 640x480 + microphone) publishes into an SFU room whose name matches, another into one that
 * does not; when the first leaves, its file is finalised and ffprobe sees VP8 640x480 + Opus that decode
 * whole without an error. A second publisher still in the room at server stop is finalised by the stop.
 * A WHIP publisher (peerstack's WhipClient) of a matching stream is recorded until its DELETE.
 */
class RoomRecordingTest {

    private static final long TIMEOUT_MS = 20_000;

    @TempDir
    Path dir;

    @Test
    void aPublisherInAMatchingRoomIsRecordedUntilItLeavesAndTheServerStopFinalisesTheRest() throws Exception {
        SignalingServer server = SignalingServer.start(SignalingServerConfig.of(Map.of("server.host", SfuRoomMediaTest.ADDRESS,
                "server.port", "0", "http.static-dir", "", "sfu.enabled", "true", "sfu.bind-address", SfuRoomMediaTest.ADDRESS,
                "sfu.port", "0", "recording.rooms", "[\"rec-*\"]", "recording.dir", dir.toString())));
        RoomRecordings recordings = server.recordings().orElseThrow();
        Path leaverFile;
        Path stayerFile;
        try (JavaMember ann = new JavaMember("ann", server.uri()); JavaMember ben = new JavaMember("ben", server.uri());
             JavaMember cyd = new JavaMember("cyd", server.uri())) {
            assertThat(ann.join("rec-1").sfuRoom()).isTrue();
            assertThat(ben.join("rec-1").sfuRoom()).isTrue();
            assertThat(cyd.join("sfu-plain").sfuRoom()).as("a join with sfu: true").isTrue();
            ann.publish();
            ben.publish();
            cyd.publish();
            await(() -> recordings.files().size() == 2, "two recordings started");
            assertThat(recordings.files()).allMatch(f -> f.getFileName().toString().startsWith("rec-1-"))
                    .allMatch(f -> f.toString().endsWith(".webm"));
            Thread.sleep(4_000);
            assertThat(recordings.runningCount()).isEqualTo(2);
            List<Path> before = recordings.files();
            ann.close(); // leaves the room: its publisher ends, its recording finalises itself
            await(() -> recordings.runningCount() == 1, "ann's recording finalised when she left");
            leaverFile = before.stream().filter(f -> !f.equals(stayerOf(recordings, before))).findFirst().orElseThrow();
            stayerFile = stayerOf(recordings, before);
            assertThat(Files.size(leaverFile)).isGreaterThan(10_000);
        } finally {
            server.close();
        }
        assertThat(recordings.runningCount()).as("the server stop finalised ben's recording").isZero();
        try (var files = Files.list(dir)) {
            assertThat(files.count()).as("nothing recorded in sfu-plain").isEqualTo(2);
        }
        for (Path f : List.of(leaverFile, stayerFile)) {
            checkFile(f);
        }
    }

    @Test
    void aWhipPublisherOfAMatchingStreamIsRecordedUntilItsSessionIsDeleted() throws Exception {
        SignalingServer server = SignalingServer.start(SignalingServerConfig.of(Map.of("server.host", SfuRoomMediaTest.ADDRESS,
                "server.port", "0", "http.static-dir", "", "sfu.enabled", "true", "sfu.bind-address", SfuRoomMediaTest.ADDRESS,
                "sfu.port", "0", "recording.rooms", "[\"rec-*\"]", "recording.dir", dir.toString())));
        RoomRecordings recordings = server.recordings().orElseThrow();
        PeerstackConfig config = PeerstackConfig.loader().load(Optional.empty(),
                Map.of("peerstack.media.fake-devices", "true", "peerstack.webrtc.audio-mode", "dummy"), Map.of());
        try (WebRtcEngine engine = WebRtcEngine.create(config)) {
            MediaStream camera = MediaDevices.create(config).getUserMedia(MediaStreamConstraints.of(true, true))
                    .get(10, TimeUnit.SECONDS);
            RTCPeerConnection pc = engine.createPeerConnection(RTCConfiguration.newBuilder().build());
            for (MediaStreamTrack t : camera.getTracks()) {
                pc.addTrack(t, camera);
            }
            CompletableFuture<Void> connected = JavaMember.state(pc, RTCPeerConnectionState.CONNECTED);
            WhipClient client = WhipClient.publish(pc, server.httpUri().resolve("/whip/rec-w"), null).get(20, TimeUnit.SECONDS);
            connected.get(20, TimeUnit.SECONDS);
            await(() -> recordings.runningCount() == 1, "the WHIP publisher is recorded");
            Thread.sleep(4_000);
            client.close(); // DELETE: the session ends, its recording finalises itself
            await(() -> recordings.runningCount() == 0, "the recording finalised after the DELETE");
            pc.close();
            camera.getTracks().forEach(MediaStreamTrack::stop);
        } finally {
            server.close();
        }
        assertThat(recordings.files()).hasSize(1);
        assertThat(recordings.files().get(0).getFileName().toString()).startsWith("rec-w-").endsWith(".webm");
        checkFile(recordings.files().get(0));
    }

    /** ffprobe: VP8 640x480 + Opus, more than 60 packets each; a full decode without an error. */
    private static void checkFile(Path f) throws Exception {
        String streams = run("ffprobe", "-v", "error", "-count_packets", "-show_entries",
                "stream=codec_type,codec_name,width,height,nb_read_packets", "-of", "csv=p=0", f.toString());
        assertThat(streams).as(f + " streams").contains("vp8,video,640,480").contains("opus,audio");
        for (String line : streams.strip().split("\n")) {
            String[] parts = line.split(",");
            assertThat(Long.parseLong(parts[parts.length - 1].strip())).as(f + ": packets of " + line).isGreaterThan(60);
        }
        String errors = run("ffmpeg", "-nostdin", "-v", "error", "-xerror", "-i", f.toString(), "-fps_mode", "passthrough",
                "-enc_time_base", "1:1000", "-f", "null", "-");
        assertThat(errors).as(f + " decodes without an error").isEmpty();
    }

    /** The file still running after ann left (ben's). */
    private static Path stayerOf(RoomRecordings recordings, List<Path> files) {
        return files.stream().filter(f -> recordings.runningPaths().contains(f)).findFirst().orElse(null);
    }

    private static void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.currentTimeMillis() + TIMEOUT_MS;
        while (!condition.getAsBoolean()) {
            assertThat(System.currentTimeMillis()).as("timed out waiting: " + what).isLessThan(end);
            Thread.sleep(50);
        }
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as(String.join(" ", command) + " finished").isTrue();
        return out;
    }
}
