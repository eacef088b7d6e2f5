package org.peerstack.sfu.internal.forward;

/**
 * Finds where a video keyframe starts in an RTP payload, and the frame size a VP8 or VP9 keyframe
 * states, without decoding: VP8 payload descriptor (RFC 7741 §4.2) and keyframe header (RFC 6386
 * §9.1), VP9 payload descriptor and scalability structure (RFC 9628 §4.2), H.264 NAL unit types
 * (RFC 6184 §5: an SPS or IDR slice in a single NAL unit, STAP-A, or the first FU-A fragment). Reads
 * the bytes in place, bounds-checked: malformed payloads are "not a keyframe". Allocation-free, but for
 * the copy of an H.264 SPS whose size {@link org.peerstack.sfu.internal.packet.H264Sps} reads.
 */
final class KeyframeDetector {

    static final int VP8 = 1;
    static final int VP9 = 2;
    static final int H264 = 3;
    static final int OTHER = 0;

    private KeyframeDetector() {
    }

    /** The detector's codec constant for a codec name (upper case). */
    static int codecOf(String upperName) {
        return switch (upperName) {
            case "VP8" -> VP8;
            case "VP9" -> VP9;
            case "H264" -> H264;
            default -> OTHER;
        };
    }

    /**
     * True when the payload {@code b[p, p+n)} is the first packet of a keyframe. {@code frameStart} says
     * that the packet's timestamp differs from the previous packet's of its stream (H.264 has no
     * start-of-frame bit: an SPS or IDR there starts the keyframe).
     */
    static boolean isKeyframeStart(int codec, byte[] b, int p, int n, boolean frameStart) {
        return switch (codec) {
            case VP8 -> vp8Header(b, p, n) >= 0;
            case VP9 -> vp9KeyframeStart(b, p, n);
            case H264 -> frameStart && h264HasKeyframeNal(b, p, n);
            default -> false;
        };
    }

    /** The frame size a keyframe start states, as {@code width << 16 | height}, or -1 (unknown; H.264: no SPS in this packet). */
    static int dimensions(int codec, byte[] b, int p, int n) {
        if (codec == VP8) {
            int h = vp8Header(b, p, n);
            // frame tag (3 bytes), start code 9d 01 2a, then 14-bit width and height, little-endian
            if (h < 0 || h + 10 > p + n || (b[h + 3] & 0xff) != 0x9d || (b[h + 4] & 0xff) != 0x01 || (b[h + 5] & 0xff) != 0x2a) {
                return -1;
            }
            int width = ((b[h + 6] & 0xff) | (b[h + 7] & 0xff) << 8) & 0x3fff;
            int height = ((b[h + 8] & 0xff) | (b[h + 9] & 0xff) << 8) & 0x3fff;
            return width == 0 || height == 0 ? -1 : width << 16 | height;
        }
        if (codec == VP9) {
            return vp9Dimensions(b, p, n);
        }
        if (codec == H264) {
            return org.peerstack.sfu.internal.packet.H264Sps.inPayload(b, p, n);
        }
        return -1;
    }

    /** Offset of the VP8 payload header when this packet starts a keyframe (S=1, PID=0, P=0), else -1. */
    private static int vp8Header(byte[] b, int p, int n) {
        int end = p + n;
        if (n < 1) {
            return -1;
        }
        int first = b[p] & 0xff;
        if ((first & 0x10) == 0 || (first & 0x07) != 0) {
            return -1;
        }
        int q = p + 1;
        if ((first & 0x80) != 0) {
            if (q >= end) {
                return -1;
            }
            int x = b[q++] & 0xff;
            if ((x & 0x80) != 0) {
                if (q >= end) {
                    return -1;
                }
                q += (b[q] & 0x80) != 0 ? 2 : 1;
            }
            if ((x & 0x40) != 0) {
                q++;
            }
            if ((x & 0x30) != 0) {
                q++;
            }
        }
        if (q >= end || (b[q] & 0x01) != 0) {
            return -1;
        }
        return q;
    }

    private static boolean vp9KeyframeStart(byte[] b, int p, int n) {
        // I P L F B E V Z: not inter-predicted (P=0) and the beginning of a frame (B=1)
        return n >= 1 && (b[p] & 0x40) == 0 && (b[p] & 0x08) != 0 && vp9SpatialLayer(b, p, n) == 0;
    }

    /** The spatial layer id of a VP9 packet (0 without layer indices), -1 when malformed. */
    private static int vp9SpatialLayer(byte[] b, int p, int n) {
        int end = p + n;
        int first = b[p] & 0xff;
        int q = p + 1;
        if ((first & 0x80) != 0) {
            if (q >= end) {
                return -1;
            }
            q += (b[q] & 0x80) != 0 ? 2 : 1;
        }
        if ((first & 0x20) != 0) {
            if (q >= end) {
                return -1;
            }
            return (b[q] >> 1) & 0x07;
        }
        return 0;
    }

    private static int vp9Dimensions(byte[] b, int p, int n) {
        int end = p + n;
        if (n < 1) {
            return -1;
        }
        int first = b[p] & 0xff;
        int q = p + 1;
        if ((first & 0x80) != 0) {
            if (q >= end) {
                return -1;
            }
            q += (b[q] & 0x80) != 0 ? 2 : 1;
        }
        if ((first & 0x20) != 0) {
            q += (first & 0x10) != 0 ? 1 : 2; // layer indices, TL0PICIDX in non-flexible mode
        }
        if ((first & 0x10) != 0 && (first & 0x40) != 0) {
            for (int i = 0; i < 3 && q < end; i++) { // P_DIFFs while N is set
                if ((b[q++] & 0x01) == 0) {
                    break;
                }
            }
        }
        if ((first & 0x02) == 0 || q >= end) {
            return -1; // no scalability structure
        }
        int ss = b[q++] & 0xff;
        if ((ss & 0x10) == 0 || q + 4 > end) {
            return -1; // Y=0: no resolutions
        }
        int width = (b[q] & 0xff) << 8 | (b[q + 1] & 0xff);
        int height = (b[q + 2] & 0xff) << 8 | (b[q + 3] & 0xff);
        return width == 0 || height == 0 ? -1 : width << 16 | height;
    }

    private static boolean h264HasKeyframeNal(byte[] b, int p, int n) {
        if (n < 1) {
            return false;
        }
        int type = b[p] & 0x1f;
        if (type == 5 || type == 7) {
            return true;
        }
        if (type == 24) { // STAP-A: 16-bit sizes, each followed by a NAL unit
            int end = p + n;
            int q = p + 1;
            while (q + 3 <= end) {
                int size = (b[q] & 0xff) << 8 | (b[q + 1] & 0xff);
                int nal = b[q + 2] & 0x1f;
                if (nal == 5 || nal == 7) {
                    return true;
                }
                q += 2 + size;
            }
            return false;
        }
        if (type == 28 && n >= 2) { // FU-A: start bit and the fragmented NAL's type
            return (b[p + 1] & 0x80) != 0 && (b[p + 1] & 0x1f) == 5;
        }
        return false;
    }
}
