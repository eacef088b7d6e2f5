package org.peerstack.signaling.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerstack.exc.ConfigException;

/** Binding config/signaling-server.yaml, its overrides and validation. */
class SignalingServerConfigTest {

    @Test
    void shippedDefaultsEqualTheDefaultConstants() {
        SignalingServerConfig config = SignalingServerConfig.of(Map.of());
        assertThat(config.limits()).isEqualTo(SignalingLimits.defaults());
        assertThat(config.server().websocketPath()).isEqualTo("/signaling");
        assertThat(config.auth().required()).isFalse();
        assertThat(config.tls().enabled()).isFalse();
        assertThat(config.http().staticDir()).isEqualTo("demo-client/src/main/web");
    }

    @Test
    void sfuRoomSettingsHaveTheirDefaultsAndBounds() {
        SignalingServerConfig config = SignalingServerConfig.of(Map.of());
        assertThat(config.sfu().rooms()).isEmpty();
        assertThat(config.sfu().maxMembersPerRoom()).isEqualTo(org.peerstack.signaling.server.whip.SfuSettings.DEFAULT_MAX_MEMBERS_PER_ROOM);
        assertThat(SignalingServerConfig.of(Map.of("sfu.rooms", "[\"sfu-*\", lobby]")).sfu().rooms())
                .containsExactly("sfu-*", "lobby");
        assertThatThrownBy(() -> SignalingServerConfig.of(Map.of("sfu.max-members-per-room", "-1")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("sfu.max-members-per-room");
    }

    @Test
    void theShippedFileIsTheOneInConfig() throws Exception {
        Path inCheckout = Path.of(System.getProperty("peerstack.root"), "config", "signaling-server.yaml");
        try (var in = SignalingServerConfig.class.getResourceAsStream(SignalingServerConfig.DEFAULTS_RESOURCE)) {
            assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo(Files.readString(inCheckout));
        }
    }

    @Test
    void fileThenPropertiesThenEnvironmentOverrideTheDefaults(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("my.yaml");
        Files.writeString(file, "limits:\n  max-rooms: 7\n  max-members-per-room: 3\nhttp:\n  allowed-origins: [https://a.example]\n");
        SignalingServerConfig config = SignalingServerConfig.loader().load(Optional.of(file),
                Map.of("peerstack.signaling.limits.max-rooms", "9"),
                Map.of("PEERSTACK_SIGNALING_LIMITS_MAX_ROOMS", "8", "PEERSTACK_SIGNALING_SERVER_PORT", "0"));
        assertThat(config.limits().maxRooms()).isEqualTo(9);
        assertThat(config.limits().maxMembersPerRoom()).isEqualTo(3);
        assertThat(config.server().port()).isZero();
        assertThat(config.http().allowedOrigins()).containsExactly("https://a.example");
    }

    @Test
    void outOfRangeValuesAreConfigErrorsNamingTheKey() {
        assertThatThrownBy(() -> SignalingServerConfig.of(Map.of("limits.max-message-bytes", "10")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("limits.max-message-bytes");
        assertThatThrownBy(() -> SignalingServerConfig.of(Map.of("server.port", "70000")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("server.port");
        assertThatThrownBy(() -> SignalingServerConfig.of(Map.of("server.transport", "carrier-pigeon")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("server.transport");
        assertThatThrownBy(() -> SignalingServerConfig.of(Map.of("auth.secret", "short")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("auth.secret");
        assertThatThrownBy(() -> SignalingServerConfig.of(Map.of("http.allowed-origins", "[https://a.example/]")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("http.allowed-origins");
    }

    @Test
    void unknownKeysInAFileAreErrors(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("typo.yaml");
        Files.writeString(file, "limits:\n  max-romos: 7\n");
        assertThatThrownBy(() -> SignalingServerConfig.load(file)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("max-romos");
    }

    @Test
    void unknownSingleKeysAreErrorsToo() {
        assertThatThrownBy(() -> SignalingServerConfig.of(Map.of("limits.max-romos", "7")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("limits.max-romos")
                .hasMessageContaining("limits.max-rooms");
    }

    @Test
    void jacksonLimitsFollowTheConfiguredLimits() {
        SignalingLimits limits = SignalingServerConfig.of(Map.of("limits.max-nesting-depth", "5",
                "limits.max-message-bytes", "2048")).limits();
        assertThat(limits.streamReadConstraints().getMaxNestingDepth()).isEqualTo(5);
        assertThat(limits.streamReadConstraints().getMaxStringLength()).isEqualTo(2048);
    }

    @Test
    void theSecretIsNotPrinted() {
        assertThat(new AuthSettings("0123456789abcdef0123456789abcdef").toString()).doesNotContain("0123");
    }
}
