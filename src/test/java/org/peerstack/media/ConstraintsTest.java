package org.peerstack.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.peerstack.exc.OverconstrainedException;
import org.peerstack.exc.TypeException;
import org.peerstack.testing.TestMedia;

/** SelectSettings and applyConstraints against the fake camera and microphone. */
class ConstraintsTest {

    private static MediaDevices devices;
    private MediaStreamTrack camera;
    private MediaStreamTrack microphone;

    @BeforeAll
    static void open() {
        devices = TestMedia.fakeDevices();
    }

    @AfterAll
    static void close() {
        devices.close();
    }

    @BeforeEach
    void tracks() {
        MediaStream stream = devices.getUserMedia(MediaStreamConstraints.of(true, true)).join();
        camera = stream.getVideoTracks().get(0);
        microphone = stream.getAudioTracks().get(0);
    }

    @AfterEach
    void stop() {
        camera.stop();
        microphone.stop();
    }

    private static MediaTrackConstraints.Builder c() {
        return MediaTrackConstraints.newBuilder();
    }

    private static Throwable failure(java.util.concurrent.CompletableFuture<?> f) {
        try {
            f.join();
        } catch (CompletionException e) {
            return e.getCause();
        }
        throw new AssertionError("expected a failure");
    }

    @Test
    void unconstrainedVideoTiesBreakToTheDefault640x480At30() {
        MediaTrackSettings s = camera.getSettings();
        assertThat(s.width()).hasValue(640);
        assertThat(s.height()).hasValue(480);
        assertThat(s.frameRate()).hasValue(30.0);
        assertThat(s.aspectRatio().getAsDouble()).isCloseTo(4.0 / 3, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void unconstrainedAudioIs48kMono16Bit() {
        MediaTrackSettings s = microphone.getSettings();
        assertThat(s.sampleRate()).hasValue(48_000);
        assertThat(s.channelCount()).hasValue(1);
        assertThat(s.sampleSize()).hasValue(16);
    }

    @Test
    void getSettingsReflectsApplyConstraints() {
        camera.applyConstraints(c().width(ConstrainULong.exact(1280)).height(ConstrainULong.exact(720))
                .frameRate(15).build()).join();
        MediaTrackSettings s = camera.getSettings();
        assertThat(s.width()).hasValue(1280);
        assertThat(s.height()).hasValue(720);
        assertThat(s.frameRate()).hasValue(15.0);
    }

    @Test
    void getConstraintsReturnsWhatWasApplied() {
        MediaTrackConstraints applied = c().width(800).build();
        camera.applyConstraints(applied).join();
        assertThat(camera.getConstraints()).isEqualTo(applied);
    }

    @Test
    void impossibleExactFailsWithTheConstraintNameAndLeavesSettingsUnchanged() {
        MediaTrackSettings before = camera.getSettings();
        MediaTrackConstraints before2 = camera.getConstraints();
        Throwable e = failure(camera.applyConstraints(c().width(ConstrainULong.exact(100_000)).build()));
        assertThat(e).isInstanceOf(OverconstrainedException.class);
        assertThat(((OverconstrainedException) e).constraint()).isEqualTo("width");
        assertThat(((OverconstrainedException) e).errorName()).isEqualTo("OverconstrainedError");
        assertThat(camera.getSettings()).isEqualTo(before);
        assertThat(camera.getConstraints()).isEqualTo(before2);
    }

    @Test
    void impossibleFrameRateMinNamesFrameRate() {
        Throwable e = failure(camera.applyConstraints(c().frameRate(ConstrainDouble.min(1000)).build()));
        assertThat(((OverconstrainedException) e).constraint()).isEqualTo("frameRate");
    }

    @Test
    void impossibleIdealResolvesToTheClosestSetting() {
        camera.applyConstraints(c().width(ConstrainULong.ideal(100_000)).build()).join();
        assertThat(camera.getSettings().width()).hasValue(1920);
    }

    @Test
    void idealWithinMinResolvesToTheIdeal() {
        camera.applyConstraints(c().width(ConstrainULong.ideal(320).withMin(160)).build()).join();
        assertThat(camera.getSettings().width()).hasValue(320);
    }

    @Test
    void idealWidthKeepsTheDefaultAspectRatio() {
        camera.applyConstraints(c().width(1280).build()).join();
        assertThat(camera.getSettings().width()).hasValue(1280);
        assertThat(camera.getSettings().height()).hasValue(960);
    }

    @Test
    void advancedSetsThatCannotBeSatisfiedAreSkippedAndLaterOnesApply() {
        camera.applyConstraints(c().advanced(
                c().width(100_000).build(),
                c().width(800).height(600).build()).build()).join();
        assertThat(camera.getSettings().width()).hasValue(800);
        assertThat(camera.getSettings().height()).hasValue(600);
    }

    @Test
    void anAdvancedSetConflictingWithAnEarlierOneIsSkipped() {
        camera.applyConstraints(c().advanced(c().width(1024).build(), c().width(320).build()).build()).join();
        assertThat(camera.getSettings().width()).hasValue(1024);
    }

    @Test
    void constraintsOfTheOtherKindAreIgnored() {
        camera.applyConstraints(c().sampleRate(ConstrainULong.exact(1)).channelCount(ConstrainULong.exact(99)).build())
                .join();
        microphone.applyConstraints(c().width(ConstrainULong.exact(1)).build()).join();
        assertThat(camera.getSettings().width()).hasValue(640);
        assertThat(microphone.getSettings().width()).isEmpty();
    }

    @Test
    void minGreaterThanMaxIsOverconstrained() {
        Throwable e = failure(camera.applyConstraints(c().height(ConstrainULong.range(600, 300)).build()));
        assertThat(((OverconstrainedException) e).constraint()).isEqualTo("height");
    }

    @Test
    void exactAspectRatioIsMet() {
        camera.applyConstraints(c().width(ConstrainULong.exact(1280)).aspectRatio(ConstrainDouble.exact(16.0 / 9))
                .build()).join();
        assertThat(camera.getSettings().height()).hasValue(720);
    }

    @Test
    void audioConstraintsResolveAgainstTheMicrophone() {
        microphone.applyConstraints(c().channelCount(ConstrainULong.exact(2)).sampleRate(16_000)
                .echoCancellation(ConstrainBoolean.exact(false)).build()).join();
        MediaTrackSettings s = microphone.getSettings();
        assertThat(s.channelCount()).hasValue(2);
        assertThat(s.sampleRate()).hasValue(16_000);
        assertThat(s.echoCancellation()).contains(false);
    }

    @Test
    void anUnknownDeviceIdExactIsOverconstrainedOnDeviceId() {
        Throwable e = failure(devices.getUserMedia(MediaStreamConstraints.newBuilder()
                .video(c().deviceId(ConstrainDOMString.exact("no-such-device")).build()).build()));
        assertThat(((OverconstrainedException) e).constraint()).isEqualTo("deviceId");
    }

    @Test
    void facingModeExactThatTheCameraLacksIsOverconstrained() {
        Throwable e = failure(camera.applyConstraints(c().facingMode(ConstrainDOMString.exact(VideoFacingMode.ENVIRONMENT))
                .build()));
        assertThat(((OverconstrainedException) e).constraint()).isEqualTo("facingMode");
    }

    @Test
    void nanNegativeAndNullValuesAreTypeErrors() {
        assertThatThrownBy(() -> ConstrainDouble.exact(Double.NaN)).isInstanceOf(TypeException.class);
        assertThatThrownBy(() -> ConstrainDouble.ideal(Double.POSITIVE_INFINITY)).isInstanceOf(TypeException.class);
        assertThatThrownBy(() -> ConstrainULong.min(-1)).isInstanceOf(TypeException.class);
        assertThatThrownBy(() -> c().width((ConstrainULong) null)).isInstanceOf(TypeException.class);
        assertThatThrownBy(() -> ConstrainDOMString.exact((String) null)).isInstanceOf(TypeException.class);
    }

    @Test
    void fromMapReadsTheBrowserShapeAndIgnoresUnknownNames() {
        MediaTrackConstraints parsed = MediaTrackConstraints.fromMap(Map.of(
                "width", Map.of("min", 640, "ideal", 1280),
                "frameRate", 24,
                "torch", true,
                "advanced", List.of(Map.of("height", 720))));
        assertThat(parsed.width().orElseThrow().min()).hasValue(640);
        assertThat(parsed.width().orElseThrow().ideal()).hasValue(1280);
        assertThat(parsed.frameRate().orElseThrow().isBare()).isTrue();
        assertThat(parsed.advanced()).singleElement().satisfies(a -> assertThat(a.height()).isPresent());
        camera.applyConstraints(parsed).join();
        assertThat(camera.getSettings().width()).hasValue(1280);
        assertThat(camera.getSettings().height()).hasValue(720);
        assertThat(camera.getSettings().frameRate()).hasValue(24.0);
    }

    @Test
    void fromMapRejectsMalformedValues() {
        assertThatThrownBy(() -> MediaTrackConstraints.fromMap(Map.of("width", "wide")))
                .isInstanceOf(TypeException.class);
        assertThatThrownBy(() -> MediaTrackConstraints.fromMap(Map.of("width", Map.of("minimum", 3))))
                .isInstanceOf(TypeException.class);
        assertThatThrownBy(() -> MediaTrackConstraints.fromMap(Map.of("width", -5)))
                .isInstanceOf(TypeException.class);
        assertThatThrownBy(() -> MediaTrackConstraints.fromMap(Map.of("frameRate", Double.NaN)))
                .isInstanceOf(TypeException.class);
    }

    @Test
    void applyingNoConstraintsReturnsToTheDefaults() {
        camera.applyConstraints(c().width(320).build()).join();
        camera.applyConstraints().join();
        assertThat(camera.getSettings().width()).hasValue(640);
    }
}
