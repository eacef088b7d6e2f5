package org.peerstack.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.peerstack.exc.NotReadableException;
import org.peerstack.exc.OverconstrainedException;

/** The source SPI: discrete modes (as real cameras have) and start failures. */
class MediaTrackSourceTest {

    /** A camera with three discrete modes, like a V4L2 device. */
    static class ModeCamera extends MediaTrackSource {
        ModeCamera() {
            super(MediaKind.VIDEO, "Mode camera");
        }

        @Override
        public MediaTrackCapabilities capabilities() {
            return MediaTrackCapabilities.newBuilder().width(320, 1280).height(240, 720).frameRate(15, 30).build();
        }

        @Override
        protected List<MediaTrackSettings> modes() {
            return List.of(mode(320, 240, 30), mode(640, 480, 30), mode(1280, 720, 15));
        }

        private static MediaTrackSettings mode(int w, int h, double fps) {
            return MediaTrackSettings.newBuilder().width(w).height(h).frameRate(fps).build();
        }

        @Override
        protected MediaTrackSettings defaultSettings() {
            return mode(640, 480, 30);
        }

        @Override
        protected void onStart(MediaTrackSettings settings) throws Exception {
        }

        @Override
        protected void onStop() {
        }
    }

    @Test
    void unconstrainedPicksTheDefaultMode() {
        assertThat(new ModeCamera().select(MediaTrackConstraints.empty()).width()).hasValue(640);
    }

    @Test
    void anIdealPicksTheClosestMode() {
        MediaTrackSettings s = new ModeCamera().select(MediaTrackConstraints.newBuilder().width(1200).build());
        assertThat(s.width()).hasValue(1280);
        assertThat(s.frameRate()).hasValue(15.0);
    }

    @Test
    void requiredValuesBetweenModesAreOverconstrained() {
        assertThatThrownBy(() -> new ModeCamera().select(MediaTrackConstraints.newBuilder()
                .width(ConstrainULong.exact(800)).build()))
                .isInstanceOfSatisfying(OverconstrainedException.class, e -> assertThat(e.constraint()).isEqualTo("width"));
    }

    @Test
    void aRequiredRateSelectsAmongTheModesThatHaveIt() {
        MediaTrackSettings s = new ModeCamera().select(MediaTrackConstraints.newBuilder().width(1280)
                .frameRate(ConstrainDouble.min(25)).build());
        assertThat(s.width()).hasValue(640);
    }

    @Test
    void aSourceThatFailsToStartIsNotReadableAndEnded() {
        MediaTrackSource broken = new ModeCamera() {
            @Override
            protected void onStart(MediaTrackSettings settings) throws java.io.IOException {
                throw new java.io.IOException("device busy");
            }
        };
        assertThatThrownBy(() -> broken.start(MediaTrackConstraints.empty()))
                .isInstanceOf(NotReadableException.class).hasMessageContaining("device busy");
        assertThat(broken.isEnded()).isTrue();
    }
}
