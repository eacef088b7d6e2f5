package org.peerstack.recorder;

import java.util.Objects;
import java.util.OptionalLong;
import org.peerstack.exc.TypeException;

/**
 * W3C {@code MediaRecorderOptions}: what to record and at which bitrates. Immutable; build with
 * {@link #newBuilder()}. Members left unset take the defaults of the {@code recorder:} configuration
 * section ({@code video-bits-per-second}, {@code audio-bits-per-second}).
 *
 * <p>{@code audioBitrateMode} is not offered: the encoders run in variable-bitrate mode.
 */
public final class MediaRecorderOptions {

    private static final MediaRecorderOptions DEFAULTS = newBuilder().build();

    private final String mimeType;
    private final OptionalLong audioBitsPerSecond;
    private final OptionalLong videoBitsPerSecond;
    private final OptionalLong bitsPerSecond;

    private MediaRecorderOptions(Builder b) {
        this.mimeType = b.mimeType;
        this.audioBitsPerSecond = b.audioBitsPerSecond;
        this.videoBitsPerSecond = b.videoBitsPerSecond;
        this.bitsPerSecond = b.bitsPerSecond;
    }

    /** No member set: the default type ({@code video/webm;codecs=vp8,opus} for the tracks present). */
    public static MediaRecorderOptions defaults() {
        return DEFAULTS;
    }

    public static Builder newBuilder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.mimeType = mimeType;
        b.audioBitsPerSecond = audioBitsPerSecond;
        b.videoBitsPerSecond = videoBitsPerSecond;
        b.bitsPerSecond = bitsPerSecond;
        return b;
    }

    /** The requested container and codecs; {@code ""} lets the recorder choose. */
    public String mimeType() {
        return mimeType;
    }

    /** Audio bitrate (bits per second), if requested. */
    public OptionalLong audioBitsPerSecond() {
        return audioBitsPerSecond;
    }

    /** Video bitrate (bits per second), if requested. */
    public OptionalLong videoBitsPerSecond() {
        return videoBitsPerSecond;
    }

    /** Total bitrate (bits per second), split between audio and video at {@code start}; overrides the others. */
    public OptionalLong bitsPerSecond() {
        return bitsPerSecond;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MediaRecorderOptions other && mimeType.equals(other.mimeType)
                && audioBitsPerSecond.equals(other.audioBitsPerSecond)
                && videoBitsPerSecond.equals(other.videoBitsPerSecond) && bitsPerSecond.equals(other.bitsPerSecond);
    }

    @Override
    public int hashCode() {
        return Objects.hash(mimeType, audioBitsPerSecond, videoBitsPerSecond, bitsPerSecond);
    }

    @Override
    public String toString() {
        return "MediaRecorderOptions[mimeType=" + mimeType + ", audioBitsPerSecond=" + audioBitsPerSecond
                + ", videoBitsPerSecond=" + videoBitsPerSecond + ", bitsPerSecond=" + bitsPerSecond + "]";
    }

    /** Builder for {@link MediaRecorderOptions}. */
    public static final class Builder {

        private String mimeType = "";
        private OptionalLong audioBitsPerSecond = OptionalLong.empty();
        private OptionalLong videoBitsPerSecond = OptionalLong.empty();
        private OptionalLong bitsPerSecond = OptionalLong.empty();

        private Builder() {
        }

        public Builder mimeType(String mimeType) {
            if (mimeType == null) {
                throw new TypeException("mimeType must not be null (use \"\" for the default)");
            }
            this.mimeType = mimeType;
            return this;
        }

        /** @throws TypeException if negative (WebIDL {@code unsigned long}) */
        public Builder audioBitsPerSecond(long bps) {
            this.audioBitsPerSecond = OptionalLong.of(unsigned("audioBitsPerSecond", bps));
            return this;
        }

        /** @throws TypeException if negative (WebIDL {@code unsigned long}) */
        public Builder videoBitsPerSecond(long bps) {
            this.videoBitsPerSecond = OptionalLong.of(unsigned("videoBitsPerSecond", bps));
            return this;
        }

        /** @throws TypeException if negative (WebIDL {@code unsigned long}) */
        public Builder bitsPerSecond(long bps) {
            this.bitsPerSecond = OptionalLong.of(unsigned("bitsPerSecond", bps));
            return this;
        }

        public MediaRecorderOptions build() {
            return new MediaRecorderOptions(this);
        }

        private static long unsigned(String name, long value) {
            if (value < 0 || value > 0xFFFF_FFFFL) {
                throw new TypeException(name + " must be an unsigned 32-bit value (got " + value + ")");
            }
            return value;
        }
    }
}
