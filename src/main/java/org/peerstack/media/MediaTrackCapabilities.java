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

    public Optional<ULongRange> width() {
        return value(Constrainable.WIDTH);
    }

    public Optional<ULongRange> height() {
        return value(Constrainable.HEIGHT);
    }

    public Optional<DoubleRange> aspectRatio() {
        return value(Constrainable.ASPECT_RATIO);
    }

    public Optional<DoubleRange> frameRate() {
        return value(Constrainable.FRAME_RATE);
    }

    public Optional<List<String>> facingMode() {
        return value(Constrainable.FACING_MODE);
    }

    public Optional<List<String>> resizeMode() {
        return value(Constrainable.RESIZE_MODE);
    }

    public Optional<ULongRange> sampleRate() {
        return value(Constrainable.SAMPLE_RATE);
    }

    public Optional<ULongRange> sampleSize() {
        return value(Constrainable.SAMPLE_SIZE);
    }

    public Optional<List<Boolean>> echoCancellation() {
        return value(Constrainable.ECHO_CANCELLATION);
    }

    public Optional<List<Boolean>> autoGainControl() {
        return value(Constrainable.AUTO_GAIN_CONTROL);
    }

    public Optional<List<Boolean>> noiseSuppression() {
        return value(Constrainable.NOISE_SUPPRESSION);
    }

    public Optional<DoubleRange> latency() {
        return value(Constrainable.LATENCY);
    }

    public Optional<ULongRange> channelCount() {
        return value(Constrainable.CHANNEL_COUNT);
    }

    public Optional<String> deviceId() {
        return value(Constrainable.DEVICE_ID);
    }

    public Optional<String> groupId() {
        return value(Constrainable.GROUP_ID);
    }

    /** The capabilities under their W3C names, for JSON. */
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

        public Builder width(long min, long max) {
            values.put(Constrainable.WIDTH, new ULongRange(min, max));
            return this;
        }

        public Builder height(long min, long max) {
            values.put(Constrainable.HEIGHT, new ULongRange(min, max));
            return this;
        }

        public Builder aspectRatio(double min, double max) {
            values.put(Constrainable.ASPECT_RATIO, new DoubleRange(min, max));
            return this;
        }

        public Builder frameRate(double min, double max) {
            values.put(Constrainable.FRAME_RATE, new DoubleRange(min, max));
            return this;
        }

        public Builder facingMode(VideoFacingMode... modes) {
            values.put(Constrainable.FACING_MODE, java.util.Arrays.stream(modes).map(VideoFacingMode::token).toList());
            return this;
        }

        public Builder resizeMode(VideoResizeMode... modes) {
            values.put(Constrainable.RESIZE_MODE, java.util.Arrays.stream(modes).map(VideoResizeMode::token).toList());
            return this;
        }

        public Builder sampleRate(long min, long max) {
            values.put(Constrainable.SAMPLE_RATE, new ULongRange(min, max));
            return this;
        }

        public Builder sampleSize(long min, long max) {
            values.put(Constrainable.SAMPLE_SIZE, new ULongRange(min, max));
            return this;
        }

        public Builder echoCancellation(Boolean... values) {
            this.values.put(Constrainable.ECHO_CANCELLATION, List.of(values));
            return this;
        }

        public Builder autoGainControl(Boolean... values) {
            this.values.put(Constrainable.AUTO_GAIN_CONTROL, List.of(values));
            return this;
        }

        public Builder noiseSuppression(Boolean... values) {
            this.values.put(Constrainable.NOISE_SUPPRESSION, List.of(values));
            return this;
        }

        public Builder latency(double min, double max) {
            values.put(Constrainable.LATENCY, new DoubleRange(min, max));
            return this;
        }

        public Builder channelCount(long min, long max) {
            values.put(Constrainable.CHANNEL_COUNT, new ULongRange(min, max));
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

        public MediaTrackCapabilities build() {
            return new MediaTrackCapabilities(values);
        }
    }
}
