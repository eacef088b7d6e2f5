package org.peerstack.sfu.internal.packet;

/**
 * Reads the picture size from an H.264 sequence parameter set (ITU-T H.264 §7.3.2.1.1), and finds the
 * SPS in an RTP payload (RFC 6184: a single NAL unit or an aggregate STAP-A). Shared by the SFU (sizes of
 * H.264 simulcast layers) and peerstack-sfu-recorder (the container's picture size). A malformed SPS
 * gives "unknown", never an exception. Allocates a copy of the SPS (tens of bytes) per call.
 */
public final class H264Sps {

    private final byte[] rbsp;
    private int bit;

    /** Longest SPS read (bytes); a longer NAL unit is not an SPS a sender would write. */
    public static final int MAX_SPS_BYTES = 1024;

    private H264Sps(byte[] nal, int off, int len) {
        // remove emulation prevention bytes (00 00 03)
        byte[] out = new byte[len];
        int n = 0;
        int zeros = 0;
        for (int i = off + 1; i < off + len; i++) {
            int v = nal[i] & 0xFF;
            if (zeros >= 2 && v == 3) {
                zeros = 0;
                continue;
            }
            zeros = v == 0 ? zeros + 1 : 0;
            out[n++] = (byte) v;
        }
        rbsp = java.util.Arrays.copyOf(out, n);
    }

    /** {width, height} of the SPS NAL unit {@code spsNal} (header byte included), or null when it cannot be read. */
    public static int[] dimensions(byte[] spsNal) {
        return dimensions(spsNal, 0, spsNal.length);
    }

    /** {width, height} of the SPS NAL unit in {@code b[off, off+len)}, or null when it cannot be read. */
    public static int[] dimensions(byte[] b, int off, int len) {
        if (len < 4 || len > MAX_SPS_BYTES || off < 0 || off + len > b.length) {
            return null;
        }
        try {
            return new H264Sps(b, off, len).read();
        } catch (IndexOutOfBoundsException e) {
            return null;
        }
    }

    /**
     * The picture size of the SPS in the RTP payload {@code b[p, p+n)} (a single SPS NAL unit, or the
     * first SPS of a STAP-A), as {@code width << 16 | height}, or -1 when the payload has none or it
     * cannot be read.
     */
    public static int inPayload(byte[] b, int p, int n) {
        if (n < 1 || p < 0 || p + n > b.length) {
            return -1;
        }
        int type = b[p] & 0x1f;
        int[] size = null;
        if (type == 7) {
            size = dimensions(b, p, n);
        } else if (type == 24) {
            int end = p + n;
            int q = p + 1;
            while (q + 3 <= end && size == null) {
                int nalSize = (b[q] & 0xff) << 8 | (b[q + 1] & 0xff);
                if (nalSize == 0 || q + 2 + nalSize > end) {
                    return -1;
                }
                if ((b[q + 2] & 0x1f) == 7) {
                    size = dimensions(b, q + 2, nalSize);
                    if (size == null) {
                        return -1;
                    }
                }
                q += 2 + nalSize;
            }
        }
        return size == null || size[0] > 0xffff || size[1] > 0xffff ? -1 : size[0] << 16 | size[1];
    }

    private int[] read() {
        int profile = bits(8);
        bits(16); // constraint flags, level
        ue(); // seq_parameter_set_id
        int chromaFormat = 1;
        if (profile == 100 || profile == 110 || profile == 122 || profile == 244 || profile == 44 || profile == 83
                || profile == 86 || profile == 118 || profile == 128 || profile == 138 || profile == 139 || profile == 134) {
            chromaFormat = ue();
            if (chromaFormat == 3) {
                bits(1);
            }
            ue();
            ue();
            bits(1);
            if (bits(1) == 1) { // seq_scaling_matrix_present_flag
                for (int i = 0; i < (chromaFormat != 3 ? 8 : 12); i++) {
                    if (bits(1) == 1) {
                        skipScalingList(i < 6 ? 16 : 64);
                    }
                }
            }
        }
        ue(); // log2_max_frame_num_minus4
        int pocType = ue();
        if (pocType == 0) {
            ue();
        } else if (pocType == 1) {
            bits(1);
            se();
            se();
            int n = ue();
            for (int i = 0; i < n; i++) {
                se();
            }
        }
        ue(); // max_num_ref_frames
        bits(1);
        int widthMbs = ue() + 1;
        int heightMapUnits = ue() + 1;
        int frameMbsOnly = bits(1);
        if (frameMbsOnly == 0) {
            bits(1);
        }
        bits(1); // direct_8x8_inference_flag
        int width = widthMbs * 16;
        int height = (2 - frameMbsOnly) * heightMapUnits * 16;
        if (bits(1) == 1) { // frame_cropping_flag
            int left = ue();
            int right = ue();
            int top = ue();
            int bottom = ue();
            int cropX = chromaFormat == 0 || chromaFormat == 3 ? 1 : 2;
            int cropY = (chromaFormat == 1 ? 2 : 1) * (2 - frameMbsOnly);
            width -= (left + right) * cropX;
            height -= (top + bottom) * cropY;
        }
        return width > 0 && height > 0 ? new int[] {width, height} : null;
    }

    private void skipScalingList(int size) {
        int last = 8;
        int next = 8;
        for (int j = 0; j < size; j++) {
            if (next != 0) {
                next = (last + se() + 256) % 256;
            }
            last = next == 0 ? last : next;
        }
    }

    private int bits(int n) {
        int v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 1) | ((rbsp[bit >> 3] >> (7 - (bit & 7))) & 1);
            bit++;
        }
        return v;
    }

    private int ue() {
        int zeros = 0;
        while (bits(1) == 0) {
            if (++zeros > 31) {
                throw new IndexOutOfBoundsException("bad exp-Golomb code");
            }
        }
        return (int) ((1L << zeros) - 1 + (zeros == 0 ? 0 : bitsLong(zeros)));
    }

    private long bitsLong(int n) {
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 1) | bits(1);
        }
        return v;
    }

    private int se() {
        int k = ue();
        return (k & 1) == 1 ? (k + 1) / 2 : -(k / 2);
    }
}
