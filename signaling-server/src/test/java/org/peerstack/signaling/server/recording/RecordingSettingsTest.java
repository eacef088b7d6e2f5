package org.peerstack.signaling.server.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.peerstack.exc.ConfigException;
import org.peerstack.signaling.server.SignalingServer;
import org.peerstack.signaling.server.SignalingServerConfig;

/** The recording: and cluster.public-url keys: shipped defaults, overrides, refused values. */
class RecordingSettingsTest {

    @Test
    void shippedDefaultsRecordNothing() {
        SignalingServerConfig c = SignalingServerConfig.of(Map.of());
        assertThat(c.recording().enabled()).isFalse();
        assertThat(c.recording().dir()).isEqualTo(RecordingSettings.DEFAULT_DIR);
        assertThat(c.recording().maxRecordings()).isEqualTo(RecordingSettings.DEFAULT_MAX_RECORDINGS);
        assertThat(c.cluster().publicUrl()).isEmpty();
    }

    @Test
    void overridesAreBound() {
        SignalingServerConfig c = SignalingServerConfig.of(Map.of("recording.rooms", "[\"rec-*\", \"studio\"]",
                "recording.dir", "/tmp/x", "recording.max-recordings", "7", "cluster.public-url", "https://node1.example:8443/"));
        assertThat(c.recording().rooms()).containsExactly("rec-*", "studio");
        assertThat(c.recording().dir()).isEqualTo("/tmp/x");
        assertThat(c.recording().maxRecordings()).isEqualTo(7);
        assertThat(c.cluster().publicUrl()).as("trailing slash dropped").isEqualTo("https://node1.example:8443");
    }

    @Test
    void badValuesAreRefusedWithTheKeyNamed() {
        assertThatThrownBy(() -> SignalingServerConfig.of(Map.of("recording.max-recordings", "-1")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("recording.max-recordings");
        assertThatThrownBy(() -> SignalingServerConfig.of(Map.of("recording.max-recordings", "10001")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("recording.max-recordings");
        assertThatThrownBy(() -> SignalingServerConfig.of(Map.of("cluster.public-url", "http://host:80/path")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("cluster.public-url");
        assertThatThrownBy(() -> SignalingServerConfig.of(Map.of("cluster.public-url", "ftp://host")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("cluster.public-url");
    }

    /** The server module's tests have the recorder (provided); without it a start would fail with the same check. */
    @Test
    void theRecorderIsFoundOnTheClasspathAndAServerRecordsOnlyWithAnSfu() {
        RecordingSettings.requireRecorder();
        try (SignalingServer server = SignalingServer.start(SignalingServerConfig.of(Map.of("server.port", "0",
                "http.static-dir", "", "recording.rooms", "[\"*\"]")))) {
            assertThat(server.recordings()).as("no SFU (sfu.enabled false): nothing to record").isEmpty();
        }
    }
}
