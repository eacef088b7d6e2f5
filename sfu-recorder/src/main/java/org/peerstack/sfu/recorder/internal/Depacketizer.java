package org.peerstack.sfu.recorder.internal;

/**
 * Rebuilds encoded frames from the RTP packets of one stream, given in sequence-number order. A frame is
 * returned only when it is whole: every packet from its first to its last arrived. After a loss a video
 * depacketiser returns nothing until the next keyframe (frames that reference lost data would decode
 * broken). Single-threaded.
 */
interface Depacketizer {

    /**
     * One packet in order.
     *
     * @param lossBefore packets are missing between the previous packet given and this one
     * @return a completed frame, or null
     */
    EncodedFrame push(byte[] b, int off, int len, boolean lossBefore, long arrivalNanos);

    /** Whether a keyframe is awaited (after a loss or a source change): worth asking the publisher for one. */
    boolean waitingForKeyframe();

    /** Forgets any partial frame and waits for a keyframe (a new source). */
    void reset();

    /** Picture size of the last keyframe, or null when unknown (audio, or no keyframe yet). */
    default int[] dimensions() {
        return null;
    }

    /** Codec configuration the container needs (H.264 SPS/PPS in Annex B), or null. */
    default byte[] codecConfig() {
        return null;
    }

    static Depacketizer forCodec(String codec) {
        return switch (codec.toUpperCase(java.util.Locale.ROOT)) {
            case "VP8" -> new Vp8Depacketizer();
            case "VP9" -> new Vp9Depacketizer();
            case "H264" -> new H264Depacketizer();
            case "OPUS" -> new OpusDepacketizer();
            default -> throw new org.peerstack.exc.NotSupportedException("Cannot record the codec " + codec);
        };
    }
}
