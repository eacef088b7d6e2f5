package org.peerstack.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.peerstack.config.MediaConfig;
import org.peerstack.exc.InvalidStateException;
import org.peerstack.exc.NotAllowedException;
import org.peerstack.exc.NotFoundException;
import org.peerstack.exc.TypeException;
import org.peerstack.testing.EventRecorder;
import org.peerstack.testing.FrameProbe;
import org.peerstack.testing.TestMedia;

class MediaDevicesTest {

    private final EventRecorder recorder = new EventRecorder();
    private MediaDevices devices;

    @AfterEach
    void tearDown() {
        if (devices != null) {
            devices.close();
        }
        recorder.assertExhausted();
    }

    private static Throwable failure(CompletableFuture<?> f) {
        try {
            f.join();
        } catch (CompletionException e) {
            return e.getCause();
        }
        throw new AssertionError("expected a failure");
    }

    @Test
    void enumerateDevicesListsTheFakeMicrophoneAndCameraWithCapabilities() {
        devices = TestMedia.fakeDevices();
        List<MediaDeviceInfo> list = devices.enumerateDevices().join();
        assertThat(list).extracting(MediaDeviceInfo::kind)
                .containsExactly(MediaDeviceKind.AUDIO_INPUT, MediaDeviceKind.VIDEO_INPUT);
        InputDeviceInfo camera = (InputDeviceInfo) list.get(1);
        assertThat(camera.label()).isEqualTo("Fake camera");
        assertThat(camera.getCapabilities().width()).contains(new ULongRange(2, 1920));
        assertThat(camera.getCapabilities().deviceId()).contains(camera.deviceId());
        assertThat(camera.toJSON()).containsEntry("kind", "videoinput");
    }

    @Test
    void enumerateDevicesReturnsFreshObjectsWithStableIds() {
        devices = TestMedia.fakeDevices();
        List<MediaDeviceInfo> first = devices.enumerateDevices().join();
        List<MediaDeviceInfo> second = devices.enumerateDevices().join();
        for (int i = 0; i < first.size(); i++) {
            assertThat(second.get(i)).isNotSameAs(first.get(i));
            assertThat(second.get(i).deviceId()).isEqualTo(first.get(i).deviceId());
        }
    }

    @Test
    void withoutFakesTheRealEmptyCameraListGivesNotFound() {
        devices = MediaDevices.create(TestMedia.defaults(), Map.of());
        Throwable e = failure(devices.getUserMedia(MediaStreamConstraints.of(false, true)));
        assertThat(e).isInstanceOf(NotFoundException.class);
        assertThat(((NotFoundException) e).errorName()).isEqualTo("NotFoundError");
    }

    @Test
    void withoutASoundServerNoMicrophoneIsListedAndNothingHangs() {
        devices = MediaDevices.create(TestMedia.defaults(), Map.of("XDG_RUNTIME_DIR", "/nonexistent"));
        assertThat(devices.enumerateDevices().join()).noneMatch(d -> d.kind() == MediaDeviceKind.AUDIO_INPUT);
        assertThat(failure(devices.getUserMedia(MediaStreamConstraints.of(true, false))))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void askingForNothingIsATypeError() {
        devices = TestMedia.fakeDevices();
        assertThat(failure(devices.getUserMedia(MediaStreamConstraints.of(false, false))))
                .isInstanceOf(TypeException.class);
        assertThat(failure(devices.getUserMedia(null))).isInstanceOf(TypeException.class);
    }

    @Test
    void getUserMediaGivesAnActiveStreamWithAudioThenVideo() {
        devices = TestMedia.fakeDevices();
        MediaStream stream = devices.getUserMedia(MediaStreamConstraints.of(true, true)).join();
        assertThat(stream.isActive()).isTrue();
        assertThat(stream.getTracks()).extracting(MediaStreamTrack::kind)
                .containsExactly(MediaKind.AUDIO, MediaKind.VIDEO);
        assertThat(stream.getVideoTracks().get(0).label()).isEqualTo("Fake camera");
    }

    @Test
    void theFakeCameraDeliversMovingFramesAtTheSelectedSize() {
        devices = TestMedia.fakeDevices();
        MediaStreamTrack camera = devices.getUserMedia(MediaStreamConstraints.newBuilder()
                .video(MediaTrackConstraints.newBuilder().width(ConstrainULong.exact(320))
                        .height(ConstrainULong.exact(240)).build()).build()).join().getVideoTracks().get(0);
        byte[][] rows = new byte[2][];
        FrameProbe probe = new FrameProbe();
        camera.addVideoSink(frame -> {
            if (rows[0] == null || rows[1] == null) {
                byte[] row = new byte[320];
                frame.dataY().get(120 * frame.strideY(), row);
                rows[rows[0] == null ? 0 : 1] = row;
            }
            probe.onFrame(frame);
        });
        FrameProbe.Seen first = probe.nextFrame();
        FrameProbe.Seen second = probe.nextFrame();
        assertThat(first.width()).isEqualTo(320);
        assertThat(first.height()).isEqualTo(240);
        assertThat(second.timestampNs()).isGreaterThan(first.timestampNs());
        assertThat(rows[1]).as("the pattern moves").isNotEqualTo(rows[0]);
        camera.stop();
    }

    @Test
    void theFakeMicrophoneBeepsIn10msChunks() {
        devices = TestMedia.fakeDevices();
        MediaStreamTrack mic = devices.getUserMedia(MediaStreamConstraints.of(true, false)).join()
                .getAudioTracks().get(0);
        FrameProbe probe = new FrameProbe();
        mic.addAudioSink(probe);
        boolean loud = false;
        for (int i = 0; i < 150 && !loud; i++) {
            AudioData chunk = probe.nextAudio();
            assertThat(chunk.frameCount()).isEqualTo(480);
            assertThat(chunk.sampleRate()).isEqualTo(48_000);
            loud = !chunk.isSilent();
        }
        assertThat(loud).as("a beep within 1.5 s").isTrue();
        mic.stop();
    }

    @Test
    void closeEndsOpenTracksWithEndedAndLaterCallsAreInvalidState() {
        devices = TestMedia.fakeDevices();
        MediaStreamTrack camera = devices.getUserMedia(MediaStreamConstraints.of(false, true)).join()
                .getVideoTracks().get(0);
        recorder.listen(camera, MediaStreamTrack.ENDED);
        devices.close();
        recorder.nextEvent(MediaStreamTrack.ENDED);
        assertThat(camera.readyState()).isEqualTo(MediaStreamTrackState.ENDED);
        assertThat(failure(devices.getUserMedia(MediaStreamConstraints.of(false, true))))
                .isInstanceOf(InvalidStateException.class);
        devices.close();
    }

    @Test
    void getDisplayMediaWithoutADisplayIsNotFound() {
        devices = MediaDevices.create(TestMedia.defaults(), Map.of());
        assertThat(failure(devices.getDisplayMedia())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void getDisplayMediaDisabledByConfigIsNotAllowed() {
        MediaConfig off = TestMedia.defaults().media().withScreenCapture(false);
        devices = MediaDevices.create(TestMedia.withMedia(off), Map.of("DISPLAY", ":99"));
        assertThat(failure(devices.getDisplayMedia())).isInstanceOf(NotAllowedException.class);
    }

    @Test
    void supportedConstraintsNameEveryW3cPropertyPeerstackResolves() {
        devices = TestMedia.fakeDevices();
        assertThat(devices.getSupportedConstraints().names()).contains("width", "height", "aspectRatio",
                "frameRate", "facingMode", "resizeMode", "sampleRate", "sampleSize", "echoCancellation",
                "autoGainControl", "noiseSuppression", "latency", "channelCount", "deviceId", "groupId");
        assertThat(devices.getSupportedConstraints().isSupported("torch")).isFalse();
    }

    @Test
    void closeStopsTheMediaThreads() throws InterruptedException {
        devices = TestMedia.fakeDevices();
        MediaStreamTrack camera = devices.getUserMedia(MediaStreamConstraints.of(true, true)).join()
                .getVideoTracks().get(0);
        camera.addVideoSink(new FrameProbe());
        assertThat(mediaThreads()).isNotEmpty();
        devices.close();
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        while (!mediaThreads().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(mediaThreads()).as("live peerstack-media threads after close").isEmpty();
    }

    private static List<String> mediaThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("peerstack-media-")).toList();
    }
}
