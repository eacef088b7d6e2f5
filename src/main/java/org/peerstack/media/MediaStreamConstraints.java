package org.peerstack.media;

import java.util.Objects;
import java.util.Optional;

/**
 * W3C {@code MediaStreamConstraints}: which kinds to capture, each absent ({@code false}), unconstrained
 * ({@code true}) or with {@link MediaTrackConstraints}.
 * <pre>{@code
 * MediaStreamConstraints.newBuilder().audio(true).video(MediaTrackConstraints.newBuilder().width(1280).build()).build()
 * }</pre>
 * Asking for neither kind is rejected by {@code getUserMedia} with a {@code TypeException}.
 */
public final class MediaStreamConstraints {

    private final MediaTrackConstraints audio;
    private final MediaTrackConstraints video;

    private MediaStreamConstraints(MediaTrackConstraints audio, MediaTrackConstraints video) {
        this.audio = audio;
        this.video = video;
    }

    /**
     * {@code {audio: audio, video: video}} with booleans: each requested kind is unconstrained.
     *
     * @param audio whether to capture audio
     * @param video whether to capture video
     * @return the constraints
     */
    public static MediaStreamConstraints of(boolean audio, boolean video) {
        return new MediaStreamConstraints(audio ? MediaTrackConstraints.empty() : null,
                video ? MediaTrackConstraints.empty() : null);
    }

    /**
     * A builder with neither kind requested.
     *
     * @return a new builder
     */
    public static Builder newBuilder() {
        return new Builder();
    }

    /**
     * The {@code audio} member.
     *
     * @return the audio constraints ({@link MediaTrackConstraints#empty()} for {@code true}), or empty if audio is
     *     not requested
     */
    public Optional<MediaTrackConstraints> audio() {
        return Optional.ofNullable(audio);
    }

    /**
     * The {@code video} member.
     *
     * @return the video constraints ({@link MediaTrackConstraints#empty()} for {@code true}), or empty if video is
     *     not requested
     */
    public Optional<MediaTrackConstraints> video() {
        return Optional.ofNullable(video);
    }

    @Override
    public String toString() {
        return "{audio: " + (audio == null ? "false" : audio) + ", video: " + (video == null ? "false" : video) + "}";
    }

    /** Builds {@link MediaStreamConstraints}; both kinds start as {@code false}. */
    public static final class Builder {

        private MediaTrackConstraints audio;
        private MediaTrackConstraints video;

        private Builder() {
        }

        /**
         * Requests audio without constraints ({@code true}) or not ({@code false}).
         *
         * @param requested whether to capture audio
         * @return this builder
         */
        public Builder audio(boolean requested) {
            audio = requested ? MediaTrackConstraints.empty() : null;
            return this;
        }

        /**
         * Requests audio with constraints.
         *
         * @param constraints the audio track's constraints
         * @return this builder
         * @throws NullPointerException if {@code constraints} is null
         */
        public Builder audio(MediaTrackConstraints constraints) {
            audio = Objects.requireNonNull(constraints, "audio");
            return this;
        }

        /**
         * Requests video without constraints ({@code true}) or not ({@code false}).
         *
         * @param requested whether to capture video
         * @return this builder
         */
        public Builder video(boolean requested) {
            video = requested ? MediaTrackConstraints.empty() : null;
            return this;
        }

        /**
         * Requests video with constraints.
         *
         * @param constraints the video track's constraints
         * @return this builder
         * @throws NullPointerException if {@code constraints} is null
         */
        public Builder video(MediaTrackConstraints constraints) {
            video = Objects.requireNonNull(constraints, "video");
            return this;
        }

        /**
         * Builds the immutable constraints; asking for neither kind is allowed here and rejected by
         * {@code getUserMedia}.
         *
         * @return the constraints
         */
        public MediaStreamConstraints build() {
            return new MediaStreamConstraints(audio, video);
        }
    }
}
