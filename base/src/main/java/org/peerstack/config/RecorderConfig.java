package org.peerstack.config;

import org.peerstack.exc.ConfigException;

/**
 * The {@code recorder:} section of {@code config/peerstack.yaml}: defaults and limits of MediaRecorder.
 *
 * @param videoBitsPerSecond     video bitrate when the caller sets none (bits per second)
 * @param audioBitsPerSecond     audio bitrate when the caller sets none (bits per second)
 * @param minTimesliceMs         smallest timeslice honoured; smaller ones are raised to it (milliseconds)
 * @param maxQueueBytes          input queue limit per recorder: media copied in but not yet encoded; more
 *                               is an error, never silent loss (bytes)
 * @param maxQueueItems          input queue limit per recorder in frames plus audio buffers (count)
 * @param frameRateHint          expected video frame rate, for rate control and the duration of a
 *                               frame after a pause (frames per second)
 * @param keyframeIntervalFrames distance between video keyframes (frames)
 * @param maxTimestampJumpMs     a video timestamp further than this past the previous one is treated as
 *                               a clock jump and closed up, not kept as a gap (milliseconds)
 * @param audioGapFillMs         an audio timestamp later than the samples so far by more than this is
 *                               a gap filled with silence, keeping audio in step with video (milliseconds)
 * @param vpxCpuUsed             libvpx speed/quality trade-off in realtime mode, -16..16 (VP8; VP9 clamped
 *                               to -8..8), larger magnitude is faster; positive adapts the speed to the
 *                               frame duration, negative fixes it (libvpx units)
 * @param encoderThreads         threads per video encoder, 0 = one per core (count)
 * @param closeTimeoutMs         how long {@code close()} waits for the worker to finish and free native
 *                               memory (milliseconds)
 * @param trackCheckMs           how often a MediaRecorder compares the stream's track set with the one
 *                               at start, checks whether all tracks ended and fills muted time with
 *                               black/silence (milliseconds)
 * @param maxTrackClockSkewMs    a track's frame timestamps that drift further than this from the
 *                               recorder's clock (or do not advance) are replaced by arrival times
 *                               (milliseconds)
 */
public record RecorderConfig(long videoBitsPerSecond, long audioBitsPerSecond, long minTimesliceMs,
                             long maxQueueBytes, int maxQueueItems, int frameRateHint,
                             int keyframeIntervalFrames, long maxTimestampJumpMs, long audioGapFillMs,
                             int vpxCpuUsed, int encoderThreads, long closeTimeoutMs, long trackCheckMs,
                             long maxTrackClockSkewMs) {

    /** Lowest bitrate accepted for either kind (bits per second). */
    public static final long MIN_BITS_PER_SECOND = 1_000;
    /** Highest bitrate accepted for either kind (bits per second). */
    public static final long MAX_BITS_PER_SECOND = 200_000_000;
    /** Most threads one video encoder may use (count). */
    public static final int MAX_ENCODER_THREADS = 16;

    /**
     * Validates every value.
     *
     * @param videoBitsPerSecond     video bitrate when the caller sets none (bits per second)
     * @param audioBitsPerSecond     audio bitrate when the caller sets none (bits per second)
     * @param minTimesliceMs         smallest timeslice honoured; smaller ones are raised to it (milliseconds)
     * @param maxQueueBytes          input queue limit per recorder: media copied in but not yet encoded; more
     *     is an error, never silent loss (bytes)
     * @param maxQueueItems          input queue limit per recorder in frames plus audio buffers (count)
     * @param frameRateHint          expected video frame rate, for rate control and the duration of a
     *     frame after a pause (frames per second)
     * @param keyframeIntervalFrames distance between video keyframes (frames)
     * @param maxTimestampJumpMs     a video timestamp further than this past the previous one is treated as
     *     a clock jump and closed up, not kept as a gap (milliseconds)
     * @param audioGapFillMs         an audio timestamp later than the samples so far by more than this is
     *     a gap filled with silence, keeping audio in step with video (milliseconds)
     * @param vpxCpuUsed             libvpx speed/quality trade-off in realtime mode, -16..16 (VP8; VP9 clamped
     *     to -8..8), larger magnitude is faster; positive adapts the speed to the
     *     frame duration, negative fixes it (libvpx units)
     * @param encoderThreads         threads per video encoder, 0 = one per core (count)
     * @param closeTimeoutMs         how long {@code close()} waits for the worker to finish and free native
     *     memory (milliseconds)
     * @param trackCheckMs           how often a MediaRecorder compares the stream's track set with the one
     *     at start, checks whether all tracks ended and fills muted time with
     *     black/silence (milliseconds)
     * @param maxTrackClockSkewMs    a track's frame timestamps that drift further than this from the
     *     recorder's clock (or do not advance) are replaced by arrival times
     *     (milliseconds)
     * @throws ConfigException if a value is outside its documented range (the message names the YAML key)
     */
    public RecorderConfig {
        checkBitrate("recorder.video-bits-per-second", videoBitsPerSecond);
        checkBitrate("recorder.audio-bits-per-second", audioBitsPerSecond);
        positive("recorder.min-timeslice-ms", minTimesliceMs);
        if (maxQueueBytes < 1 << 20) {
            throw new ConfigException("recorder.max-queue-bytes must be at least 1 MiB (got " + maxQueueBytes + ")");
        }
        positive("recorder.max-queue-items", maxQueueItems);
        if (frameRateHint < 1 || frameRateHint > 240) {
            throw new ConfigException("recorder.frame-rate-hint must be within 1..240 (got " + frameRateHint + ")");
        }
        positive("recorder.keyframe-interval-frames", keyframeIntervalFrames);
        positive("recorder.max-timestamp-jump-ms", maxTimestampJumpMs);
        positive("recorder.audio-gap-fill-ms", audioGapFillMs);
        if (vpxCpuUsed < -16 || vpxCpuUsed > 16) {
            throw new ConfigException("recorder.vpx-cpu-used must be within -16..16 (got " + vpxCpuUsed + ")");
        }
        if (encoderThreads < 0 || encoderThreads > MAX_ENCODER_THREADS) {
            throw new ConfigException("recorder.encoder-threads must be within 0.." + MAX_ENCODER_THREADS
                    + " (got " + encoderThreads + ")");
        }
        positive("recorder.close-timeout-ms", closeTimeoutMs);
        positive("recorder.track-check-ms", trackCheckMs);
        positive("recorder.max-track-clock-skew-ms", maxTrackClockSkewMs);
    }

    /**
     * The shipped defaults, without reading any file, property or environment variable (the same values
     * as {@code config/peerstack.yaml}; {@code PeerstackConfig.load().recorder()} applies overrides).
     *
     * @return the default recorder configuration
     */
    public static RecorderConfig defaults() {
        return new RecorderConfig(2_500_000, 128_000, 100, 64L << 20, 4096, 30, 60, 30_000, 100, -8, 1, 10_000, 50,
                1_000);
    }

    /**
     * A builder starting from this configuration's values, to change a few of them.
     *
     * @return a new builder; this record is unchanged
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Changes some values of a {@link RecorderConfig}; {@link #build()} validates them all. */
    public static final class Builder {
        private long videoBitsPerSecond;
        private long audioBitsPerSecond;
        private long minTimesliceMs;
        private long maxQueueBytes;
        private int maxQueueItems;
        private int frameRateHint;
        private int keyframeIntervalFrames;
        private long maxTimestampJumpMs;
        private long audioGapFillMs;
        private int vpxCpuUsed;
        private int encoderThreads;
        private long closeTimeoutMs;
        private long trackCheckMs;
        private long maxTrackClockSkewMs;

        private Builder(RecorderConfig c) {
            videoBitsPerSecond = c.videoBitsPerSecond;
            audioBitsPerSecond = c.audioBitsPerSecond;
            minTimesliceMs = c.minTimesliceMs;
            maxQueueBytes = c.maxQueueBytes;
            maxQueueItems = c.maxQueueItems;
            frameRateHint = c.frameRateHint;
            keyframeIntervalFrames = c.keyframeIntervalFrames;
            maxTimestampJumpMs = c.maxTimestampJumpMs;
            audioGapFillMs = c.audioGapFillMs;
            vpxCpuUsed = c.vpxCpuUsed;
            encoderThreads = c.encoderThreads;
            closeTimeoutMs = c.closeTimeoutMs;
            trackCheckMs = c.trackCheckMs;
            maxTrackClockSkewMs = c.maxTrackClockSkewMs;
        }

        /**
         * Sets {@code maxQueueBytes}; checked by {@link #build()}.
         *
         * @param bytes the input queue limit per recorder (bytes, at least 1 MiB)
         * @return this builder
         */
        public Builder maxQueueBytes(long bytes) {
            maxQueueBytes = bytes;
            return this;
        }

        /**
         * Sets {@code maxQueueItems}; checked by {@link #build()}.
         *
         * @param items the input queue limit per recorder in frames plus audio buffers (count, positive)
         * @return this builder
         */
        public Builder maxQueueItems(int items) {
            maxQueueItems = items;
            return this;
        }

        /**
         * Sets {@code vpxCpuUsed}; checked by {@link #build()}.
         *
         * @param value the libvpx speed/quality trade-off, -16..16 (see {@link RecorderConfig})
         * @return this builder
         */
        public Builder vpxCpuUsed(int value) {
            vpxCpuUsed = value;
            return this;
        }

        /**
         * Sets {@code encoderThreads}; checked by {@link #build()}.
         *
         * @param threads threads per video encoder, 0..{@value RecorderConfig#MAX_ENCODER_THREADS}, 0 = one per core
         * @return this builder
         */
        public Builder encoderThreads(int threads) {
            encoderThreads = threads;
            return this;
        }

        /**
         * Sets {@code closeTimeoutMs}; checked by {@link #build()}.
         *
         * @param ms how long {@code close()} waits for the worker (milliseconds, positive)
         * @return this builder
         */
        public Builder closeTimeoutMs(long ms) {
            closeTimeoutMs = ms;
            return this;
        }

        /**
         * Sets {@code trackCheckMs}; checked by {@link #build()}.
         *
         * @param ms how often a MediaRecorder checks its stream's tracks (milliseconds, positive)
         * @return this builder
         */
        public Builder trackCheckMs(long ms) {
            trackCheckMs = ms;
            return this;
        }

        /**
         * Sets {@code maxTrackClockSkewMs}; checked by {@link #build()}.
         *
         * @param ms the largest drift of track timestamps from the recorder's clock (milliseconds, positive)
         * @return this builder
         */
        public Builder maxTrackClockSkewMs(long ms) {
            maxTrackClockSkewMs = ms;
            return this;
        }

        /**
         * Builds the configuration, validating every value.
         *
         * @return the new configuration
         * @throws ConfigException if a value is out of its range (the message names the YAML key)
         */
        public RecorderConfig build() {
            return new RecorderConfig(videoBitsPerSecond, audioBitsPerSecond, minTimesliceMs, maxQueueBytes,
                    maxQueueItems, frameRateHint, keyframeIntervalFrames, maxTimestampJumpMs, audioGapFillMs,
                    vpxCpuUsed, encoderThreads, closeTimeoutMs, trackCheckMs, maxTrackClockSkewMs);
        }
    }

    private static void checkBitrate(String key, long value) {
        if (value < MIN_BITS_PER_SECOND || value > MAX_BITS_PER_SECOND) {
            throw new ConfigException(key + " must be within " + MIN_BITS_PER_SECOND + ".." + MAX_BITS_PER_SECOND
                    + " (got " + value + ")");
        }
    }

    private static void positive(String key, long value) {
        if (value <= 0) {
            throw new ConfigException(key + " must be positive (got " + value + ")");
        }
    }
}
