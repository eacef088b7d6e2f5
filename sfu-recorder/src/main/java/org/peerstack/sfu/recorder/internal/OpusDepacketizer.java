package org.peerstack.sfu.recorder.internal;

/** Opus (RFC 7587): every packet is one whole frame, decodable on its own; a loss leaves a gap in time. */
final class OpusDepacketizer implements Depacketizer {

    @Override
    public EncodedFrame push(byte[] b, int off, int len, boolean lossBefore, long arrivalNanos) {
        int p = Rtp.payloadOffset(b, off, len);
        int end = Rtp.payloadEnd(b, off, len);
        if (end - p <= 0) {
            return null;
        }
        byte[] data = new byte[end - p];
        System.arraycopy(b, p, data, 0, data.length);
        return new EncodedFrame(data, Rtp.timestamp(b, off), true, arrivalNanos);
    }

    @Override
    public boolean waitingForKeyframe() {
        return false;
    }

    @Override
    public void reset() {
    }
}
