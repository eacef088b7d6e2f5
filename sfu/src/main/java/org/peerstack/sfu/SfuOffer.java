package org.peerstack.sfu;

import java.util.Map;
import java.util.Objects;

/**
 * An SDP offer of the SFU to a room member ({@link SfuMember#createOffer()}) with, for every MediaStream it
 * carries, the owner key of the member that publishes it (what a signaling server tells the member, so it
 * can show whose video is whose).
 *
 * @param sdp          the offer
 * @param streamOwners stream id (the first {@code a=msid} token) to its publisher's owner key
 */
public record SfuOffer(String sdp, Map<String, String> streamOwners) {

    public SfuOffer {
        Objects.requireNonNull(sdp, "sdp");
        streamOwners = Map.copyOf(streamOwners);
    }
}
