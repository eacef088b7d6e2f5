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

    /** Frame width (pixels). */
    public OptionalInt width() {
        return integer(Constrainable.WIDTH);
    }

    /** Frame height (pixels). */
    public OptionalInt height() {
        return integer(Constrainable.HEIGHT);
    }

    /** Width divided by height. */
    public OptionalDouble aspectRatio() {
        return real(Constrainable.ASPECT_RATIO);
    }

    /** Frames per second. */
    public OptionalDouble frameRate() {
        return real(Constrainable.FRAME_RATE);
    }

    /** A {@link VideoFacingMode} token. */
    public Optional<String> facingMode() {
        return string(Constrainable.FACING_MODE);
    }

    /** A {@link VideoResizeMode} token. */
    public Optional<String> resizeMode() {
        return string(Constrainable.RESIZE_MODE);
    }

    /** Samples per second per channel (Hz). */
    public OptionalInt sampleRate() {
        return integer(Constrainable.SAMPLE_RATE);
    }

    /** Bits per sample. */
    public OptionalInt sampleSize() {
        return integer(Constrainable.SAMPLE_SIZE);
    }

    public Optional<Boolean> echoCancellation() {
        return bool(Constrainable.ECHO_CANCELLATION);
    }

    public Optional<Boolean> autoGainControl() {
        return bool(Constrainable.AUTO_GAIN_CONTROL);
    }

    public Optional<Boolean> noiseSuppression() {
        return bool(Constrainable.NOISE_SUPPRESSION);
    }

    /** Source latency (seconds). */
    public OptionalDouble latency() {
        return real(Constrainable.LATENCY);
    }

    public OptionalInt channelCount() {
        return integer(Constrainable.CHANNEL_COUNT);
    }

    public Optional<String> deviceId() {
        return string(Constrainable.DEVICE_ID);
    }

    public Optional<String> groupId() {
        return string(Constrainable.GROUP_ID);
    }

    /** The settings under their W3C names, for JSON. */
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
    /** Builds settings; for the default settings of custom and remote sources. */
    public static Builder newBuilder() {
        return new Builder();
    }

    /** Builder of {@link MediaTrackSettings}; {@code aspectRatio} follows from width and height. */
    public static final class Builder {

        private final Map<Constrainable, Object> values = new EnumMap<>(Constrainable.class);

        private Builder() {
        }

        public Builder width(int pixels) {
            values.put(Constrainable.WIDTH, (long) pixels);
            return this;
        }

        public Builder height(int pixels) {
            values.put(Constrainable.HEIGHT, (long) pixels);
            return this;
        }

        public Builder frameRate(double fps) {
            values.put(Constrainable.FRAME_RATE, fps);
            return this;
        }

        public Builder facingMode(VideoFacingMode mode) {
            values.put(Constrainable.FACING_MODE, mode.token());
            return this;
        }

        public Builder resizeMode(VideoResizeMode mode) {
            values.put(Constrainable.RESIZE_MODE, mode.token());
            return this;
        }

        public Builder sampleRate(int hz) {
            values.put(Constrainable.SAMPLE_RATE, (long) hz);
            return this;
        }

        public Builder sampleSize(int bits) {
            values.put(Constrainable.SAMPLE_SIZE, (long) bits);
            return this;
        }

        public Builder echoCancellation(boolean on) {
            values.put(Constrainable.ECHO_CANCELLATION, on);
            return this;
        }

        public Builder autoGainControl(boolean on) {
            values.put(Constrainable.AUTO_GAIN_CONTROL, on);
            return this;
        }

        public Builder noiseSuppression(boolean on) {
            values.put(Constrainable.NOISE_SUPPRESSION, on);
            return this;
        }

        public Builder latency(double seconds) {
            values.put(Constrainable.LATENCY, seconds);
            return this;
        }

        public Builder channelCount(int channels) {
            values.put(Constrainable.CHANNEL_COUNT, (long) channels);
            return this;
        }

        public Builder deviceId(String id) {
            values.put(Constrainable.DEVICE_ID, id);
            return this;
        }

        public Builder groupId(String id) {
            values.put(Constrainable.GROUP_ID, id);
            return this;
        }

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
