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

    /** Defaults, overridden by {@code -Dpeerstack.config=FILE} / {@code PEERSTACK_CONFIG} and single keys. */
    public static PeerstackConfig load() {
        return loader().load();
    }

    /** Defaults overridden by {@code file}, then by single-key system properties and environment variables. */
    public static PeerstackConfig load(Path file) {
        return loader().load(Optional.of(Objects.requireNonNull(file, "file")));
    }

    /** A copy with another {@code media:} section. */
    public PeerstackConfig withMedia(MediaConfig media) {
        return new PeerstackConfig(webrtc, media, recorder);
    }

    public static ConfigLoader<PeerstackConfig> loader() {
        return ConfigLoader.of(PeerstackConfig.class, DEFAULTS_RESOURCE, "peerstack");
    }
}
