package org.peerstack.sfu.recorder.internal;

/**
 * One whole encoded frame rebuilt from RTP packets.
 *
 * @param data         the frame (H.264: Annex B with start codes)
 * @param rtpTimestamp the RTP timestamp of its packets (32 bits)
 * @param keyframe     whether it can be decoded on its own
 * @param arrivalNanos {@link System#nanoTime()} when its first packet arrived
 */
record EncodedFrame(byte[] data, long rtpTimestamp, boolean keyframe, long arrivalNanos) {
}
