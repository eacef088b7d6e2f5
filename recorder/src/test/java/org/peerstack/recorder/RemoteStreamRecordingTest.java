package org.peerstack.recorder;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerstack.config.PeerstackConfig;
import org.peerstack.event.Event;
import org.peerstack.internal.recorder.Ffprobe;
import org.peerstack.internal.recorder.MediaProbe;
import org.peerstack.internal.recorder.Recordings;
import org.peerstack.media.MediaDevices;
import org.peerstack.media.MediaStream;
import org.peerstack.media.MediaStreamConstraints;
import org.peerstack.media.MediaStreamTrack;
import org.peerstack.rtc.Negotiation;
import org.peerstack.rtc.RTCConfiguration;
import org.peerstack.rtc.RTCPeerConnection;
import org.peerstack.rtc.WebRtcEngine;
import org.peerstack.testing.EventRecorder;
import org.peerstack.testing.NetworkNamespace;

/**
 * Records a stream received over a real peer connection: fake camera and microphone on connection A,
 * sent to connection B in the same JVM (inside the test's private network namespace), B's remote stream
 * recorded to WebM for about 3 s and checked with ffprobe and a full decode.
 */
class RemoteStreamRecordingTest {

    private static final long RECORD_MS = 3000;

    private static WebRtcEngine engine;
    private static MediaDevices devices;

    @TempDir
    Path dir;

    @BeforeAll
    static void engine() {
        NetworkNamespace.announce();
        PeerstackConfig config = PeerstackConfig.loader().load(Optional.empty(), Map.of(
                "peerstack.media.fake-devices", "true",
                "peerstack.media.fake-camera-width", "320",
                "peerstack.media.fake-camera-height", "240",
                "peerstack.webrtc.audio-mode", "headless"), Map.of());
        engine = WebRtcEngine.create(config);
        devices = MediaDevices.create(config, Map.of());
    }

    @AfterAll
    static void release() {
        engine.close();
        devices.close();
    }

    @Test
    void aRemoteAudioVideoStreamRecordsToAPlayableWebmFile() throws Exception {
        RTCPeerConnection a = engine.createPeerConnection(RTCConfiguration.newBuilder().build());
        RTCPeerConnection b = engine.createPeerConnection(RTCConfiguration.newBuilder().build());
        MediaStream local = devices.getUserMedia(MediaStreamConstraints.of(true, true)).get(20, TimeUnit.SECONDS);
        try {
            for (MediaStreamTrack t : local.getTracks()) {
                a.addTrack(t, local);
            }
            CompletableFuture<MediaStream> remote = new CompletableFuture<>();
            b.addEventListener(RTCPeerConnection.TRACK, e -> {
                if (!e.streams().isEmpty() && e.streams().get(0).getTracks().size() == 2) {
                    remote.complete(e.streams().get(0));
                }
            });
            Negotiation.connect(a, b);
            MediaStream received = remote.get(Negotiation.TIMEOUT.toSeconds(), TimeUnit.SECONDS);

            try (MediaRecorder recorder = new MediaRecorder(received, MediaRecorderOptions.defaults(), Recorded.RECORDER)) {
                EventRecorder events = Recorded.listen(recorder);
                recorder.start(1000);
                Thread.sleep(RECORD_MS);
                recorder.stop();
                List<Event> all = Recorded.untilStop(events);
                events.assertExhausted();
                assertThat(Recorded.names(all)).doesNotContain("error").startsWith("start").endsWith("stop");
                List<BlobEvent> chunks = Recorded.data(all);
                Recorded.assertContainerBoundaries(recorder.mimeType(), chunks);
                Path file = Recorded.save(dir, "remote.webm", chunks);

                Ffprobe.Result probe = Ffprobe.probe(file);
                assertThat(probe.streams()).hasSize(2);
                assertThat(probe.stream("video").codecName()).isEqualTo("vp8");
                assertThat(probe.stream("audio").codecName()).isEqualTo("opus");
                MediaProbe.Report report = MediaProbe.analyze(file);
                assertThat(report.video().frames).as("decoded video frames").isGreaterThan(30);
                assertThat(report.video().decodeErrors + report.audio().decodeErrors).isZero();
                assertThat(report.video().endMs).as("video length (ms)").isBetween(RECORD_MS - 700, RECORD_MS + 700);
                assertThat(report.audio().endMs).as("audio length (ms)").isBetween(RECORD_MS - 700, RECORD_MS + 700);
                Recordings.assertCleanDecode(file);
            }
        } finally {
            a.close();
            b.close();
            local.getTracks().forEach(MediaStreamTrack::stop);
        }
    }
}
