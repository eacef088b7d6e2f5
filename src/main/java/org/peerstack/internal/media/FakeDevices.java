package org.peerstack.internal.media;

import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import org.peerstack.config.MediaConfig;
import org.peerstack.media.MediaDeviceKind;

/** The fake camera and fake microphone as devices ({@code media.fake-devices: true}). */
final class FakeDevices {

    static final String CAMERA_LABEL = "Fake camera";
    static final String MICROPHONE_LABEL = "Fake microphone";

    private FakeDevices() {
    }

    static List<CaptureDevice> list(MediaConfig config, ScheduledExecutorService scheduler) {
        String group = CaptureDevice.stableId("fake-group");
        String camera = CaptureDevice.stableId("fake-camera");
        String microphone = CaptureDevice.stableId("fake-microphone");
        return List.of(
                new CaptureDevice(MediaDeviceKind.AUDIO_INPUT, microphone, group, MICROPHONE_LABEL,
                        FakeMicrophoneSource.capabilities(microphone, group),
                        () -> new FakeMicrophoneSource(config, microphone, group, scheduler)),
                new CaptureDevice(MediaDeviceKind.VIDEO_INPUT, camera, group, CAMERA_LABEL,
                        FakeCameraSource.capabilities(config, camera, group),
                        () -> new FakeCameraSource(config, camera, group, scheduler)));
    }
}
