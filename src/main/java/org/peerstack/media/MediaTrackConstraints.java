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

    /**
     * No constraints ({@code {}} or {@code true} in a {@code MediaStreamConstraints}).
     *
     * @return the shared empty instance
     */
    public static MediaTrackConstraints empty() {
        return EMPTY;
    }

    /**
     * A builder with no constraint set.
     *
     * @return a new builder
     */
    public static Builder newBuilder() {
        return new Builder();
    }

    /**
     * A builder holding these constraints, to derive changed ones; this object is unchanged.
     *
     * @return a new builder
     */
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
     * @param map the parsed JSON object, names as in the spec (e.g. {@code "frameRate"})
     * @return the constraints
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

    /**
     * The {@code width} constraint: the width of the video frames (pixels).
     *
     * @return the constraint, or empty if this set does not constrain {@code width}
     */
    public Optional<ConstrainULong> width() {
        return Optional.ofNullable((ConstrainULong) values.get(Constrainable.WIDTH));
    }

    /**
     * The {@code height} constraint: the height of the video frames (pixels).
     *
     * @return the constraint, or empty if this set does not constrain {@code height}
     */
    public Optional<ConstrainULong> height() {
        return Optional.ofNullable((ConstrainULong) values.get(Constrainable.HEIGHT));
    }

    /**
     * The {@code aspectRatio} constraint: the width divided by the height of the video frames.
     *
     * @return the constraint, or empty if this set does not constrain {@code aspectRatio}
     */
    public Optional<ConstrainDouble> aspectRatio() {
        return Optional.ofNullable((ConstrainDouble) values.get(Constrainable.ASPECT_RATIO));
    }

    /**
     * The {@code frameRate} constraint: the rate of video frames (frames per second).
     *
     * @return the constraint, or empty if this set does not constrain {@code frameRate}
     */
    public Optional<ConstrainDouble> frameRate() {
        return Optional.ofNullable((ConstrainDouble) values.get(Constrainable.FRAME_RATE));
    }

    /**
     * The {@code facingMode} constraint: which way a camera faces, a {@link VideoFacingMode} token.
     *
     * @return the constraint, or empty if this set does not constrain {@code facingMode}
     */
    public Optional<ConstrainDOMString> facingMode() {
        return Optional.ofNullable((ConstrainDOMString) values.get(Constrainable.FACING_MODE));
    }

    /**
     * The {@code resizeMode} constraint: whether the user agent may scale or crop the source's frames, a
     * {@link VideoResizeMode} token.
     *
     * @return the constraint, or empty if this set does not constrain {@code resizeMode}
     */
    public Optional<ConstrainDOMString> resizeMode() {
        return Optional.ofNullable((ConstrainDOMString) values.get(Constrainable.RESIZE_MODE));
    }

    /**
     * The {@code sampleRate} constraint: the rate of audio samples per channel (Hz).
     *
     * @return the constraint, or empty if this set does not constrain {@code sampleRate}
     */
    public Optional<ConstrainULong> sampleRate() {
        return Optional.ofNullable((ConstrainULong) values.get(Constrainable.SAMPLE_RATE));
    }

    /**
     * The {@code sampleSize} constraint: the size of one linear audio sample (bits).
     *
     * @return the constraint, or empty if this set does not constrain {@code sampleSize}
     */
    public Optional<ConstrainULong> sampleSize() {
        return Optional.ofNullable((ConstrainULong) values.get(Constrainable.SAMPLE_SIZE));
    }

    /**
     * The {@code echoCancellation} constraint: whether echo cancellation is applied to the audio.
     *
     * @return the constraint, or empty if this set does not constrain {@code echoCancellation}
     */
    public Optional<ConstrainBoolean> echoCancellation() {
        return Optional.ofNullable((ConstrainBoolean) values.get(Constrainable.ECHO_CANCELLATION));
    }

    /**
     * The {@code autoGainControl} constraint: whether automatic gain control is applied to the audio.
     *
     * @return the constraint, or empty if this set does not constrain {@code autoGainControl}
     */
    public Optional<ConstrainBoolean> autoGainControl() {
        return Optional.ofNullable((ConstrainBoolean) values.get(Constrainable.AUTO_GAIN_CONTROL));
    }

    /**
     * The {@code noiseSuppression} constraint: whether noise suppression is applied to the audio.
     *
     * @return the constraint, or empty if this set does not constrain {@code noiseSuppression}
     */
    public Optional<ConstrainBoolean> noiseSuppression() {
        return Optional.ofNullable((ConstrainBoolean) values.get(Constrainable.NOISE_SUPPRESSION));
    }

    /**
     * The {@code latency} constraint: the delay from capture to the track (seconds).
     *
     * @return the constraint, or empty if this set does not constrain {@code latency}
     */
    public Optional<ConstrainDouble> latency() {
        return Optional.ofNullable((ConstrainDouble) values.get(Constrainable.LATENCY));
    }

    /**
     * The {@code channelCount} constraint: the number of audio channels.
     *
     * @return the constraint, or empty if this set does not constrain {@code channelCount}
     */
    public Optional<ConstrainULong> channelCount() {
        return Optional.ofNullable((ConstrainULong) values.get(Constrainable.CHANNEL_COUNT));
    }

    /**
     * The {@code deviceId} constraint: the device's {@link MediaDeviceInfo#deviceId()}.
     *
     * @return the constraint, or empty if this set does not constrain {@code deviceId}
     */
    public Optional<ConstrainDOMString> deviceId() {
        return Optional.ofNullable((ConstrainDOMString) values.get(Constrainable.DEVICE_ID));
    }

    /**
     * The {@code groupId} constraint: the device's {@link MediaDeviceInfo#groupId()}: devices of one physical
     * product share it.
     *
     * @return the constraint, or empty if this set does not constrain {@code groupId}
     */
    public Optional<ConstrainDOMString> groupId() {
        return Optional.ofNullable((ConstrainDOMString) values.get(Constrainable.GROUP_ID));
    }

    /**
     * The {@code advanced} constraint sets, tried in order: each is applied if it can be satisfied together with
     * the basic set and the sets before it, and skipped otherwise.
     *
     * @return an immutable list, empty if there are none
     */
    public List<MediaTrackConstraints> advanced() {
        return advanced;
    }

    /**
     * Whether there is no constraint at all (neither in the basic set nor advanced).
     *
     * @return true for {@code {}}
     */
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

        /**
         * Constrains {@code width}: the width of the video frames (pixels).
         *
         * @param value the constraint
         * @return this builder
         * @throws TypeException if {@code value} is null
         */
        public Builder width(ConstrainULong value) {
            return put(Constrainable.WIDTH, value);
        }

        /**
         * Constrains {@code width} to a bare value: {@code ideal} in the basic set, {@code exact} in an
         * {@code advanced} set.
         *
         * @param bare the value
         * @return this builder
         * @throws TypeException if {@code bare} is negative
         */
        public Builder width(long bare) {
            return width(ConstrainULong.of(bare));
        }

        /**
         * Constrains {@code height}: the height of the video frames (pixels).
         *
         * @param value the constraint
         * @return this builder
         * @throws TypeException if {@code value} is null
         */
        public Builder height(ConstrainULong value) {
            return put(Constrainable.HEIGHT, value);
        }

        /**
         * Constrains {@code height} to a bare value: {@code ideal} in the basic set, {@code exact} in an
         * {@code advanced} set.
         *
         * @param bare the value
         * @return this builder
         * @throws TypeException if {@code bare} is negative
         */
        public Builder height(long bare) {
            return height(ConstrainULong.of(bare));
        }

        /**
         * Constrains {@code aspectRatio}: the width divided by the height of the video frames.
         *
         * @param value the constraint
         * @return this builder
         * @throws TypeException if {@code value} is null
         */
        public Builder aspectRatio(ConstrainDouble value) {
            return put(Constrainable.ASPECT_RATIO, value);
        }

        /**
         * Constrains {@code aspectRatio} to a bare value: {@code ideal} in the basic set, {@code exact} in an
         * {@code advanced} set.
         *
         * @param bare the value
         * @return this builder
         * @throws TypeException if {@code bare} is NaN or infinite
         */
        public Builder aspectRatio(double bare) {
            return aspectRatio(ConstrainDouble.of(bare));
        }

        /**
         * Constrains {@code frameRate}: the rate of video frames (frames per second).
         *
         * @param value the constraint
         * @return this builder
         * @throws TypeException if {@code value} is null
         */
        public Builder frameRate(ConstrainDouble value) {
            return put(Constrainable.FRAME_RATE, value);
        }

        /**
         * Constrains {@code frameRate} to a bare value: {@code ideal} in the basic set, {@code exact} in an
         * {@code advanced} set.
         *
         * @param bare the value
         * @return this builder
         * @throws TypeException if {@code bare} is NaN or infinite
         */
        public Builder frameRate(double bare) {
            return frameRate(ConstrainDouble.of(bare));
        }

        /**
         * Constrains {@code facingMode}: which way a camera faces, a {@link VideoFacingMode} token.
         *
         * @param value the constraint
         * @return this builder
         * @throws TypeException if {@code value} is null
         */
        public Builder facingMode(ConstrainDOMString value) {
            return put(Constrainable.FACING_MODE, value);
        }

        /**
         * Constrains {@code facingMode} to a bare value: {@code ideal} in the basic set, {@code exact} in an
         * {@code advanced} set.
         *
         * @param bare the value
         * @return this builder
         * @throws NullPointerException if {@code bare} is null
         */
        public Builder facingMode(VideoFacingMode bare) {
            return facingMode(ConstrainDOMString.of(Objects.requireNonNull(bare, "facingMode").token()));
        }

        /**
         * Constrains {@code resizeMode}: whether the user agent may scale or crop the source's frames, a
         * {@link VideoResizeMode} token.
         *
         * @param value the constraint
         * @return this builder
         * @throws TypeException if {@code value} is null
         */
        public Builder resizeMode(ConstrainDOMString value) {
            return put(Constrainable.RESIZE_MODE, value);
        }

        /**
         * Constrains {@code resizeMode} to a bare value: {@code ideal} in the basic set, {@code exact} in an
         * {@code advanced} set.
         *
         * @param bare the value
         * @return this builder
         * @throws NullPointerException if {@code bare} is null
         */
        public Builder resizeMode(VideoResizeMode bare) {
            return resizeMode(ConstrainDOMString.of(Objects.requireNonNull(bare, "resizeMode").token()));
        }

        /**
         * Constrains {@code sampleRate}: the rate of audio samples per channel (Hz).
         *
         * @param value the constraint
         * @return this builder
         * @throws TypeException if {@code value} is null
         */
        public Builder sampleRate(ConstrainULong value) {
            return put(Constrainable.SAMPLE_RATE, value);
        }

        /**
         * Constrains {@code sampleRate} to a bare value: {@code ideal} in the basic set, {@code exact} in an
         * {@code advanced} set.
         *
         * @param bare the value
         * @return this builder
         * @throws TypeException if {@code bare} is negative
         */
        public Builder sampleRate(long bare) {
            return sampleRate(ConstrainULong.of(bare));
        }

        /**
         * Constrains {@code sampleSize}: the size of one linear audio sample (bits).
         *
         * @param value the constraint
         * @return this builder
         * @throws TypeException if {@code value} is null
         */
        public Builder sampleSize(ConstrainULong value) {
            return put(Constrainable.SAMPLE_SIZE, value);
        }

        /**
         * Constrains {@code sampleSize} to a bare value: {@code ideal} in the basic set, {@code exact} in an
         * {@code advanced} set.
         *
         * @param bare the value
         * @return this builder
         * @throws TypeException if {@code bare} is negative
         */
        public Builder sampleSize(long bare) {
            return sampleSize(ConstrainULong.of(bare));
        }

        /**
         * Constrains {@code echoCancellation}: whether echo cancellation is applied to the audio.
         *
         * @param value the constraint
         * @return this builder
         * @throws TypeException if {@code value} is null
         */
        public Builder echoCancellation(ConstrainBoolean value) {
            return put(Constrainable.ECHO_CANCELLATION, value);
        }

        /**
         * Constrains {@code echoCancellation} to a bare value: {@code ideal} in the basic set, {@code exact} in an
         * {@code advanced} set.
         *
         * @param bare the value
         * @return this builder
         */
        public Builder echoCancellation(boolean bare) {
            return echoCancellation(ConstrainBoolean.of(bare));
        }

        /**
         * Constrains {@code autoGainControl}: whether automatic gain control is applied to the audio.
         *
         * @param value the constraint
         * @return this builder
         * @throws TypeException if {@code value} is null
         */
        public Builder autoGainControl(ConstrainBoolean value) {
            return put(Constrainable.AUTO_GAIN_CONTROL, value);
        }

        /**
         * Constrains {@code autoGainControl} to a bare value: {@code ideal} in the basic set, {@code exact} in an
         * {@code advanced} set.
         *
         * @param bare the value
         * @return this builder
         */
        public Builder autoGainControl(boolean bare) {
            return autoGainControl(ConstrainBoolean.of(bare));
        }

        /**
         * Constrains {@code noiseSuppression}: whether noise suppression is applied to the audio.
         *
         * @param value the constraint
         * @return this builder
         * @throws TypeException if {@code value} is null
         */
        public Builder noiseSuppression(ConstrainBoolean value) {
            return put(Constrainable.NOISE_SUPPRESSION, value);
        }

        /**
         * Constrains {@code noiseSuppression} to a bare value: {@code ideal} in the basic set, {@code exact} in an
         * {@code advanced} set.
         *
         * @param bare the value
         * @return this builder
         */
        public Builder noiseSuppression(boolean bare) {
            return noiseSuppression(ConstrainBoolean.of(bare));
        }

        /**
         * Constrains {@code latency}: the delay from capture to the track (seconds).
         *
         * @param value the constraint
         * @return this builder
         * @throws TypeException if {@code value} is null
         */
        public Builder latency(ConstrainDouble value) {
            return put(Constrainable.LATENCY, value);
        }

        /**
         * Constrains {@code latency} to a bare value: {@code ideal} in the basic set, {@code exact} in an
         * {@code advanced} set.
         *
         * @param bare the value
         * @return this builder
         * @throws TypeException if {@code bare} is NaN or infinite
         */
        public Builder latency(double bare) {
            return latency(ConstrainDouble.of(bare));
        }

        /**
         * Constrains {@code channelCount}: the number of audio channels.
         *
         * @param value the constraint
         * @return this builder
         * @throws TypeException if {@code value} is null
         */
        public Builder channelCount(ConstrainULong value) {
            return put(Constrainable.CHANNEL_COUNT, value);
        }

        /**
         * Constrains {@code channelCount} to a bare value: {@code ideal} in the basic set, {@code exact} in an
         * {@code advanced} set.
         *
         * @param bare the value
         * @return this builder
         * @throws TypeException if {@code bare} is negative
         */
        public Builder channelCount(long bare) {
            return channelCount(ConstrainULong.of(bare));
        }

        /**
         * Constrains {@code deviceId}: the device's {@link MediaDeviceInfo#deviceId()}.
         *
         * @param value the constraint
         * @return this builder
         * @throws TypeException if {@code value} is null
         */
        public Builder deviceId(ConstrainDOMString value) {
            return put(Constrainable.DEVICE_ID, value);
        }

        /**
         * Constrains {@code deviceId} to a bare value: {@code ideal} in the basic set, {@code exact} in an
         * {@code advanced} set.
         *
         * @param bare the value
         * @return this builder
         * @throws TypeException if {@code bare} is null
         */
        public Builder deviceId(String bare) {
            return deviceId(ConstrainDOMString.of(bare));
        }

        /**
         * Constrains {@code groupId}: the device's {@link MediaDeviceInfo#groupId()}: devices of one physical
         * product share it.
         *
         * @param value the constraint
         * @return this builder
         * @throws TypeException if {@code value} is null
         */
        public Builder groupId(ConstrainDOMString value) {
            return put(Constrainable.GROUP_ID, value);
        }

        /**
         * Constrains {@code groupId} to a bare value: {@code ideal} in the basic set, {@code exact} in an
         * {@code advanced} set.
         *
         * @param bare the value
         * @return this builder
         * @throws TypeException if {@code bare} is null
         */
        public Builder groupId(String bare) {
            return groupId(ConstrainDOMString.of(bare));
        }

        /**
         * Appends advanced constraint sets, tried in order.
         *
         * @param sets constraint sets without advanced sets of their own
         * @return this builder
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

        /**
         * Builds the immutable constraints.
         *
         * @return the constraints
         */
        public MediaTrackConstraints build() {
            return new MediaTrackConstraints(this);
        }
    }
}
