package org.peerstack.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerstack.exc.NotFoundException;
import org.peerstack.testing.EventRecorder;
import org.peerstack.testing.FrameProbe;
import org.peerstack.testing.MediaFiles;
import org.peerstack.testing.TestMedia;

/** Media files (Y4M, WAV, MP4 made by ffmpeg) played as a camera and a microphone through MediaDevices. */
class FileSourceTest {

    @TempDir
    Path dir;
    private final EventRecorder recorder = new EventRecorder();
    private MediaDevices devices;

    @AfterEach
    void tearDown() {
        if (devices != null) {
            devices.close();
        }
        recorder.assertExhausted();
    }

    /** Writes {@code frames} 32x16 frames at 50 fps whose luma equals 20 + 10 * frame index. */
    private Path y4m(int frames) throws IOException {
        Path file = dir.resolve("clip.y4m");
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write("YUV4MPEG2 W32 H16 F50:1 Ip A1:1 C420jpeg\n".getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < frames; i++) {
                out.write("FRAME\n".getBytes(StandardCharsets.US_ASCII));
                byte[] y = new byte[32 * 16];
                java.util.Arrays.fill(y, (byte) (20 + 10 * (i % 20)));
                out.write(y);
                byte[] uv = new byte[16 * 8 * 2];
                java.util.Arrays.fill(uv, (byte) 128);
                out.write(uv);
            }
        }
        return file;
    }

    /** Writes {@code chunks} x 10 ms of 16 kHz stereo 16-bit PCM, every sample 1234. */
    private Path wav(int chunks) throws IOException {
        int frames = 160 * chunks;
        ByteBuffer b = ByteBuffer.allocate(44 + frames * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x46464952).putInt(36 + frames * 4).putInt(0x45564157);
        b.putInt(0x20746d66).putInt(16).putShort((short) 1).putShort((short) 2).putInt(16_000).putInt(16_000 * 4)
                .putShort((short) 4).putShort((short) 16);
        b.putInt(0x61746164).putInt(frames * 4);
        for (int i = 0; i < frames * 2; i++) {
            b.putShort((short) 1234);
        }
        Path file = dir.resolve("tone.wav");
        Files.write(file, b.array());
        return file;
    }

    private MediaDevices files(Path camera, Path microphone, boolean loop) {
        return MediaDevices.create(TestMedia.withMedia(TestMedia.defaults().media().withFiles(
                camera == null ? "" : camera.toString(), microphone == null ? "" : microphone.toString(), loop)),
                Map.of());
    }

    @Test
    void aY4mFilePlaysAsACameraWithItsSizeAndRate() throws IOException {
        devices = files(y4m(3), null, true);
        MediaStreamTrack camera = devices.getUserMedia(MediaStreamConstraints.of(false, true)).join()
                .getVideoTracks().get(0);
        assertThat(camera.getSettings().width()).hasValue(32);
        assertThat(camera.getSettings().frameRate()).hasValue(50.0);
        int[] luma = new int[8];
        int[] n = {0};
        FrameProbe probe = new FrameProbe();
        camera.addVideoSink(frame -> {
            if (n[0] < luma.length) {
                luma[n[0]++] = frame.dataY().get(0) & 0xff;
            }
            probe.onFrame(frame);
        });
        for (int i = 0; i < 5; i++) {
            assertThat(probe.nextFrame().height()).isEqualTo(16);
        }
        assertThat(luma[1] - luma[0]).as("consecutive frames").isIn(10, -20);
        assertThat(new int[] {luma[0], luma[1], luma[2], luma[3], luma[4]}).as("looping").contains(20, 30, 40);
        camera.stop();
    }

    @Test
    void withoutLoopTheCameraEndsAtEndOfFileAndFiresEndedOnce() throws IOException {
        devices = files(y4m(150), null, false); // 3 s: the listener is registered long before the end
        MediaStreamTrack camera = devices.getUserMedia(MediaStreamConstraints.of(false, true)).join()
                .getVideoTracks().get(0);
        recorder.listen(camera, MediaStreamTrack.ENDED);
        recorder.nextEvent(MediaStreamTrack.ENDED);
        assertThat(camera.readyState()).isEqualTo(MediaStreamTrackState.ENDED);
    }

    @Test
    void aWavFilePlaysAsAMicrophoneIn10msChunks() throws IOException {
        devices = files(null, wav(5), true);
        MediaStreamTrack mic = devices.getUserMedia(MediaStreamConstraints.of(true, false)).join()
                .getAudioTracks().get(0);
        assertThat(mic.getSettings().sampleRate()).hasValue(16_000);
        assertThat(mic.getSettings().channelCount()).hasValue(2);
        FrameProbe probe = new FrameProbe();
        mic.addAudioSink(probe);
        AudioData chunk = probe.nextAudio();
        assertThat(chunk.frameCount()).isEqualTo(160);
        assertThat(chunk.channelCount()).isEqualTo(2);
        assertThat(chunk.samples().get(1)).isEqualTo((short) 1234);
        mic.stop();
    }

    @Test
    void withoutLoopTheMicrophoneEndsAtEndOfFile() throws IOException {
        devices = files(null, wav(300), false); // 3 s: the listener is registered long before the end
        MediaStreamTrack mic = devices.getUserMedia(MediaStreamConstraints.of(true, false)).join()
                .getAudioTracks().get(0);
        recorder.listen(mic, MediaStreamTrack.ENDED);
        recorder.nextEvent(MediaStreamTrack.ENDED);
    }

    @Test
    void aMalformedFileIsLeftOutSoGetUserMediaIsNotFound() throws IOException {
        Path junk = dir.resolve("junk.y4m");
        Files.writeString(junk, "not a video");
        devices = files(junk, dir.resolve("missing.wav"), true);
        assertThat(devices.enumerateDevices().join()).isEmpty();
        CompletionException e = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class,
                () -> devices.getUserMedia(MediaStreamConstraints.of(false, true)).join());
        assertThat(e).hasCauseInstanceOf(NotFoundException.class);
    }

    @Test
    void aFileDeviceAppearingFiresDevicechange() throws IOException {
        Path later = dir.resolve("later.wav");
        devices = MediaDevices.create(TestMedia.withMedia(TestMedia.defaults().media()
                .withFiles("", later.toString(), true).withDevicePollMs(100)), Map.of());
        recorder.listen(devices, MediaDevices.DEVICE_CHANGE);
        assertThat(devices.enumerateDevices().join()).isEmpty();
        Files.move(wav(2), later);
        recorder.nextEvent(MediaDevices.DEVICE_CHANGE);
        assertThat(devices.enumerateDevices().join()).singleElement()
                .satisfies(d -> assertThat(d.kind()).isEqualTo(MediaDeviceKind.AUDIO_INPUT));
    }

    @Test
    void deviceIdChoosesAmongSeveralCameras() throws IOException {
        devices = MediaDevices.create(TestMedia.withMedia(TestMedia.defaults().media().withFakeDevices(true)
                .withFiles(y4m(2).toString(), "", true)), Map.of());
        java.util.List<MediaDeviceInfo> cameras = devices.enumerateDevices().join().stream()
                .filter(d -> d.kind() == MediaDeviceKind.VIDEO_INPUT).toList();
        assertThat(cameras).extracting(MediaDeviceInfo::label).containsExactly("clip.y4m", "Fake camera");
        for (MediaDeviceInfo camera : cameras) {
            MediaStreamTrack track = devices.getUserMedia(MediaStreamConstraints.newBuilder()
                    .video(MediaTrackConstraints.newBuilder().deviceId(ConstrainDOMString.exact(camera.deviceId()))
                            .build()).build()).join().getVideoTracks().get(0);
            assertThat(track.label()).isEqualTo(camera.label());
            assertThat(track.getSettings().deviceId()).contains(camera.deviceId());
            track.stop();
        }
    }

    @Test
    void aConstraintOnlyOneCameraMeetsPicksThatCamera() throws IOException {
        devices = MediaDevices.create(TestMedia.withMedia(TestMedia.defaults().media().withFakeDevices(true)
                .withFiles(y4m(2).toString(), "", true)), Map.of());
        MediaStreamTrack track = devices.getUserMedia(MediaStreamConstraints.newBuilder()
                .video(MediaTrackConstraints.newBuilder().width(ConstrainULong.min(100)).build()).build())
                .join().getVideoTracks().get(0);
        assertThat(track.label()).isEqualTo("Fake camera");
        track.stop();
    }
    @Test
    void oneMp4PlaysAsCameraAndMicrophoneAndBothEnd() throws Exception {
        Path mp4 = MediaFiles.make(dir, "both.mp4", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=30:duration=1",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=1", "-c:v", "libx264",
                "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest");
        devices = files(mp4, mp4, false);
        assertThat(devices.enumerateDevices().join()).extracting(MediaDeviceInfo::kind)
                .containsExactlyInAnyOrder(MediaDeviceKind.AUDIO_INPUT, MediaDeviceKind.VIDEO_INPUT);
        MediaStream stream = devices.getUserMedia(MediaStreamConstraints.of(true, true)).join();
        MediaStreamTrack mic = stream.getAudioTracks().get(0);
        MediaStreamTrack camera = stream.getVideoTracks().get(0);
        assertThat(mic.getSettings().sampleRate()).hasValue(48_000);
        assertThat(camera.getSettings().width()).hasValue(320);
        FrameProbe probe = new FrameProbe();
        camera.addVideoSink(probe);
        mic.addAudioSink(probe);
        recorder.listen(camera, MediaStreamTrack.ENDED);
        recorder.listen(mic, MediaStreamTrack.ENDED);
        assertThat(probe.nextFrame().width()).isEqualTo(320);
        assertThat(probe.nextAudio().frameCount()).isEqualTo(480);
        recorder.nextEvent(MediaStreamTrack.ENDED);
        recorder.nextEvent(MediaStreamTrack.ENDED);
    }

    @Test
    void getUserMediaNamesWhyAFileHasNoMicrophone() throws Exception {
        Path silent = MediaFiles.make(dir, "silent.webm", "-f", "lavfi", "-i",
                "testsrc2=size=64x48:rate=10:duration=1", "-c:v", "libvpx");
        devices = files(silent, silent, true);
        CompletionException e = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class,
                () -> devices.getUserMedia(MediaStreamConstraints.of(true, false)).join());
        assertThat(e.getCause()).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("silent.webm is unusable: it has no audio stream FFmpeg can decode");
        devices.getUserMedia(MediaStreamConstraints.of(false, true)).join().getVideoTracks().get(0).stop();
    }
}
