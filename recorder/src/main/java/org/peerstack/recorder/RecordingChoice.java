package org.peerstack.recorder;

import org.peerstack.config.PeerstackConfig;
import org.peerstack.config.RecorderConfig;
import org.peerstack.exc.NotSupportedException;
import org.peerstack.exc.UnsupportedRecordingTypeException;
import org.peerstack.internal.recorder.RecorderSettings;
import org.peerstack.internal.recorder.RecordingType;
import org.peerstack.internal.recorder.RecordingTypes;

/**
 * What a {@link MediaRecorder} writes and at which bitrates, from its options and tracks (the engine's
 * {@link RecordingTypes} and {@link RecorderSettings}, with the engine's errors turned into the W3C ones).
 */
final class RecordingChoice {

    /** The capability table of the loaded FFmpeg build (its natives load on first use). */
    private static final RecordingTypes NATIVE = RecordingTypes.ofNativeEncoders();

    private static RecorderConfig defaultConfig;

    private RecordingChoice() {
    }

    static boolean isTypeSupported(String type) {
        return type != null && NATIVE.isTypeSupported(type);
    }

    /**
     * The type and bitrates for a recording of these kinds of tracks.
     *
     * @throws NotSupportedException if the type cannot record them
     */
    static RecorderSettings settings(MediaRecorderOptions options, boolean video, boolean audio,
                                     RecorderConfig config) {
        RecordingType chosen;
        try {
            chosen = NATIVE.select(options.mimeType(), video, audio);
        } catch (UnsupportedRecordingTypeException e) {
            throw new NotSupportedException(e.getMessage(), e);
        }
        return RecorderSettings.of(chosen, config, options.bitsPerSecond(), options.videoBitsPerSecond(),
                options.audioBitsPerSecond(), video, audio);
    }

    /**
     * The {@code recorder:} section of {@link PeerstackConfig#load()}, read once; a bad file throws its
     * {@link org.peerstack.exc.ConfigException} on every call until it is fixed.
     */
    static synchronized RecorderConfig defaultConfig() {
        if (defaultConfig == null) {
            defaultConfig = PeerstackConfig.load().recorder();
        }
        return defaultConfig;
    }
}
