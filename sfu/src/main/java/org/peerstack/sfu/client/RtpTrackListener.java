package org.peerstack.sfu.client;

/**
 * Receives what an {@link RtpReceivingPeer} gets: tracks as negotiation adds and removes them, and the
 * RTP packets of each track decrypted, with retransmissions (RTX) turned back into the original packets,
 * in arrival order (not reordered; gaps where packets were lost for good).
 *
 * <p>Every method is called on the peer's I/O thread, one call at a time: an implementation must not
 * block and must copy what it keeps (the packet array is reused after the call). An exception thrown by
 * it is caught and ignored.
 */
public interface RtpTrackListener {

    /** Negotiation added {@code track}; its packets follow. */
    default void onTrack(ReceivedTrack track) {
    }

    /** One RTP packet (header and payload) of {@code track} in {@code packet[offset .. offset + length)}. */
    void onRtp(ReceivedTrack track, byte[] packet, int offset, int length);

    /** Negotiation removed {@code track} (port 0, inactive): no more packets of it follow. */
    default void onTrackEnded(ReceivedTrack track) {
    }

    /** The peer closed: by {@link RtpReceivingPeer#close()} ({@code error} null) or because it failed. Called last. */
    default void onClosed(Throwable error) {
    }
}
