package org.peerstack.signaling.server;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.peerstack.config.ConfigLoader;
import org.peerstack.exc.ConfigException;
import org.peerstack.signaling.server.cluster.ClusterSettings;
import org.peerstack.signaling.server.whip.SfuSettings;

/**
 * The signaling server's configuration, bound from {@code config/signaling-server.yaml} (shipped in
 * the jar) with {@link ConfigLoader}; property prefix {@value #PREFIX}, e.g.
 * {@code -Dpeerstack.signaling.limits.max-rooms=500} or {@code PEERSTACK_SIGNALING_LIMITS_MAX_ROOMS=500}.
 *
 * @param server the {@code server:} section
 * @param limits the {@code limits:} section
 * @param auth   the {@code auth:} section
 * @param tls    the {@code tls:} section
 * @param http   the {@code http:} section
 * @param cluster the {@code cluster:} section
 * @param connections the {@code connections:} section
 * @param sfu    the {@code sfu:} section (WHIP/WHEP on the server's SFU; null = disabled)
 * @param recording the {@code recording:} section (passthrough recording of SFU rooms; null = none)
 */
public record SignalingServerConfig(ServerSettings server, SignalingLimits limits, AuthSettings auth,
                                    TlsSettings tls, HttpSettings http, ClusterSettings cluster,
                                    ConnectionSettings connections, SfuSettings sfu,
                                    org.peerstack.signaling.server.recording.RecordingSettings recording) {

    /** Classpath location of the shipped defaults (a copy of {@code config/signaling-server.yaml}). */
    public static final String DEFAULTS_RESOURCE = "/org/peerstack/signaling/server/signaling-server.yaml";
    /** Prefix of single-key system properties; upper-cased with underscores for environment variables. */
    public static final String PREFIX = "peerstack.signaling";

    public SignalingServerConfig {
        if (server == null || limits == null || auth == null || tls == null || http == null || cluster == null
                || connections == null) {
            throw new ConfigException("the sections server, limits, auth, tls, http, cluster and connections are all required");
        }
        if (sfu == null) {
            sfu = new SfuSettings(false, null, 0, null, 1, 1, 0);
        }
        if (recording == null) {
            recording = org.peerstack.signaling.server.recording.RecordingSettings.disabled();
        }
        if (connections.maxUnjoined() >= limits.maxConnections()) {
            throw new ConfigException("connections.max-unjoined (" + connections.maxUnjoined()
                    + ") must be below limits.max-connections (" + limits.maxConnections()
                    + "): the rest is kept for members of rooms");
        }
    }

    /** The shipped defaults, then {@code -Dpeerstack.signaling.*} and {@code PEERSTACK_SIGNALING_*}. */
    public static SignalingServerConfig load() {
        return loader().load();
    }

    /** As {@link #load()} with {@code file} layered over the defaults. */
    public static SignalingServerConfig load(Path file) {
        return loader().load(Optional.of(Objects.requireNonNull(file, "file")));
    }

    /**
     * The shipped defaults with single keys replaced, ignoring the process's properties and
     * environment (for tests and embedding), e.g. {@code of(Map.of("server.port", "0"))}.
     */
    public static SignalingServerConfig of(Map<String, String> keys) {
        checkKeys(keys.keySet());
        Map<String, String> properties = new HashMap<>();
        keys.forEach((k, v) -> properties.put(PREFIX + "." + k, v));
        return loader().load(Optional.empty(), properties, Map.of());
    }

    /** Fails with {@link ConfigException} naming any key that is not in the shipped defaults. */
    public static void checkKeys(java.util.Collection<String> keys) {
        java.util.Set<String> known = knownKeys();
        for (String key : keys) {
            if (!known.contains(key)) {
                throw new ConfigException("unknown configuration key '" + key + "'; known keys: "
                        + new java.util.TreeSet<>(known));
            }
        }
    }

    /** Every {@code section.key} of the shipped defaults. */
    public static java.util.Set<String> knownKeys() {
        try (java.io.InputStream in = SignalingServerConfig.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
            com.fasterxml.jackson.databind.JsonNode root = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(in);
            java.util.Set<String> keys = new java.util.HashSet<>();
            root.fields().forEachRemaining(section -> section.getValue().fieldNames()
                    .forEachRemaining(key -> keys.add(section.getKey() + "." + key)));
            return keys;
        } catch (java.io.IOException | RuntimeException e) {
            throw new ConfigException("cannot read the shipped defaults " + DEFAULTS_RESOURCE, e);
        }
    }

    public static ConfigLoader<SignalingServerConfig> loader() {
        return ConfigLoader.of(SignalingServerConfig.class, DEFAULTS_RESOURCE, PREFIX);
    }
}
