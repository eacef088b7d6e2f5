package org.peerstack.internal.recorder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.peerstack.config.RecorderConfig;

class RecorderSettingsTest {

    private final RecordingTypes types = RecordingTypes.ofNativeEncoders();
    private final RecorderConfig config = RecorderConfig.defaults();

    private RecorderSettings settings(String mime, boolean video, boolean audio, Long total, Long v, Long a) {
        return RecorderSettings.of(types.select(mime, video, audio), config, opt(total), opt(v), opt(a));
    }

    private static OptionalLong opt(Long value) {
        return value == null ? OptionalLong.empty() : OptionalLong.of(value);
    }

    @Test
    void withoutOptionsTheConfiguredDefaultsApply() {
        RecorderSettings s = settings("", true, true, null, null, null);
        assertThat(s.videoBitsPerSecond()).isEqualTo(2_500_000);
        assertThat(s.audioBitsPerSecond()).isEqualTo(128_000);
        assertThat(s.producerWaitMs()).isZero();
    }

    @Test
    void perKindOptionsOverrideTheDefaults() {
        RecorderSettings s = settings("", true, true, null, 800_000L, 64_000L);
        assertThat(s.videoBitsPerSecond()).isEqualTo(800_000);
        assertThat(s.audioBitsPerSecond()).isEqualTo(64_000);
    }

    @Test
    void bitsPerSecondIsSplitSoTheKindsSumToIt() {
        RecorderSettings s = settings("", true, true, 1_000_000L, 5_000_000L, 200_000L);
        assertThat(s.audioBitsPerSecond()).isEqualTo(100_000);
        assertThat(s.videoBitsPerSecond() + s.audioBitsPerSecond()).isEqualTo(1_000_000);
        RecorderSettings big = settings("", true, true, 10_000_000L, null, null);
        assertThat(big.audioBitsPerSecond()).as("capped at the configured audio default").isEqualTo(128_000);
        assertThat(big.videoBitsPerSecond()).isEqualTo(10_000_000 - 128_000);
        RecorderSettings small = settings("", true, true, 100_000L, null, null);
        assertThat(small.audioBitsPerSecond()).isEqualTo(32_000);
        assertThat(small.videoBitsPerSecond()).isEqualTo(68_000);
    }

    @Test
    void bitsPerSecondGoesWhollyToTheOnlyKind() {
        assertThat(settings("audio/ogg", false, true, 48_000L, null, null).audioBitsPerSecond()).isEqualTo(48_000);
        assertThat(settings("video/webm", true, false, 900_000L, null, null).videoBitsPerSecond()).isEqualTo(900_000);
    }

    @Test
    void absurdBitratesAreClampedToTheAcceptedRange() {
        RecorderSettings s = settings("", true, true, null, 1L, Long.MAX_VALUE);
        assertThat(s.videoBitsPerSecond()).isEqualTo(RecorderConfig.MIN_BITS_PER_SECOND);
        assertThat(s.audioBitsPerSecond()).isEqualTo(RecorderConfig.MAX_BITS_PER_SECOND);
    }
}
