package org.peerstack.internal.media;

import dev.onvoid.webrtc.media.audio.AudioDevice;
import dev.onvoid.webrtc.media.video.VideoCaptureCapability;
import dev.onvoid.webrtc.media.video.VideoDevice;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import org.peerstack.config.MediaConfig;
import org.peerstack.internal.natives.WebRtcNatives;
import org.peerstack.media.MediaDeviceKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists the input devices for a configuration, in this order: file microphone, file camera
 * ({@code media.file-*}, played by the {@link FileSourceProvider} on the class path), then either the fake microphone and camera ({@code media.fake-devices: true})
 * or the native ones: cameras from webrtc-java (each enumeration guarded by a timeout) and microphones
 * only when a PulseAudio server is reachable (libwebrtc's audio enumeration hangs otherwise).
 */
public final class DeviceRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceRegistry.class);

    private final MediaConfig config;
    private final ScheduledExecutorService scheduler;
    private final Map<String, String> environment;
    private final FileDevices files = new FileDevices();

    public DeviceRegistry(MediaConfig config, ScheduledExecutorService scheduler, Map<String, String> environment) {
        this.config = config;
        this.scheduler = scheduler;
        this.environment = Map.copyOf(environment);
    }

    public MediaConfig config() {
        return config;
    }

    /** The devices now; may block up to twice {@code media.native-probe-timeout-ms} for native devices. */
    public List<CaptureDevice> devices() {
        List<CaptureDevice> out = new ArrayList<>();
        if (!config.fileMicrophone().isBlank()) {
            files.microphone(Path.of(config.fileMicrophone()), config.fileLoop()).ifPresent(out::add);
        }
        if (!config.fileCamera().isBlank()) {
            files.camera(Path.of(config.fileCamera()), config.fileLoop()).ifPresent(out::add);
        }
        if (config.fakeDevices()) {
            out.addAll(FakeDevices.list(config, scheduler));
        } else {
            out.addAll(nativeMicrophones());
            out.addAll(nativeCameras());
        }
        return out;
    }

    /** Why the configured file device of {@code kind} is left out, or empty. */
    public java.util.Optional<String> fileProblem(MediaDeviceKind kind) {
        return files.problem(kind);
    }

    /** Ends the file sources opened through this registry. */
    public void close() {
        files.close();
    }

    private Duration timeout() {
        return Duration.ofMillis(config.nativeProbeTimeoutMs());
    }

    List<CaptureDevice> nativeCameras() {
        WebRtcNatives.load();
        List<VideoDevice> cameras = NativeProbe.withTimeout("camera enumeration",
                dev.onvoid.webrtc.media.MediaDevices::getVideoCaptureDevices, timeout()).orElse(List.of());
        List<CaptureDevice> out = new ArrayList<>();
        for (VideoDevice camera : cameras) {
            List<VideoCaptureCapability> modes = NativeProbe.withTimeout("camera capabilities",
                    () -> dev.onvoid.webrtc.media.MediaDevices.getVideoCaptureCapabilities(camera), timeout())
                    .orElse(List.of());
            String id = CaptureDevice.stableId("camera:" + camera.getDescriptor());
            String group = CaptureDevice.stableId("group:" + camera.getDescriptor());
            out.add(new CaptureDevice(MediaDeviceKind.VIDEO_INPUT, id, group, camera.getName(),
                    NativeCameraSource.capabilities(modes, id, group),
                    () -> new NativeCameraSource(camera, modes, id, group)));
        }
        LOG.debug("native cameras: {}", out.size());
        return out;
    }

    List<CaptureDevice> nativeMicrophones() {
        if (!NativeProbe.pulseServerReachable(environment)) {
            LOG.debug("no PulseAudio server reachable: no native microphones");
            return List.of();
        }
        WebRtcNatives.load();
        List<AudioDevice> microphones = NativeProbe.withTimeout("microphone enumeration",
                dev.onvoid.webrtc.media.MediaDevices::getAudioCaptureDevices, timeout()).orElse(List.of());
        List<CaptureDevice> out = new ArrayList<>();
        for (AudioDevice microphone : microphones) {
            String id = CaptureDevice.stableId("microphone:" + microphone.getDescriptor());
            String group = CaptureDevice.stableId("group:" + microphone.getDescriptor());
            out.add(new CaptureDevice(MediaDeviceKind.AUDIO_INPUT, id, group, microphone.getName(),
                    NativeMicrophoneSource.capabilities(id, group),
                    () -> new NativeMicrophoneSource(microphone, id, group)));
        }
        return out;
    }
}
