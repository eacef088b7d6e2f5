package org.peerstack.internal.recorder;

import java.util.Objects;
import java.util.OptionalLong;
import org.peerstack.config.RecorderConfig;

/**
 * Everything a {@link RecorderEngine} needs besides its input.
 *
 * @param type               what to write (from {@link RecordingTypes#select})
 * @param videoBitsPerSecond video bitrate (bits per second; ignored without video)
 * @param audioBitsPerSecond audio bitrate (bits per second; ignored without audio)
 * @param config             limits and encoder defaults
 * @param producerWaitMs     how long a producer's push waits for room in a full queue before the
 *                           overflow is reported: 0 for live sources (never block a capture thread);
 *                           more for file-like sources fed faster than real time (milliseconds)
 */
public record RecorderSettings(RecordingType type, long videoBitsPerSecond, long audioBitsPerSecond,
                               RecorderConfig config, long producerWaitMs) {

    /** Least audio bitrate when {@code bitsPerSecond} is split between audio and video (bits per second). */
    public static final long MIN_SPLIT_AUDIO_BITS_PER_SECOND = 32_000;
    /** Share of {@code bitsPerSecond} given to audio when splitting, before clamping (1/n). */
    public static final int AUDIO_SHARE_DIVISOR = 10;

    public RecorderSettings {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(config, "config");
        clamp(videoBitsPerSecond);
        clamp(audioBitsPerSecond);
        if (producerWaitMs < 0) {
            throw new IllegalArgumentException("producerWaitMs must be >= 0: " + producerWaitMs);
        }
    }

    /**
     * Bitrates from MediaRecorderOptions (W3C MediaStream Recording, "constructor" steps):
     * {@code bitsPerSecond} overrides the per-kind values and is split so the two sum to it (audio gets
     * a tenth, at least {@value #MIN_SPLIT_AUDIO_BITS_PER_SECOND} and at most the configured default;
     * video the rest); otherwise each kind takes its own option or the configured default. Values are
     * clamped to the configured range.
     */
    public static RecorderSettings of(RecordingType type, RecorderConfig config, OptionalLong bitsPerSecond,
                                      OptionalLong videoBitsPerSecond, OptionalLong audioBitsPerSecond) {
        return of(type, config, bitsPerSecond, videoBitsPerSecond, audioBitsPerSecond, true, true);
    }

    /**
     * As {@link #of(RecordingType, RecorderConfig, OptionalLong, OptionalLong, OptionalLong)} for a stream
     * with the given kinds of tracks: {@code bitsPerSecond} is split only when the stream has both kinds and
     * the type records both; a one-kind stream gets all of it for that kind and no budget (0) for the other,
     * as W3C's "split" says (an audio-only stream at 500 kbit/s records audio at 500 kbit/s).
     */
    public static RecorderSettings of(RecordingType type, RecorderConfig config, OptionalLong bitsPerSecond,
                                      OptionalLong videoBitsPerSecond, OptionalLong audioBitsPerSecond,
                                      boolean streamHasVideo, boolean streamHasAudio) {
        long video = videoBitsPerSecond.orElse(config.videoBitsPerSecond());
        long audio = audioBitsPerSecond.orElse(config.audioBitsPerSecond());
        if (bitsPerSecond.isPresent()) {
            long total = clamp(bitsPerSecond.getAsLong());
            boolean records = streamHasVideo && type.hasVideo();
            boolean recordsAudio = streamHasAudio && type.hasAudio();
            if (records != recordsAudio) {
                return new RecorderSettings(type, records ? total : 0, recordsAudio ? total : 0, config, 0);
            }
            if (type.hasVideo() && type.hasAudio()) {
                audio = Math.min(config.audioBitsPerSecond(),
                        Math.max(MIN_SPLIT_AUDIO_BITS_PER_SECOND, total / AUDIO_SHARE_DIVISOR));
                audio = Math.min(audio, total / 2);
                video = total - audio;
            } else if (type.hasVideo()) {
                video = total;
            } else {
                audio = total;
            }
        }
        return new RecorderSettings(type, clamp(video), clamp(audio), config, 0);
    }

    /** A copy whose producers wait up to {@code millis} for room instead of overflowing at once. */
    public RecorderSettings withProducerWaitMs(long millis) {
        return new RecorderSettings(type, videoBitsPerSecond, audioBitsPerSecond, config, millis);
    }

    private static long clamp(long bps) {
        return Math.max(RecorderConfig.MIN_BITS_PER_SECOND, Math.min(RecorderConfig.MAX_BITS_PER_SECOND, bps));
    }
}
