package org.peerstack.media;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * W3C {@code MediaDeviceInfo}: one device listed by {@link MediaDevices#enumerateDevices()}. A new object
 * each call. Inputs are {@link InputDeviceInfo}s. Labels are always given: peerstack has no permission
 * prompt, so it behaves like a browser after permission was granted.
 */
public class MediaDeviceInfo {

    private final String deviceId;
    private final MediaDeviceKind kind;
    private final String label;
    private final String groupId;

    MediaDeviceInfo(String deviceId, MediaDeviceKind kind, String label, String groupId) {
        this.deviceId = Objects.requireNonNull(deviceId);
        this.kind = Objects.requireNonNull(kind);
        this.label = Objects.requireNonNull(label);
        this.groupId = Objects.requireNonNull(groupId);
    }

    /**
     * W3C {@code deviceId}: an id stable across calls and {@code MediaDevices} instances for the same device and
     * configuration, usable as the {@code deviceId} constraint.
     *
     * @return the id; never null
     */
    public String deviceId() {
        return deviceId;
    }

    /**
     * W3C {@code kind}.
     *
     * @return the kind of device
     */
    public MediaDeviceKind kind() {
        return kind;
    }

    /**
     * W3C {@code label}: a human-readable name, always given (no permission prompt).
     *
     * @return the label, e.g. {@code "Fake camera"}; may be empty, never null
     */
    public String label() {
        return label;
    }

    /**
     * W3C {@code groupId}: devices of one physical product (a webcam's camera and microphone) share it.
     *
     * @return the group id; never null
     */
    public String groupId() {
        return groupId;
    }

    /**
     * W3C {@code toJSON()}: the four attributes under their W3C names.
     *
     * @return a new mutable map with {@code deviceId}, {@code kind} (its token), {@code label}, {@code groupId}
     */
    public Map<String, Object> toJSON() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("deviceId", deviceId);
        map.put("kind", kind.token());
        map.put("label", label);
        map.put("groupId", groupId);
        return map;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + toJSON();
    }
}
