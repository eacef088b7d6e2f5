package org.peerstack.sfu;

import java.util.Objects;

/**
 * A track published into an {@link SfuRoom}: immutable description of what subscribers receive.
 *
 * @param id          unique within the server ({@code publisherId + "/" + mid})
 * @param kind        "audio" or "video"
 * @param publisherId the {@link SfuPublisher#id()} that publishes it
 * @param streamId    the publisher's MediaStream id from {@code a=msid} ("-" when none)
 * @param trackId     the publisher's track id from {@code a=msid} (the mid when none)
 * @param codec       the codec name, e.g. "VP8", "opus"
 */
public record SfuTrack(String id, String kind, String publisherId, String streamId, String trackId, String codec) {

    public SfuTrack {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(publisherId, "publisherId");
        Objects.requireNonNull(streamId, "streamId");
        Objects.requireNonNull(trackId, "trackId");
        Objects.requireNonNull(codec, "codec");
    }

    public boolean isVideo() {
        return kind.equals("video");
    }
}
