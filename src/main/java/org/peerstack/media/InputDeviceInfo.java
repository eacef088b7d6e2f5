package org.peerstack.media;

/** W3C {@code InputDeviceInfo}: an input device, with the capabilities of the device. */
public final class InputDeviceInfo extends MediaDeviceInfo {

    private final MediaTrackCapabilities capabilities;

    InputDeviceInfo(String deviceId, MediaDeviceKind kind, String label, String groupId,
                    MediaTrackCapabilities capabilities) {
        super(deviceId, kind, label, groupId);
        this.capabilities = capabilities;
    }

    /**
     * W3C {@code getCapabilities()}
     * (<a href="https://www.w3.org/TR/mediacapture-streams/#dom-inputdeviceinfo-getcapabilities">spec</a>): what
     * the device can do (its real capabilities for native devices).
     *
     * @return the capabilities
     */
    public MediaTrackCapabilities getCapabilities() {
        return capabilities;
    }
}
