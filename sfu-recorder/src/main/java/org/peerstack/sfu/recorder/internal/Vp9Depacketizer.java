package org.peerstack.sfu.recorder.internal;

import java.io.ByteArrayOutputStream;

/**
 * VP9 (RFC 9628): strips the payload descriptor (picture id, layer indices, reference indices, scalability
 * structure); B marks a frame's first packet. Keyframes and the picture size are read from the frame's
 * uncompressed header. One spatial layer only: packets of a spatial layer above 0 (SVC) are refused as
 * malformed, so such streams record nothing (see docs/sfu-recording.md).
 */
final class Vp9Depacketizer extends VideoDepacketizer {

    private int[] size;

    /** Length of the payload descriptor at {@code p}, or -1 when malformed or of a spatial layer above 0. */
    static int descriptorLength(byte[] b, int p, int end) {
        if (p >= end) {
            return -1;
        }
        int h = b[p] & 0xFF;
        boolean i = (h & 0x80) != 0;
        boolean pFlag = (h & 0x40) != 0;
        boolean l = (h & 0x20) != 0;
        boolean f = (h & 0x10) != 0;
        boolean v = (h & 0x02) != 0;
        int q = p + 1;
        if (i) {
            if (q >= end) {
                return -1;
            }
            q += (b[q] & 0x80) != 0 ? 2 : 1;
        }
        if (l) {
            if (q >= end) {
                return -1;
            }
            int sid = (b[q] >> 1) & 0x07;
            if (sid != 0) {
                return -1;
            }
            q += f ? 1 : 2;
        }
        if (f && pFlag) {
            for (int k = 0; k < 3; k++) {
                if (q >= end) {
                    return -1;
                }
                boolean more = (b[q++] & 0x01) != 0;
                if (!more) {
                    break;
                }
            }
        }
        if (v) {
            if (q >= end) {
                return -1;
            }
            int ss = b[q++] & 0xFF;
            int layers = (ss >> 5) + 1;
            if ((ss & 0x10) != 0) {
                q += 4 * layers;
            }
            if ((ss & 0x08) != 0) {
                if (q >= end) {
                    return -1;
                }
                int groups = b[q++] & 0xFF;
                for (int g = 0; g < groups; g++) {
                    if (q >= end) {
                        return -1;
                    }
                    int refs = (b[q++] >> 2) & 0x03;
                    q += refs;
                }
            }
        }
        return q < end ? q - p : -1;
    }

    @Override
    boolean startsFrame(byte[] b, int p, int end) {
        return descriptorLength(b, p, end) > 0 && (b[p] & 0x08) != 0;
    }

    @Override
    boolean appendPayload(byte[] b, int p, int end, ByteArrayOutputStream out) {
        int d = descriptorLength(b, p, end);
        if (d < 0) {
            return false;
        }
        out.write(b, p + d, end - p - d);
        return true;
    }

    @Override
    boolean isKeyframe(byte[] frame) {
        int[] header = header(frame);
        return header != null && header[0] == 1;
    }

    @Override
    boolean keyframeUsable(byte[] frame) {
        int[] header = header(frame);
        if (header == null || header[1] <= 0) {
            return false;
        }
        size = new int[] {header[1], header[2]};
        return true;
    }

    @Override
    public int[] dimensions() {
        return size;
    }

    /** {keyframe ? 1 : 0, width, height} from the uncompressed header (size only for keyframes), or null. */
    static int[] header(byte[] f) {
        try {
            Bits r = new Bits(f);
            if (r.read(2) != 2) {
                return null; // frame_marker
            }
            int profile = r.read(1) | (r.read(1) << 1);
            if (profile == 3) {
                r.read(1);
            }
            if (r.read(1) == 1) {
                return new int[] {0, 0, 0}; // show_existing_frame
            }
            if (r.read(1) != 0) {
                return new int[] {0, 0, 0}; // frame_type 1: inter
            }
            r.read(2); // show_frame, error_resilient_mode
            if (r.read(24) != 0x498342) {
                return null; // sync code
            }
            if (profile >= 2) {
                r.read(1);
            }
            int colorSpace = r.read(3);
            if (colorSpace != 7) {
                r.read(1);
                if (profile == 1 || profile == 3) {
                    r.read(3);
                }
            } else if (profile == 1 || profile == 3) {
                r.read(1);
            }
            int w = r.read(16) + 1;
            int h = r.read(16) + 1;
            return new int[] {1, w, h};
        } catch (IndexOutOfBoundsException e) {
            return null;
        }
    }

    private static final class Bits {
        private final byte[] b;
        private int pos;

        Bits(byte[] b) {
            this.b = b;
        }

        int read(int n) {
            int v = 0;
            for (int i = 0; i < n; i++) {
                v = (v << 1) | ((b[pos >> 3] >> (7 - (pos & 7))) & 1);
                pos++;
            }
            return v;
        }
    }
}
