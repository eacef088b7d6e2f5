package org.peerstack.media;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * W3C {@code MediaTrackSettings}: the current value of each constrainable property of a track's source.
 * Immutable; a property that does not apply to the track's kind or source is empty.
 */
public final class MediaTrackSettings {

    private final Map<Constrainable, Object> values;

    MediaTrackSettings(Map<Constrainable, Object> values) {
        EnumMap<Constrainable, Object> copy = new EnumMap<>(Constrainable.class);
        copy.putAll(values);
        this.values = Collections.unmodifiableMap(copy);
    }

    Object get(Constrainable property) {
        return values.get(property);
    }

    Map<Constrainable, Object> values() {
        return values;
    }

    MediaTrackSettings with(Constrainable property, Object value) {
        EnumMap<Constrainable, Object> copy = new EnumMap<>(Constrainable.class);
        copy.putAll(values);
        copy.put(property, value);
        return new MediaTrackSettings(copy);
    }

    private OptionalInt integer(Constrainable p) {
        Object v = values.get(p);
        return v == null ? OptionalInt.empty() : OptionalInt.of(((Number) v).intValue());
    }

    private OptionalDouble real(Constrainable p) {
        Object v = values.get(p);
        return v == null ? OptionalDouble.empty() : OptionalDouble.of(((Number) v).doubleValue());
    }

    private Optional<Boolean> bool(Constrainable p) {
        return Optional.ofNullable((Boolean) values.get(p));
    }

    private Optional<String> string(Constrainable p) {
        return Optional.ofNullable((String) values.get(p));
    }

    /**
     * The current {@code width}: the width of the video frames (pixels).
     *
     * @return the value, or empty if it does not apply to the track's kind or source
     */
    public OptionalInt width() {
        return integer(Constrainable.WIDTH);
    }

    /**
     * The current {@code height}: the height of the video frames (pixels).
     *
     * @return the value, or empty if it does not apply to the track's kind or source
     */
    public OptionalInt height() {
        return integer(Constrainable.HEIGHT);
    }

    /**
     * The current {@code aspectRatio}: the width divided by the height of the video frames.
     *
     * @return the value, or empty if it does not apply to the track's kind or source
     */
    public OptionalDouble aspectRatio() {
        return real(Constrainable.ASPECT_RATIO);
    }

    /**
     * The current {@code frameRate}: the rate of video frames (frames per second).
     *
     * @return the value, or empty if it does not apply to the track's kind or source
     */
    public OptionalDouble frameRate() {
        return real(Constrainable.FRAME_RATE);
    }

    /**
     * The current {@code facingMode}: which way a camera faces, a {@link VideoFacingMode} token.
     *
     * @return the value, or empty if it does not apply to the track's kind or source
     */
    public Optional<String> facingMode() {
        return string(Constrainable.FACING_MODE);
    }

    /**
     * The current {@code resizeMode}: whether the user agent may scale or crop the source's frames, a
     * {@link VideoResizeMode} token.
     *
     * @return the value, or empty if it does not apply to the track's kind or source
     */
    public Optional<String> resizeMode() {
        return string(Constrainable.RESIZE_MODE);
    }

    /**
     * The current {@code sampleRate}: the rate of audio samples per channel (Hz).
     *
     * @return the value, or empty if it does not apply to the track's kind or source
     */
    public OptionalInt sampleRate() {
        return integer(Constrainable.SAMPLE_RATE);
    }

    /**
     * The current {@code sampleSize}: the size of one linear audio sample (bits).
     *
     * @return the value, or empty if it does not apply to the track's kind or source
     */
    public OptionalInt sampleSize() {
        return integer(Constrainable.SAMPLE_SIZE);
    }

    /**
     * The current {@code echoCancellation}: whether echo cancellation is applied to the audio.
     *
     * @return the value, or empty if it does not apply to the track's kind or source
     */
    public Optional<Boolean> echoCancellation() {
        return bool(Constrainable.ECHO_CANCELLATION);
    }

    /**
     * The current {@code autoGainControl}: whether automatic gain control is applied to the audio.
     *
     * @return the value, or empty if it does not apply to the track's kind or source
     */
    public Optional<Boolean> autoGainControl() {
        return bool(Constrainable.AUTO_GAIN_CONTROL);
    }

    /**
     * The current {@code noiseSuppression}: whether noise suppression is applied to the audio.
     *
     * @return the value, or empty if it does not apply to the track's kind or source
     */
    public Optional<Boolean> noiseSuppression() {
        return bool(Constrainable.NOISE_SUPPRESSION);
    }

    /**
     * The current {@code latency}: the delay from capture to the track (seconds).
     *
     * @return the value, or empty if it does not apply to the track's kind or source
     */
    public OptionalDouble latency() {
        return real(Constrainable.LATENCY);
    }

    /**
     * The current {@code channelCount}: the number of audio channels.
     *
     * @return the value, or empty if it does not apply to the track's kind or source
     */
    public OptionalInt channelCount() {
        return integer(Constrainable.CHANNEL_COUNT);
    }

    /**
     * The current {@code deviceId}: the device's {@link MediaDeviceInfo#deviceId()}.
     *
     * @return the value, or empty if it does not apply to the track's kind or source
     */
    public Optional<String> deviceId() {
        return string(Constrainable.DEVICE_ID);
    }

    /**
     * The current {@code groupId}: the device's {@link MediaDeviceInfo#groupId()}: devices of one physical product
     * share it.
     *
     * @return the value, or empty if it does not apply to the track's kind or source
     */
    public Optional<String> groupId() {
        return string(Constrainable.GROUP_ID);
    }

    /**
     * The settings under their W3C names, for JSON: numbers as {@code Long} or {@code Double}, tokens and ids as
     * strings.
     *
     * @return an immutable map in {@code Constrainable} order; only the properties that apply
     */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        values.forEach((k, v) -> map.put(k.key, v));
        return Collections.unmodifiableMap(map);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MediaTrackSettings s && s.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return toMap().toString();
    }
    /**
     * A builder of settings, for the default settings of custom and remote sources.
     *
     * @return a new builder with no property set
     */
    public static Builder newBuilder() {
        return new Builder();
    }

    /** Builder of {@link MediaTrackSettings}; {@code aspectRatio} follows from width and height. */
    public static final class Builder {

        private final Map<Constrainable, Object> values = new EnumMap<>(Constrainable.class);

        private Builder() {
        }

        /**
         * Sets {@code width}: the width of the video frames (pixels).
         *
         * @param pixels the value
         * @return this builder
         */
        public Builder width(int pixels) {
            values.put(Constrainable.WIDTH, (long) pixels);
            return this;
        }

        /**
         * Sets {@code height}: the height of the video frames (pixels).
         *
         * @param pixels the value
         * @return this builder
         */
        public Builder height(int pixels) {
            values.put(Constrainable.HEIGHT, (long) pixels);
            return this;
        }

        /**
         * Sets {@code frameRate}: the rate of video frames (frames per second).
         *
         * @param fps the value
         * @return this builder
         */
        public Builder frameRate(double fps) {
            values.put(Constrainable.FRAME_RATE, fps);
            return this;
        }

        /**
         * Sets {@code facingMode}: which way a camera faces, a {@link VideoFacingMode} token.
         *
         * @param mode the value
         * @return this builder
         * @throws NullPointerException if {@code mode} is null
         */
        public Builder facingMode(VideoFacingMode mode) {
            values.put(Constrainable.FACING_MODE, mode.token());
            return this;
        }

        /**
         * Sets {@code resizeMode}: whether the user agent may scale or crop the source's frames, a
         * {@link VideoResizeMode} token.
         *
         * @param mode the value
         * @return this builder
         * @throws NullPointerException if {@code mode} is null
         */
        public Builder resizeMode(VideoResizeMode mode) {
            values.put(Constrainable.RESIZE_MODE, mode.token());
            return this;
        }

        /**
         * Sets {@code sampleRate}: the rate of audio samples per channel (Hz).
         *
         * @param hz the value
         * @return this builder
         */
        public Builder sampleRate(int hz) {
            values.put(Constrainable.SAMPLE_RATE, (long) hz);
            return this;
        }

        /**
         * Sets {@code sampleSize}: the size of one linear audio sample (bits).
         *
         * @param bits the value
         * @return this builder
         */
        public Builder sampleSize(int bits) {
            values.put(Constrainable.SAMPLE_SIZE, (long) bits);
            return this;
        }

        /**
         * Sets {@code echoCancellation}: whether echo cancellation is applied to the audio.
         *
         * @param on the value
         * @return this builder
         */
        public Builder echoCancellation(boolean on) {
            values.put(Constrainable.ECHO_CANCELLATION, on);
            return this;
        }

        /**
         * Sets {@code autoGainControl}: whether automatic gain control is applied to the audio.
         *
         * @param on the value
         * @return this builder
         */
        public Builder autoGainControl(boolean on) {
            values.put(Constrainable.AUTO_GAIN_CONTROL, on);
            return this;
        }

        /**
         * Sets {@code noiseSuppression}: whether noise suppression is applied to the audio.
         *
         * @param on the value
         * @return this builder
         */
        public Builder noiseSuppression(boolean on) {
            values.put(Constrainable.NOISE_SUPPRESSION, on);
            return this;
        }

        /**
         * Sets {@code latency}: the delay from capture to the track (seconds).
         *
         * @param seconds the value
         * @return this builder
         */
        public Builder latency(double seconds) {
            values.put(Constrainable.LATENCY, seconds);
            return this;
        }

        /**
         * Sets {@code channelCount}: the number of audio channels.
         *
         * @param channels the value
         * @return this builder
         */
        public Builder channelCount(int channels) {
            values.put(Constrainable.CHANNEL_COUNT, (long) channels);
            return this;
        }

        /**
         * Sets {@code deviceId}: the device's {@link MediaDeviceInfo#deviceId()}.
         *
         * @param id the value
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
         * @param id the value
         * @return this builder
         */
        public Builder groupId(String id) {
            values.put(Constrainable.GROUP_ID, id);
            return this;
        }

        /**
         * Builds the immutable settings; {@code aspectRatio} is set from width and height when both are set and the
         * height is positive.
         *
         * @return the settings
         */
        public MediaTrackSettings build() {
            Object w = values.get(Constrainable.WIDTH);
            Object h = values.get(Constrainable.HEIGHT);
            if (w != null && h != null && ((Long) h) > 0) {
                values.put(Constrainable.ASPECT_RATIO, ((Long) w).doubleValue() / (Long) h);
            }
            return new MediaTrackSettings(values);
        }
    }
}
