package org.peerstack.media;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * W3C {@code MediaTrackCapabilities}: the values a source can take, as ranges ({@link ULongRange},
 * {@link DoubleRange}) or lists. Immutable; properties the source does not have are empty. Sources
 * build theirs with {@link #newBuilder()}.
 */
public final class MediaTrackCapabilities {

    private final Map<Constrainable, Object> values;

    private MediaTrackCapabilities(Map<Constrainable, Object> values) {
        this.values = Collections.unmodifiableMap(new EnumMap<>(values));
    }

    /**
     * A builder with no capability set, for sources (including custom and remote ones).
     *
     * @return a new builder
     */
    public static Builder newBuilder() {
        return new Builder();
    }

    Object get(Constrainable property) {
        return values.get(property);
    }

    Map<Constrainable, Object> values() {
        return values;
    }

    @SuppressWarnings("unchecked")
    private <T> Optional<T> value(Constrainable p) {
        return Optional.ofNullable((T) values.get(p));
    }

    /**
     * The capability for {@code width}: the width of the video frames (pixels).
     *
     * @return the range of values the source supports, or empty if the source has no such property
     */
    public Optional<ULongRange> width() {
        return value(Constrainable.WIDTH);
    }

    /**
     * The capability for {@code height}: the height of the video frames (pixels).
     *
     * @return the range of values the source supports, or empty if the source has no such property
     */
    public Optional<ULongRange> height() {
        return value(Constrainable.HEIGHT);
    }

    /**
     * The capability for {@code aspectRatio}: the width divided by the height of the video frames.
     *
     * @return the range of values the source supports, or empty if the source has no such property
     */
    public Optional<DoubleRange> aspectRatio() {
        return value(Constrainable.ASPECT_RATIO);
    }

    /**
     * The capability for {@code frameRate}: the rate of video frames (frames per second).
     *
     * @return the range of values the source supports, or empty if the source has no such property
     */
    public Optional<DoubleRange> frameRate() {
        return value(Constrainable.FRAME_RATE);
    }

    /**
     * The capability for {@code facingMode}: which way a camera faces, a {@link VideoFacingMode} token.
     *
     * @return the tokens the source supports, or empty if the source has no such property
     */
    public Optional<List<String>> facingMode() {
        return value(Constrainable.FACING_MODE);
    }

    /**
     * The capability for {@code resizeMode}: whether the user agent may scale or crop the source's frames, a
     * {@link VideoResizeMode} token.
     *
     * @return the tokens the source supports, or empty if the source has no such property
     */
    public Optional<List<String>> resizeMode() {
        return value(Constrainable.RESIZE_MODE);
    }

    /**
     * The capability for {@code sampleRate}: the rate of audio samples per channel (Hz).
     *
     * @return the range of values the source supports, or empty if the source has no such property
     */
    public Optional<ULongRange> sampleRate() {
        return value(Constrainable.SAMPLE_RATE);
    }

    /**
     * The capability for {@code sampleSize}: the size of one linear audio sample (bits).
     *
     * @return the range of values the source supports, or empty if the source has no such property
     */
    public Optional<ULongRange> sampleSize() {
        return value(Constrainable.SAMPLE_SIZE);
    }

    /**
     * The capability for {@code echoCancellation}: whether echo cancellation is applied to the audio.
     *
     * @return the values the source can be set to ({@code [false]}, {@code [true]} or both), or empty if the source
     *     has no such property
     */
    public Optional<List<Boolean>> echoCancellation() {
        return value(Constrainable.ECHO_CANCELLATION);
    }

    /**
     * The capability for {@code autoGainControl}: whether automatic gain control is applied to the audio.
     *
     * @return the values the source can be set to ({@code [false]}, {@code [true]} or both), or empty if the source
     *     has no such property
     */
    public Optional<List<Boolean>> autoGainControl() {
        return value(Constrainable.AUTO_GAIN_CONTROL);
    }

    /**
     * The capability for {@code noiseSuppression}: whether noise suppression is applied to the audio.
     *
     * @return the values the source can be set to ({@code [false]}, {@code [true]} or both), or empty if the source
     *     has no such property
     */
    public Optional<List<Boolean>> noiseSuppression() {
        return value(Constrainable.NOISE_SUPPRESSION);
    }

    /**
     * The capability for {@code latency}: the delay from capture to the track (seconds).
     *
     * @return the range of values the source supports, or empty if the source has no such property
     */
    public Optional<DoubleRange> latency() {
        return value(Constrainable.LATENCY);
    }

    /**
     * The capability for {@code channelCount}: the number of audio channels.
     *
     * @return the range of values the source supports, or empty if the source has no such property
     */
    public Optional<ULongRange> channelCount() {
        return value(Constrainable.CHANNEL_COUNT);
    }

    /**
     * The capability for {@code deviceId}: the device's {@link MediaDeviceInfo#deviceId()}.
     *
     * @return the value, which is fixed for the source, or empty if the source has no such property
     */
    public Optional<String> deviceId() {
        return value(Constrainable.DEVICE_ID);
    }

    /**
     * The capability for {@code groupId}: the device's {@link MediaDeviceInfo#groupId()}: devices of one physical
     * product share it.
     *
     * @return the value, which is fixed for the source, or empty if the source has no such property
     */
    public Optional<String> groupId() {
        return value(Constrainable.GROUP_ID);
    }

    /**
     * The capabilities under their W3C names, for JSON: ranges as {@link ULongRange}/{@link DoubleRange}, lists as
     * lists, ids as strings.
     *
     * @return an immutable map in {@code Constrainable} order; only the properties the source has
     */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        values.forEach((k, v) -> map.put(k.key, v));
        return Collections.unmodifiableMap(map);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MediaTrackCapabilities c && c.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return toMap().toString();
    }

    /** Builds capabilities; for sources, including custom and remote ones. */
    public static final class Builder {

        private final Map<Constrainable, Object> values = new EnumMap<>(Constrainable.class);

        private Builder() {
        }

        /**
         * Sets the range of {@code width}: the width of the video frames (pixels).
         *
         * @param min the smallest supported value (pixels)
         * @param max the largest supported value (pixels)
         * @return this builder
         * @throws IllegalArgumentException as {@link ULongRange} does for an invalid range
         */
        public Builder width(long min, long max) {
            values.put(Constrainable.WIDTH, new ULongRange(min, max));
            return this;
        }

        /**
         * Sets the range of {@code height}: the height of the video frames (pixels).
         *
         * @param min the smallest supported value (pixels)
         * @param max the largest supported value (pixels)
         * @return this builder
         * @throws IllegalArgumentException as {@link ULongRange} does for an invalid range
         */
        public Builder height(long min, long max) {
            values.put(Constrainable.HEIGHT, new ULongRange(min, max));
            return this;
        }

        /**
         * Sets the range of {@code aspectRatio}: the width divided by the height of the video frames.
         *
         * @param min the smallest supported value
         * @param max the largest supported value
         * @return this builder
         * @throws IllegalArgumentException as {@link DoubleRange} does for an invalid range
         */
        public Builder aspectRatio(double min, double max) {
            values.put(Constrainable.ASPECT_RATIO, new DoubleRange(min, max));
            return this;
        }

        /**
         * Sets the range of {@code frameRate}: the rate of video frames (frames per second).
         *
         * @param min the smallest supported value (frames per second)
         * @param max the largest supported value (frames per second)
         * @return this builder
         * @throws IllegalArgumentException as {@link DoubleRange} does for an invalid range
         */
        public Builder frameRate(double min, double max) {
            values.put(Constrainable.FRAME_RATE, new DoubleRange(min, max));
            return this;
        }

        /**
         * Sets the {@code facingMode} tokens the source supports.
         *
         * @param modes the supported modes, in order
         * @return this builder
         * @throws NullPointerException if a mode is null
         */
        public Builder facingMode(VideoFacingMode... modes) {
            values.put(Constrainable.FACING_MODE, java.util.Arrays.stream(modes).map(VideoFacingMode::token).toList());
            return this;
        }

        /**
         * Sets the {@code resizeMode} tokens the source supports.
         *
         * @param modes the supported modes, in order
         * @return this builder
         * @throws NullPointerException if a mode is null
         */
        public Builder resizeMode(VideoResizeMode... modes) {
            values.put(Constrainable.RESIZE_MODE, java.util.Arrays.stream(modes).map(VideoResizeMode::token).toList());
            return this;
        }

        /**
         * Sets the range of {@code sampleRate}: the rate of audio samples per channel (Hz).
         *
         * @param min the smallest supported value (Hz)
         * @param max the largest supported value (Hz)
         * @return this builder
         * @throws IllegalArgumentException as {@link ULongRange} does for an invalid range
         */
        public Builder sampleRate(long min, long max) {
            values.put(Constrainable.SAMPLE_RATE, new ULongRange(min, max));
            return this;
        }

        /**
         * Sets the range of {@code sampleSize}: the size of one linear audio sample (bits).
         *
         * @param min the smallest supported value (bits)
         * @param max the largest supported value (bits)
         * @return this builder
         * @throws IllegalArgumentException as {@link ULongRange} does for an invalid range
         */
        public Builder sampleSize(long min, long max) {
            values.put(Constrainable.SAMPLE_SIZE, new ULongRange(min, max));
            return this;
        }

        /**
         * Sets the values {@code echoCancellation} can take: {@code false} and/or {@code true}.
         *
         * @param values the possible values
         * @return this builder
         * @throws NullPointerException if a value is null
         */
        public Builder echoCancellation(Boolean... values) {
            this.values.put(Constrainable.ECHO_CANCELLATION, List.of(values));
            return this;
        }

        /**
         * Sets the values {@code autoGainControl} can take: {@code false} and/or {@code true}.
         *
         * @param values the possible values
         * @return this builder
         * @throws NullPointerException if a value is null
         */
        public Builder autoGainControl(Boolean... values) {
            this.values.put(Constrainable.AUTO_GAIN_CONTROL, List.of(values));
            return this;
        }

        /**
         * Sets the values {@code noiseSuppression} can take: {@code false} and/or {@code true}.
         *
         * @param values the possible values
         * @return this builder
         * @throws NullPointerException if a value is null
         */
        public Builder noiseSuppression(Boolean... values) {
            this.values.put(Constrainable.NOISE_SUPPRESSION, List.of(values));
            return this;
        }

        /**
         * Sets the range of {@code latency}: the delay from capture to the track (seconds).
         *
         * @param min the smallest supported value (seconds)
         * @param max the largest supported value (seconds)
         * @return this builder
         * @throws IllegalArgumentException as {@link DoubleRange} does for an invalid range
         */
        public Builder latency(double min, double max) {
            values.put(Constrainable.LATENCY, new DoubleRange(min, max));
            return this;
        }

        /**
         * Sets the range of {@code channelCount}: the number of audio channels.
         *
         * @param min the smallest supported value
         * @param max the largest supported value
         * @return this builder
         * @throws IllegalArgumentException as {@link ULongRange} does for an invalid range
         */
        public Builder channelCount(long min, long max) {
            values.put(Constrainable.CHANNEL_COUNT, new ULongRange(min, max));
            return this;
        }

        /**
         * Sets {@code deviceId}: the device's {@link MediaDeviceInfo#deviceId()}.
         *
         * @param id the identifier
         * @return this builder
         */
        public Builder deviceId(String id) {
            values.put(Constrainable.DEVICE_ID, id);
            return this;
        }

        /**
         * Sets {@code groupId}: the device's {@link MediaDeviceInfo#groupId()}: devices of one physical product
         * share it.
         *
         * @param id the identifier
         * @return this builder
         */
        public Builder groupId(String id) {
            values.put(Constrainable.GROUP_ID, id);
            return this;
        }

        /**
         * Builds the immutable capabilities.
         *
         * @return the capabilities
         */
        public MediaTrackCapabilities build() {
            return new MediaTrackCapabilities(values);
        }
    }
}
