package org.peerstack.internal.recorder;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one recording writes: a container and at most one video and one audio codec.
 *
 * @param container  the container
 * @param mediaType  {@code "video"} or {@code "audio"}: the top-level MIME type reported
 * @param videoCodec the video codec, empty for audio-only
 * @param audioCodec the audio codec, empty for video-only
 */
public record RecordingType(Container container, String mediaType, Optional<RecorderCodec> videoCodec,
                            Optional<RecorderCodec> audioCodec) {

    public RecordingType {
        Objects.requireNonNull(container, "container");
        Objects.requireNonNull(videoCodec, "videoCodec");
        Objects.requireNonNull(audioCodec, "audioCodec");
        if (!"video".equals(mediaType) && !"audio".equals(mediaType)) {
            throw new IllegalArgumentException("mediaType must be video or audio: " + mediaType);
        }
        if (videoCodec.isEmpty() && audioCodec.isEmpty()) {
            throw new IllegalArgumentException("a recording needs a video or an audio codec");
        }
        videoCodec.ifPresent(c -> require(container, c, true));
        audioCodec.ifPresent(c -> require(container, c, false));
    }

    private static void require(Container container, RecorderCodec codec, boolean video) {
        if (codec.isVideo() != video || !container.holds(codec)) {
            throw new IllegalArgumentException(container + " cannot hold " + codec + " as "
                    + (video ? "video" : "audio"));
        }
    }

    public boolean hasVideo() {
        return videoCodec.isPresent();
    }

    public boolean hasAudio() {
        return audioCodec.isPresent();
    }

    /** The MIME type the recording reports, e.g. {@code video/webm;codecs=vp8,opus}. */
    public String mimeType() {
        List<String> codecs = new ArrayList<>(2);
        videoCodec.ifPresent(c -> codecs.add(c.mimeId()));
        audioCodec.ifPresent(c -> codecs.add(c.mimeId()));
        return mediaType + "/" + container.subtype() + ";codecs=" + String.join(",", codecs);
    }

    @Override
    public String toString() {
        return mimeType();
    }
}
