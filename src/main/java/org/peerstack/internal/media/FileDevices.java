package org.peerstack.internal.media;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import org.peerstack.media.MediaDeviceKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * File-backed devices ({@code media.file-camera}, {@code media.file-microphone}). The header is read
 * when devices are listed; a missing or malformed file is logged and the device is left out (so
 * {@code getUserMedia} reports {@code NotFoundError} rather than playing garbage).
 */
final class FileDevices {

    private static final Logger LOG = LoggerFactory.getLogger(FileDevices.class);

    /** Last problem reported per file, so a device poll does not repeat the same error. */
    private static final java.util.Map<Path, String> REPORTED = new java.util.concurrent.ConcurrentHashMap<>();

    private FileDevices() {
    }

    private static void report(String key, Path path, IOException e) {
        String problem = String.valueOf(e.getMessage());
        if (!problem.equals(REPORTED.put(path.toAbsolutePath(), problem))) {
            LOG.error("media.{} {} is unusable: {}", key, path, problem);
        }
    }

    static Optional<CaptureDevice> camera(Path path, boolean loop, ScheduledExecutorService scheduler) {
        String id = CaptureDevice.stableId("file-camera:" + path.toAbsolutePath());
        String group = CaptureDevice.stableId("file-group:" + path.toAbsolutePath());
        try (Y4mFile f = Y4mFile.open(path)) {
            REPORTED.remove(path.toAbsolutePath());
            var caps = FileCameraSource.capabilities(f, id, group);
            var defaults = FileCameraSource.defaults(f, id, group);
            return Optional.of(new CaptureDevice(MediaDeviceKind.VIDEO_INPUT, id, group,
                    path.getFileName().toString(), caps,
                    () -> new FileCameraSource(path, loop, caps, defaults, scheduler)));
        } catch (IOException e) {
            report("file-camera", path, e);
            return Optional.empty();
        }
    }

    static Optional<CaptureDevice> microphone(Path path, boolean loop, ScheduledExecutorService scheduler) {
        String id = CaptureDevice.stableId("file-microphone:" + path.toAbsolutePath());
        String group = CaptureDevice.stableId("file-group:" + path.toAbsolutePath());
        try (WavFile f = WavFile.open(path)) {
            REPORTED.remove(path.toAbsolutePath());
            var caps = FileMicrophoneSource.capabilities(f, id, group);
            var defaults = FileMicrophoneSource.defaults(f, id, group);
            return Optional.of(new CaptureDevice(MediaDeviceKind.AUDIO_INPUT, id, group,
                    path.getFileName().toString(), caps,
                    () -> new FileMicrophoneSource(path, loop, caps, defaults, scheduler)));
        } catch (IOException e) {
            report("file-microphone", path, e);
            return Optional.empty();
        }
    }
}
