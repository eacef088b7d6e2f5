package org.peerstack.testing;

import java.util.Map;
import org.peerstack.config.MediaConfig;
import org.peerstack.config.PeerstackConfig;
import org.peerstack.media.MediaDevices;

/** Configurations and devices for media tests. The environment is empty, so no native probe reaches out. */
public final class TestMedia {

    private TestMedia() {
    }

    /** The shipped defaults (fake devices off). */
    public static PeerstackConfig defaults() {
        return PeerstackConfig.loader().load(java.util.Optional.empty(), Map.of(), Map.of());
    }

    public static PeerstackConfig withMedia(MediaConfig media) {
        return defaults().withMedia(media);
    }

    /** Devices with the fake camera and microphone. */
    public static MediaDevices fakeDevices() {
        return MediaDevices.create(withMedia(defaults().media().withFakeDevices(true)), Map.of());
    }
}
