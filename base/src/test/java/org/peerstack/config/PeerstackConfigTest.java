package org.peerstack.config;

import org.peerstack.config.AudioMode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerstack.exc.ConfigException;

class PeerstackConfigTest {

    private static final ConfigLoader<PeerstackConfig> LOADER = PeerstackConfig.loader();

    @TempDir
    Path dir;

    private PeerstackConfig load(Optional<Path> file, Map<String, String> properties, Map<String, String> env) {
        return LOADER.load(file, properties, env);
    }

    @Test
    void shippedDefaultsAreTheFileInConfigDirectory() throws IOException {
        Path configDir = Path.of(System.getProperty("peerstack.config.dir", "config"));
        String shipped = new String(PeerstackConfig.class.getResourceAsStream(PeerstackConfig.DEFAULTS_RESOURCE).readAllBytes());
        assertThat(shipped).isEqualTo(Files.readString(configDir.resolve("peerstack.yaml")));
    }

    @Test
    void defaultsBindToTypedRecord() {
        WebRtcConfig webrtc = load(Optional.empty(), Map.of(), Map.of()).webrtc();
        assertThat(webrtc.minPort()).isZero();
        assertThat(webrtc.maxPort()).isZero();
        assertThat(webrtc.audioMode()).isEqualTo(AudioMode.HEADLESS);
        assertThat(webrtc.connectTimeoutMs()).isEqualTo(10_000);
    }

    @Test
    void fileOverridesOnlyTheKeysItSets() throws IOException {
        Path file = Files.writeString(dir.resolve("mine.yaml"), "webrtc:\n  min-port: 50000\n  max-port: 50100\n");
        WebRtcConfig webrtc = load(Optional.of(file), Map.of(), Map.of()).webrtc();
        assertThat(webrtc.minPort()).isEqualTo(50_000);
        assertThat(webrtc.maxPort()).isEqualTo(50_100);
        assertThat(webrtc.connectTimeoutMs()).isEqualTo(10_000);
    }

    @Test
    void fileNamedByEnvironmentVariableIsRead() throws IOException {
        Path file = Files.writeString(dir.resolve("env.yaml"), "webrtc:\n  audio-mode: dummy\n");
        PeerstackConfig config = load(Optional.empty(), Map.of(), Map.of("PEERSTACK_CONFIG", file.toString()));
        assertThat(config.webrtc().audioMode()).isEqualTo(AudioMode.DUMMY);
    }

    @Test
    void systemPropertyBeatsEnvironmentWhichBeatsFile() throws IOException {
        Path file = Files.writeString(dir.resolve("f.yaml"), "webrtc:\n  connect-timeout-ms: 1000\n");
        assertThat(load(Optional.of(file), Map.of(), Map.of("PEERSTACK_WEBRTC_CONNECT_TIMEOUT_MS", "2000"))
                .webrtc().connectTimeoutMs()).isEqualTo(2000);
        assertThat(load(Optional.of(file), Map.of("peerstack.webrtc.connect-timeout-ms", "3000"),
                Map.of("PEERSTACK_WEBRTC_CONNECT_TIMEOUT_MS", "2000")).webrtc().connectTimeoutMs()).isEqualTo(3000);
    }

    @Test
    void unknownKeyIsRejectedWithItsName() throws IOException {
        Path file = Files.writeString(dir.resolve("typo.yaml"), "webrtc:\n  min-prot: 5\n");
        assertThatThrownBy(() -> load(Optional.of(file), Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("min-prot");
    }

    @Test
    void invalidRangeIsRejectedByTheRecord() {
        assertThatThrownBy(() -> load(Optional.empty(), Map.of("peerstack.webrtc.min-port", "6000",
                "peerstack.webrtc.max-port", "5000"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("min-port");
    }

    @Test
    void wrongTypeIsAClearError() {
        assertThatThrownBy(() -> load(Optional.empty(), Map.of("peerstack.webrtc.connect-timeout-ms", "soon"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("connect-timeout-ms");
    }

    @Test
    void unknownEnumValueNamesTheValueAndTheTokensAsTheYamlSpellsThem() {
        assertThatThrownBy(() -> load(Optional.empty(), Map.of(), Map.of("PEERSTACK_WEBRTC_AUDIO_MODE", "bogus")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("invalid configuration at 'webrtc.audio-mode': 'bogus' is not one of: dummy, headless");
    }

    @Test
    void missingFileIsAClearError() {
        assertThatThrownBy(() -> load(Optional.of(dir.resolve("absent.yaml")), Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("absent.yaml");
    }

    @Test
    void malformedYamlIsAClearError() throws IOException {
        Path file = Files.writeString(dir.resolve("bad.yaml"), "webrtc: [unclosed\n");
        assertThatThrownBy(() -> load(Optional.of(file), Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("bad.yaml");
    }
}
