package org.peerstack.sfu.client;

import java.util.Objects;

/**
 * One track an {@link RtpReceivingPeer} receives: its media section ({@code mid}), kind ("audio" or
 * "video"), the one codec negotiated for it (e.g. "VP8", "VP9", "H264", "opus") with its payload type and
 * clock rate, and the sender's {@code a=msid} stream and track ids (empty when it sent none).
 */
public record ReceivedTrack(String mid, String kind, String codec, int payloadType, int clockRate, String streamId,
        String trackId) {

    public ReceivedTrack {
        Objects.requireNonNull(mid, "mid");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(codec, "codec");
        streamId = streamId == null ? "" : streamId;
        trackId = trackId == null ? "" : trackId;
    }

    public boolean isVideo() {
        return kind.equals("video");
    }
}
