package org.peerstack.internal.media;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import org.peerstack.media.MediaDeviceKind;
import org.peerstack.media.MediaTrackCapabilities;
import org.peerstack.media.MediaTrackSource;

/**
 * One input device known to {@code MediaDevices}: what {@code enumerateDevices} lists, and how to open a
 * new (not yet started) source on it.
 *
 * @param kind         audio or video input
 * @param deviceId     stable id (a name-based UUID of the device's descriptor)
 * @param groupId      id shared by devices of one physical unit
 * @param label        human-readable name
 * @param capabilities what the device can do
 * @param opener       makes a new source on the device
 */
public record CaptureDevice(MediaDeviceKind kind, String deviceId, String groupId, String label,
                            MediaTrackCapabilities capabilities, Supplier<MediaTrackSource> opener) {

    public CaptureDevice {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(capabilities, "capabilities");
        Objects.requireNonNull(opener, "opener");
    }

    /** A stable id for {@code descriptor} (same input, same id, across runs). */
    public static String stableId(String descriptor) {
        return UUID.nameUUIDFromBytes(("peerstack:" + descriptor).getBytes(StandardCharsets.UTF_8)).toString();
    }

    public MediaTrackSource open() {
        return opener.get();
    }
}
