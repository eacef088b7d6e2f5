package org.peerstack.sfu.internal.forward;

/**
 * Keeps the VP8 payload descriptor's picture ID and TL0PICIDX (RFC 7741 §4.2) continuous on one
 * subscriber's stream when its source changes (a simulcast layer switch): each layer numbers its pictures
 * on its own, and libwebrtc's receiver (its VP8 reference finder) takes a jump in picture IDs for frames
 * it has not received and holds back the delta frames that follow. At a source change the first picture
 * continues one after the last picture sent, and the new source's numbers keep that offset. Rewrites the
 * outgoing copy in place; the field widths (7- or 15-bit picture ID) are kept. Allocation-free, I/O
 * thread only.
 */
final class Vp8DescriptorRewriter {

    private boolean started;
    private int sourceSsrc;
    private int pictureIdOffset;
    private int tl0Offset;
    /** The highest outgoing picture ID (15-bit space) and TL0PICIDX, -1 before any. */
    private int lastPictureId = -1;
    private int lastTl0 = -1;

    /** Rewrites the descriptor at {@code b[p, p+n)} of a packet from {@code ssrc}. */
    void rewrite(int ssrc, byte[] b, int p, int n) {
        int end = p + n;
        if (n < 2 || (b[p] & 0x80) == 0) {
            return; // no extension byte: no picture ID nor TL0PICIDX
        }
        int x = b[p + 1] & 0xff;
        int q = p + 2;
        int pidAt = -1;
        boolean longPid = false;
        if ((x & 0x80) != 0) {
            if (q >= end) {
                return;
            }
            pidAt = q;
            longPid = (b[q] & 0x80) != 0;
            q += longPid ? 2 : 1;
        }
        int tl0At = -1;
        if ((x & 0x40) != 0) {
            tl0At = q;
        }
        if (q > end || tl0At >= end || (longPid && pidAt + 1 >= end)) {
            return;
        }
        int pid = pidAt < 0 ? -1 : longPid ? ((b[pidAt] & 0x7f) << 8) | (b[pidAt + 1] & 0xff) : b[pidAt] & 0x7f;
        int tl0 = tl0At < 0 ? -1 : b[tl0At] & 0xff;
        if (!started || ssrc != sourceSsrc) {
            pictureIdOffset = pid >= 0 && lastPictureId >= 0 ? lastPictureId + 1 - pid : 0;
            tl0Offset = tl0 >= 0 && lastTl0 >= 0 ? lastTl0 + 1 - tl0 : 0;
            sourceSsrc = ssrc;
            started = true;
        }
        if (pid >= 0) {
            int out = (pid + pictureIdOffset) & 0x7fff;
            if (longPid) {
                b[pidAt] = (byte) (0x80 | (out >> 8));
                b[pidAt + 1] = (byte) out;
            } else {
                out &= 0x7f;
                b[pidAt] = (byte) out;
            }
            if (lastPictureId < 0 || ((out - lastPictureId) & 0x7fff) < 0x4000) {
                lastPictureId = out;
            }
        }
        if (tl0 >= 0) {
            int out = (tl0 + tl0Offset) & 0xff;
            b[tl0At] = (byte) out;
            if (lastTl0 < 0 || ((out - lastTl0) & 0xff) < 0x80) {
                lastTl0 = out;
            }
        }
    }
}
