package org.peerstack.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.peerstack.exc.ConfigException;

/**
 * The library's configuration: {@code config/peerstack.yaml}, one record per section.
 * Later features add their sections here.
 *
 * @param webrtc   the {@code webrtc:} section
 * @param media    the {@code media:} section (Media Capture and Streams)
 * @param recorder the {@code recorder:} section (MediaRecorder defaults and limits)
 */
public record PeerstackConfig(WebRtcConfig webrtc, MediaConfig media, RecorderConfig recorder) {

    /** Classpath location of the shipped defaults (a copy of {@code config/peerstack.yaml}). */
    public static final String DEFAULTS_RESOURCE = "/org/peerstack/config/peerstack.yaml";

    /**
     * Checks that every section is present (each section validates its own values).
     *
     * @param webrtc   the {@code webrtc:} section
     * @param media    the {@code media:} section (Media Capture and Streams)
     * @param recorder the {@code recorder:} section (MediaRecorder defaults and limits)
     * @throws ConfigException if a section is null, i.e. missing from the YAML
     */
    public PeerstackConfig {
        if (webrtc == null) {
            throw new ConfigException("section 'webrtc' is missing");
        }
        if (media == null) {
            throw new ConfigException("section 'media' is missing");
        }
        if (recorder == null) {
            throw new ConfigException("section 'recorder' is missing");
        }
    }

    /**
     * Loads the configuration: the shipped defaults, overridden by the file named by
     * {@code -Dpeerstack.config=FILE} or {@code PEERSTACK_CONFIG}, then by single keys such as
     * {@code -Dpeerstack.webrtc.min-port=50000} or {@code PEERSTACK_WEBRTC_MIN_PORT=50000} (see
     * {@link ConfigLoader}).
     *
     * @return the validated configuration
     * @throws ConfigException if a file cannot be read or parsed, a key is unknown or a value is invalid
     */
    public static PeerstackConfig load() {
        return loader().load();
    }

    /**
     * Loads the configuration: the shipped defaults, overridden by {@code file}, then by single-key system
     * properties and environment variables.
     *
     * @param file a YAML file holding some or all sections; must exist
     * @return the validated configuration
     * @throws NullPointerException if {@code file} is null
     * @throws ConfigException if the file does not exist or cannot be parsed, a key is unknown or a value is
     *     invalid
     */
    public static PeerstackConfig load(Path file) {
        return loader().load(Optional.of(Objects.requireNonNull(file, "file")));
    }

    /**
     * A copy with another {@code media:} section, the other sections unchanged.
     *
     * @param media the new section
     * @return the new configuration
     * @throws ConfigException if {@code media} is null
     */
    public PeerstackConfig withMedia(MediaConfig media) {
        return new PeerstackConfig(webrtc, media, recorder);
    }

    /**
     * The loader behind {@link #load()}: defaults from {@link #DEFAULTS_RESOURCE}, prefix {@code peerstack}.
     * Use it to load from explicit properties and environment, e.g. in tests.
     *
     * @return a new loader
     */
    public static ConfigLoader<PeerstackConfig> loader() {
        return ConfigLoader.of(PeerstackConfig.class, DEFAULTS_RESOURCE, "peerstack");
    }
}
