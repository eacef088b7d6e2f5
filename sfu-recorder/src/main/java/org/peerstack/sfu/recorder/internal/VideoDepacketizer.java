package org.peerstack.sfu.recorder.internal;

import java.io.ByteArrayOutputStream;

/**
 * Frame assembly shared by the video codecs: the packets of a frame share one RTP timestamp, the first
 * carries the codec's start-of-frame flag, the last the RTP marker bit. A frame with a missing packet,
 * without its first packet, or with a payload the codec cannot parse is dropped, and from then on frames
 * are dropped until a keyframe.
 */
abstract class VideoDepacketizer implements Depacketizer {

    /** Largest frame accepted (bytes); a larger one is dropped as broken. */
    static final int MAX_FRAME_BYTES = 8 * 1024 * 1024;

    private final ByteArrayOutputStream frame = new ByteArrayOutputStream(64 * 1024);
    private boolean inFrame;
    private boolean broken;
    private long frameTimestamp;
    private long frameArrival;
    private boolean needKeyframe = true;

    @Override
    public final EncodedFrame push(byte[] b, int off, int len, boolean lossBefore, long arrivalNanos) {
        int p = Rtp.payloadOffset(b, off, len);
        int end = Rtp.payloadEnd(b, off, len);
        long ts = Rtp.timestamp(b, off);
        if (lossBefore) {
            broken = true; // the current frame (if any) lost a packet; a new one must begin with a start flag
            needKeyframe = true;
        }
        if (!inFrame || ts != frameTimestamp) {
            if (inFrame && !lossBefore) {
                needKeyframe = true; // a frame without its marker packet: incomplete
            }
            frame.reset();
            inFrame = true;
            frameTimestamp = ts;
            frameArrival = arrivalNanos;
            broken = !startsFrame(b, p, end);
            if (!broken) {
                startFrame();
            }
        } else if (lossBefore) {
            broken = true;
        }
        if (!broken && !appendPayload(b, p, end, frame)) {
            broken = true;
            needKeyframe = true;
        }
        if (frame.size() > MAX_FRAME_BYTES) {
            broken = true;
            needKeyframe = true;
            frame.reset();
        }
        if (!endsFrame(b, off, p, end)) {
            return null;
        }
        inFrame = false;
        if (broken || frame.size() == 0) {
            return null;
        }
        byte[] data = frame.toByteArray();
        frame.reset();
        boolean key = isKeyframe(data);
        if (needKeyframe && !key) {
            return null;
        }
        if (key) {
            if (!keyframeUsable(data)) {
                needKeyframe = true;
                return null;
            }
            needKeyframe = false;
        }
        return new EncodedFrame(data, ts, key, frameArrival);
    }

    @Override
    public final boolean waitingForKeyframe() {
        return needKeyframe;
    }

    @Override
    public final void reset() {
        frame.reset();
        inFrame = false;
        broken = false;
        needKeyframe = true;
    }

    /** Whether this packet's payload begins a frame. */
    abstract boolean startsFrame(byte[] b, int p, int end);

    /** Called when a new frame begins. */
    void startFrame() {
    }

    /** Appends the frame data of the payload {@code b[p..end)}; false when it is malformed. */
    abstract boolean appendPayload(byte[] b, int p, int end, ByteArrayOutputStream out);

    /** Whether the packet ends the frame: the RTP marker bit by default. */
    boolean endsFrame(byte[] b, int off, int p, int end) {
        return Rtp.marker(b, off);
    }

    abstract boolean isKeyframe(byte[] frame);

    /** Reads what a keyframe tells (picture size, parameter sets); false when it cannot start a file. */
    abstract boolean keyframeUsable(byte[] frame);
}
