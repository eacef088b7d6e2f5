package org.peerstack.media;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.peerstack.exc.TypeException;

/**
 * W3C {@code MediaTrackConstraints}: a basic {@code MediaTrackConstraintSet} plus an ordered list of
 * {@code advanced} sets. Immutable; built with {@link #newBuilder()}:
 * <pre>{@code
 * MediaTrackConstraints c = MediaTrackConstraints.newBuilder()
 *         .width(ConstrainULong.ideal(320).withMin(160))
 *         .frameRate(30)
 *         .advanced(MediaTrackConstraints.newBuilder().width(1920).build())
 *         .build();
 * }</pre>
 * An advanced entry is itself a {@code MediaTrackConstraints} without advanced sets of its own (that is
 * the spec's {@code MediaTrackConstraintSet}). Constraints on properties of the other kind (e.g.
 * {@code sampleRate} on a video track) are ignored when applied. {@link #fromMap} reads the JSON shape of
 * the browser API; unknown names are ignored there, as in the spec.
 */
public final class MediaTrackConstraints {

    private static final MediaTrackConstraints EMPTY = newBuilder().build();

    private final Map<Constrainable, Object> values;
    private final List<MediaTrackConstraints> advanced;

    private MediaTrackConstraints(Builder b) {
        this.values = Collections.unmodifiableMap(new EnumMap<>(b.values));
        this.advanced = List.copyOf(b.advanced);
    }

    /** No constraints ({@code {}} or {@code true} in a {@code MediaStreamConstraints}). */
    public static MediaTrackConstraints empty() {
        return EMPTY;
    }

    public static Builder newBuilder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.values.putAll(values);
        b.advanced.addAll(advanced);
        return b;
    }

    /**
     * Reads the browser's JSON shape, e.g. {@code {"width": {"min": 640}, "facingMode": "user",
     * "advanced": [{"width": 1920}]}}: numbers, booleans, strings, string lists or maps with
     * {@code min}/{@code max}/{@code exact}/{@code ideal}. Unknown names are ignored.
     *
     * @throws TypeException on a malformed value (wrong type, NaN, negative integer, null)
     */
    public static MediaTrackConstraints fromMap(Map<String, ?> map) {
        return ConstraintsReader.read(map, true);
    }

    Object get(Constrainable property) {
        return values.get(property);
    }

    Map<Constrainable, Object> values() {
        return values;
    }

    public Optional<ConstrainULong> width() {
        return Optional.ofNullable((ConstrainULong) values.get(Constrainable.WIDTH));
    }

    public Optional<ConstrainULong> height() {
        return Optional.ofNullable((ConstrainULong) values.get(Constrainable.HEIGHT));
    }

    public Optional<ConstrainDouble> aspectRatio() {
        return Optional.ofNullable((ConstrainDouble) values.get(Constrainable.ASPECT_RATIO));
    }

    public Optional<ConstrainDouble> frameRate() {
        return Optional.ofNullable((ConstrainDouble) values.get(Constrainable.FRAME_RATE));
    }

    public Optional<ConstrainDOMString> facingMode() {
        return Optional.ofNullable((ConstrainDOMString) values.get(Constrainable.FACING_MODE));
    }

    public Optional<ConstrainDOMString> resizeMode() {
        return Optional.ofNullable((ConstrainDOMString) values.get(Constrainable.RESIZE_MODE));
    }

    public Optional<ConstrainULong> sampleRate() {
        return Optional.ofNullable((ConstrainULong) values.get(Constrainable.SAMPLE_RATE));
    }

    public Optional<ConstrainULong> sampleSize() {
        return Optional.ofNullable((ConstrainULong) values.get(Constrainable.SAMPLE_SIZE));
    }

    public Optional<ConstrainBoolean> echoCancellation() {
        return Optional.ofNullable((ConstrainBoolean) values.get(Constrainable.ECHO_CANCELLATION));
    }

    public Optional<ConstrainBoolean> autoGainControl() {
        return Optional.ofNullable((ConstrainBoolean) values.get(Constrainable.AUTO_GAIN_CONTROL));
    }

    public Optional<ConstrainBoolean> noiseSuppression() {
        return Optional.ofNullable((ConstrainBoolean) values.get(Constrainable.NOISE_SUPPRESSION));
    }

    public Optional<ConstrainDouble> latency() {
        return Optional.ofNullable((ConstrainDouble) values.get(Constrainable.LATENCY));
    }

    public Optional<ConstrainULong> channelCount() {
        return Optional.ofNullable((ConstrainULong) values.get(Constrainable.CHANNEL_COUNT));
    }

    public Optional<ConstrainDOMString> deviceId() {
        return Optional.ofNullable((ConstrainDOMString) values.get(Constrainable.DEVICE_ID));
    }

    public Optional<ConstrainDOMString> groupId() {
        return Optional.ofNullable((ConstrainDOMString) values.get(Constrainable.GROUP_ID));
    }

    /** The advanced constraint sets, tried in order. */
    public List<MediaTrackConstraints> advanced() {
        return advanced;
    }

    /** True if there is no constraint at all. */
    public boolean isEmpty() {
        return values.isEmpty() && advanced.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MediaTrackConstraints c && c.values.equals(values) && c.advanced.equals(advanced);
    }

    @Override
    public int hashCode() {
        return Objects.hash(values, advanced);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("{");
        values.forEach((k, v) -> s.append(s.length() > 1 ? ", " : "").append(k.key).append(": ").append(v));
        if (!advanced.isEmpty()) {
            s.append(s.length() > 1 ? ", " : "").append("advanced: ").append(advanced);
        }
        return s.append('}').toString();
    }

    /** Builds {@link MediaTrackConstraints}; setting a property twice keeps the last value. */
    public static final class Builder {

        private final Map<Constrainable, Object> values = new EnumMap<>(Constrainable.class);
        private final List<MediaTrackConstraints> advanced = new ArrayList<>();

        private Builder() {
        }

        private Builder put(Constrainable property, Object value) {
            if (value == null) {
                throw new TypeException("constraint '" + property.key + "' must not be null");
            }
            values.put(property, value);
            return this;
        }

        Builder set(Constrainable property, Object value) {
            return put(property, value);
        }

        public Builder width(ConstrainULong value) {
            return put(Constrainable.WIDTH, value);
        }

        public Builder width(long bare) {
            return width(ConstrainULong.of(bare));
        }

        public Builder height(ConstrainULong value) {
            return put(Constrainable.HEIGHT, value);
        }

        public Builder height(long bare) {
            return height(ConstrainULong.of(bare));
        }

        public Builder aspectRatio(ConstrainDouble value) {
            return put(Constrainable.ASPECT_RATIO, value);
        }

        public Builder aspectRatio(double bare) {
            return aspectRatio(ConstrainDouble.of(bare));
        }

        public Builder frameRate(ConstrainDouble value) {
            return put(Constrainable.FRAME_RATE, value);
        }

        public Builder frameRate(double bare) {
            return frameRate(ConstrainDouble.of(bare));
        }

        public Builder facingMode(ConstrainDOMString value) {
            return put(Constrainable.FACING_MODE, value);
        }

        public Builder facingMode(VideoFacingMode bare) {
            return facingMode(ConstrainDOMString.of(Objects.requireNonNull(bare, "facingMode").token()));
        }

        public Builder resizeMode(ConstrainDOMString value) {
            return put(Constrainable.RESIZE_MODE, value);
        }

        public Builder resizeMode(VideoResizeMode bare) {
            return resizeMode(ConstrainDOMString.of(Objects.requireNonNull(bare, "resizeMode").token()));
        }

        public Builder sampleRate(ConstrainULong value) {
            return put(Constrainable.SAMPLE_RATE, value);
        }

        public Builder sampleRate(long bare) {
            return sampleRate(ConstrainULong.of(bare));
        }

        public Builder sampleSize(ConstrainULong value) {
            return put(Constrainable.SAMPLE_SIZE, value);
        }

        public Builder sampleSize(long bare) {
            return sampleSize(ConstrainULong.of(bare));
        }

        public Builder echoCancellation(ConstrainBoolean value) {
            return put(Constrainable.ECHO_CANCELLATION, value);
        }

        public Builder echoCancellation(boolean bare) {
            return echoCancellation(ConstrainBoolean.of(bare));
        }

        public Builder autoGainControl(ConstrainBoolean value) {
            return put(Constrainable.AUTO_GAIN_CONTROL, value);
        }

        public Builder autoGainControl(boolean bare) {
            return autoGainControl(ConstrainBoolean.of(bare));
        }

        public Builder noiseSuppression(ConstrainBoolean value) {
            return put(Constrainable.NOISE_SUPPRESSION, value);
        }

        public Builder noiseSuppression(boolean bare) {
            return noiseSuppression(ConstrainBoolean.of(bare));
        }

        public Builder latency(ConstrainDouble value) {
            return put(Constrainable.LATENCY, value);
        }

        public Builder latency(double bare) {
            return latency(ConstrainDouble.of(bare));
        }

        public Builder channelCount(ConstrainULong value) {
            return put(Constrainable.CHANNEL_COUNT, value);
        }

        public Builder channelCount(long bare) {
            return channelCount(ConstrainULong.of(bare));
        }

        public Builder deviceId(ConstrainDOMString value) {
            return put(Constrainable.DEVICE_ID, value);
        }

        public Builder deviceId(String bare) {
            return deviceId(ConstrainDOMString.of(bare));
        }

        public Builder groupId(ConstrainDOMString value) {
            return put(Constrainable.GROUP_ID, value);
        }

        public Builder groupId(String bare) {
            return groupId(ConstrainDOMString.of(bare));
        }

        /**
         * Appends advanced constraint sets, tried in order.
         *
         * @throws TypeException if a set has advanced sets of its own or is null
         */
        public Builder advanced(MediaTrackConstraints... sets) {
            for (MediaTrackConstraints set : sets) {
                if (set == null) {
                    throw new TypeException("an advanced constraint set must not be null");
                }
                if (!set.advanced.isEmpty()) {
                    throw new TypeException("an advanced constraint set cannot have advanced sets itself");
                }
                advanced.add(set);
            }
            return this;
        }

        public MediaTrackConstraints build() {
            return new MediaTrackConstraints(this);
        }
    }
}
