package org.peerstack.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.peerstack.config.MediaConfig;
import org.peerstack.config.PeerstackConfig;
import org.peerstack.exc.ConfigException;
import org.peerstack.testing.TestMedia;

/** The {@code media:} section of {@code config/peerstack.yaml}. */
class MediaConfigTest {

    @Test
    void fakeDevicesAreOffByDefault() {
        MediaConfig media = TestMedia.defaults().media();
        assertThat(media.fakeDevices()).isFalse();
        assertThat(media.fakeCameraWidth()).isEqualTo(640);
        assertThat(media.fakeCameraFrameRate()).isEqualTo(30.0);
        assertThat(media.fileCamera()).isEmpty();
    }

    @Test
    void aSystemPropertySwitchesFakeDevicesOn() {
        PeerstackConfig config = PeerstackConfig.loader().load(Optional.empty(),
                Map.of("peerstack.media.fake-devices", "true"), Map.of());
        assertThat(config.media().fakeDevices()).isTrue();
    }

    @Test
    void anEnvironmentVariableSetsTheFileCamera() {
        PeerstackConfig config = PeerstackConfig.loader().load(Optional.empty(), Map.of(),
                Map.of("PEERSTACK_MEDIA_FILE_CAMERA", "/tmp/clip.y4m"));
        assertThat(config.media().fileCamera()).isEqualTo("/tmp/clip.y4m");
    }

    @Test
    void aDefaultSizeAboveTheMaximumIsAConfigError() {
        assertThatThrownBy(() -> PeerstackConfig.loader().load(Optional.empty(),
                Map.of("peerstack.media.fake-camera-width", "4000"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("fake-camera-width");
    }

    @Test
    void aBeepLongerThanItsPeriodIsAConfigError() {
        assertThatThrownBy(() -> PeerstackConfig.loader().load(Optional.empty(),
                Map.of("peerstack.media.fake-microphone-beep-ms", "5000"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("beep-ms");
    }

    @Test
    void aTooShortDevicePollIsAConfigError() {
        assertThatThrownBy(() -> TestMedia.defaults().media().withDevicePollMs(1)).isInstanceOf(ConfigException.class);
    }
}
