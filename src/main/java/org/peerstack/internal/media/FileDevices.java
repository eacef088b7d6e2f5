package org.peerstack.internal.media;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import org.peerstack.media.MediaDeviceKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * File-backed devices ({@code media.file-camera}, {@code media.file-microphone}) through the
 * {@link FileSourceProvider} found on the class path (FFmpeg: any container it demuxes). The file is
 * probed when devices are listed; a missing, malformed or unsuitable file is logged once per problem
 * and the device is left out, and {@link #problem(MediaDeviceKind)} names why (so {@code getUserMedia}
 * can say it in its {@code NotFoundError}).
 */
final class FileDevices {

    private static final Logger LOG = LoggerFactory.getLogger(FileDevices.class);

    private final FileSourceProvider provider;
    /** Last problem per configuration key, so a device poll does not repeat the same error. */
    private final Map<String, String> problems = new ConcurrentHashMap<>();

    FileDevices() {
        this.provider = ServiceLoader.load(FileSourceProvider.class, FileDevices.class.getClassLoader())
                .findFirst().orElse(null);
    }

    Optional<CaptureDevice> camera(Path path, boolean loop) {
        return device("file-camera", MediaDeviceKind.VIDEO_INPUT, path, loop);
    }

    Optional<CaptureDevice> microphone(Path path, boolean loop) {
        return device("file-microphone", MediaDeviceKind.AUDIO_INPUT, path, loop);
    }

    /** Why the configured file of {@code kind} is left out, or empty. */
    Optional<String> problem(MediaDeviceKind kind) {
        return Optional.ofNullable(problems.get(kind == MediaDeviceKind.VIDEO_INPUT ? "file-camera"
                : "file-microphone"));
    }

    private Optional<CaptureDevice> device(String key, MediaDeviceKind kind, Path path, boolean loop) {
        if (provider == null) {
            return report(key, path, "playing files needs the FFmpeg file sources on the class path");
        }
        try {
            Optional<CaptureDevice> device = provider.devices(path, loop).stream().filter(d -> d.kind() == kind)
                    .findFirst();
            if (device.isEmpty()) {
                return report(key, path, "it has no " + (kind == MediaDeviceKind.VIDEO_INPUT ? "video" : "audio")
                        + " stream FFmpeg can decode");
            }
            problems.remove(key);
            return device;
        } catch (IOException e) {
            return report(key, path, String.valueOf(e.getMessage()));
        }
    }

    private Optional<CaptureDevice> report(String key, Path path, String problem) {
        String text = "media." + key + " " + path + " is unusable: " + problem;
        if (!text.equals(problems.put(key, text))) {
            LOG.error(text);
        }
        return Optional.empty();
    }

    void close() {
        if (provider != null) {
            provider.close();
        }
    }
}
