package org.peerstack.sfu;

/**
 * One simulcast layer of a published video track as a subscriber sees it ({@link SfuSubscriber#layers}).
 *
 * @param rid       the RTP stream id ({@code a=rid}), or the layer's index in a legacy SIM group; "" for a track without simulcast
 * @param width     frame width stated by the layer's last keyframe (VP8/VP9 header, H.264 SPS), 0 when not known yet
 * @param height    frame height, likewise
 * @param bitrate   bits per second received from the publisher over the last second (sent to this subscriber, without simulcast)
 * @param active    whether the publisher is sending the layer (a packet within the last second)
 * @param forwarded whether this subscriber is being forwarded this layer
 */
public record SfuLayer(String rid, int width, int height, long bitrate, boolean active, boolean forwarded) {

    public SfuLayer {
        java.util.Objects.requireNonNull(rid, "rid");
    }
}
