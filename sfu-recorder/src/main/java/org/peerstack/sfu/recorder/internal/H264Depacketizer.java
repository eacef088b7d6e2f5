package org.peerstack.sfu.recorder.internal;

import java.io.ByteArrayOutputStream;

/**
 * H.264 (RFC 6184, packetization-mode 1): single NAL unit packets, STAP-A aggregates and FU-A fragments
 * are rebuilt into an Annex B access unit (start code before every NAL unit). A keyframe is an access
 * unit with an IDR slice; the first one must carry (or follow) SPS and PPS, which give the container its
 * codec configuration and picture size. Other packet types (STAP-B, MTAP, FU-B) are refused as malformed.
 */
final class H264Depacketizer extends VideoDepacketizer {

    private static final byte[] START = {0, 0, 0, 1};
    private static final int STAP_A = 24;
    private static final int FU_A = 28;
    private byte[] sps;
    private byte[] pps;
    private int[] size;
    /** Inside an FU-A whose start fragment was seen. */
    private boolean inFragment;

    @Override
    boolean startsFrame(byte[] b, int p, int end) {
        if (p >= end) {
            return false;
        }
        int type = b[p] & 0x1F;
        if (type == FU_A) {
            return p + 1 < end && (b[p + 1] & 0x80) != 0;
        }
        return type >= 1 && type <= STAP_A;
    }

    @Override
    void startFrame() {
        inFragment = false;
    }

    @Override
    boolean appendPayload(byte[] b, int p, int end, ByteArrayOutputStream out) {
        if (p >= end) {
            return false;
        }
        int type = b[p] & 0x1F;
        if (type >= 1 && type <= 23) {
            if (inFragment) {
                return false;
            }
            out.write(START, 0, 4);
            out.write(b, p, end - p);
            return true;
        }
        if (type == STAP_A) {
            if (inFragment) {
                return false;
            }
            int q = p + 1;
            while (q + 2 <= end) {
                int n = ((b[q] & 0xFF) << 8) | (b[q + 1] & 0xFF);
                q += 2;
                if (n == 0 || q + n > end) {
                    return false;
                }
                out.write(START, 0, 4);
                out.write(b, q, n);
                q += n;
            }
            return q == end;
        }
        if (type == FU_A) {
            if (p + 2 > end) {
                return false;
            }
            int header = b[p + 1] & 0xFF;
            boolean start = (header & 0x80) != 0;
            boolean last = (header & 0x40) != 0;
            if (start) {
                if (inFragment) {
                    return false;
                }
                out.write(START, 0, 4);
                out.write((b[p] & 0xE0) | (header & 0x1F));
                inFragment = true;
            } else if (!inFragment) {
                return false;
            }
            out.write(b, p + 2, end - p - 2);
            if (last) {
                inFragment = false;
            }
            return true;
        }
        return false;
    }

    @Override
    boolean isKeyframe(byte[] frame) {
        boolean[] idr = {false};
        forEachNal(frame, (s, e) -> {
            if ((frame[s] & 0x1F) == 5) {
                idr[0] = true;
            }
        });
        return idr[0];
    }

    @Override
    boolean keyframeUsable(byte[] frame) {
        forEachNal(frame, (s, e) -> {
            int type = frame[s] & 0x1F;
            if (type == 7) {
                sps = java.util.Arrays.copyOfRange(frame, s, e);
            } else if (type == 8) {
                pps = java.util.Arrays.copyOfRange(frame, s, e);
            }
        });
        if (sps == null || pps == null) {
            return false;
        }
        int[] dims = org.peerstack.sfu.internal.packet.H264Sps.dimensions(sps);
        if (dims != null) {
            size = dims;
        }
        return size != null;
    }

    @Override
    public int[] dimensions() {
        return size;
    }

    @Override
    public byte[] codecConfig() {
        if (sps == null || pps == null) {
            return null;
        }
        byte[] c = new byte[8 + sps.length + pps.length];
        System.arraycopy(START, 0, c, 0, 4);
        System.arraycopy(sps, 0, c, 4, sps.length);
        System.arraycopy(START, 0, c, 4 + sps.length, 4);
        System.arraycopy(pps, 0, c, 8 + sps.length, pps.length);
        return c;
    }

    interface NalVisitor {
        void nal(int start, int end);
    }

    /** Calls {@code v} for each NAL unit of an Annex B buffer written by this class (4-byte start codes). */
    static void forEachNal(byte[] f, NalVisitor v) {
        int s = -1;
        for (int i = 0; i + 3 < f.length; i++) {
            if (f[i] == 0 && f[i + 1] == 0 && f[i + 2] == 0 && f[i + 3] == 1) {
                if (s >= 0 && i > s) {
                    v.nal(s, i);
                }
                s = i + 4;
                i += 3;
            }
        }
        if (s >= 0 && s < f.length) {
            v.nal(s, f.length);
        }
    }
}
