package org.peerstack.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.peerstack.exc.ConfigException;

class RecorderConfigTest {

    private static PeerstackConfig load(Map<String, String> properties) {
        return PeerstackConfig.loader().load(Optional.empty(), properties, Map.of());
    }

    @Test
    void theShippedFileHoldsTheDocumentedDefaults() {
        assertThat(load(Map.of()).recorder()).isEqualTo(RecorderConfig.defaults());
    }

    @Test
    void aSingleKeyCanBeOverridden() {
        RecorderConfig c = load(Map.of("peerstack.recorder.max-queue-bytes", "2097152",
                "peerstack.recorder.min-timeslice-ms", "250")).recorder();
        assertThat(c.maxQueueBytes()).isEqualTo(2_097_152);
        assertThat(c.minTimesliceMs()).isEqualTo(250);
    }

    @Test
    void valuesOutsideTheirRangeAreConfigErrorsNamingTheKey() {
        assertThatThrownBy(() -> load(Map.of("peerstack.recorder.max-queue-bytes", "1000")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("recorder.max-queue-bytes");
        assertThatThrownBy(() -> load(Map.of("peerstack.recorder.video-bits-per-second", "0")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("recorder.video-bits-per-second");
        assertThatThrownBy(() -> load(Map.of("peerstack.recorder.vpx-cpu-used", "17")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("recorder.vpx-cpu-used");
        assertThatThrownBy(() -> load(Map.of("peerstack.recorder.vpx-cpu-used", "-17")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("recorder.vpx-cpu-used");
        assertThat(load(Map.of("peerstack.recorder.vpx-cpu-used", "-8")).recorder().vpxCpuUsed())
                .as("negative: a fixed libvpx speed").isEqualTo(-8);
        assertThatThrownBy(() -> load(Map.of("peerstack.recorder.frame-rate-hint", "0")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("recorder.frame-rate-hint");
        assertThatThrownBy(() -> load(Map.of("peerstack.recorder.track-check-ms", "0")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("recorder.track-check-ms");
        assertThatThrownBy(() -> load(Map.of("peerstack.recorder.max-track-clock-skew-ms", "-1")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("recorder.max-track-clock-skew-ms");
        assertThat(load(Map.of("peerstack.recorder.track-check-ms", "20")).recorder().trackCheckMs()).isEqualTo(20);
    }
}
