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

    /** {@code {audio: audio, video: video}} with booleans. */
    public static MediaStreamConstraints of(boolean audio, boolean video) {
        return new MediaStreamConstraints(audio ? MediaTrackConstraints.empty() : null,
                video ? MediaTrackConstraints.empty() : null);
    }

    public static Builder newBuilder() {
        return new Builder();
    }

    /** The audio constraints, empty if audio is not requested. */
    public Optional<MediaTrackConstraints> audio() {
        return Optional.ofNullable(audio);
    }

    /** The video constraints, empty if video is not requested. */
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

        public Builder audio(boolean requested) {
            audio = requested ? MediaTrackConstraints.empty() : null;
            return this;
        }

        public Builder audio(MediaTrackConstraints constraints) {
            audio = Objects.requireNonNull(constraints, "audio");
            return this;
        }

        public Builder video(boolean requested) {
            video = requested ? MediaTrackConstraints.empty() : null;
            return this;
        }

        public Builder video(MediaTrackConstraints constraints) {
            video = Objects.requireNonNull(constraints, "video");
            return this;
        }

        public MediaStreamConstraints build() {
            return new MediaStreamConstraints(audio, video);
        }
    }
}
