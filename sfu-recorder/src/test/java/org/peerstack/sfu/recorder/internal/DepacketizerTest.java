package org.peerstack.sfu.recorder.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Depacketisers and the reorder buffer on hand-built RTP packets (RFC 6184, 7741, 9628 layouts). */
class DepacketizerTest {

    private static final byte[] SPS_640x480 = hex("6742c01e95a0280f68"); // baseline, 40x30 macroblocks
    private static final byte[] PPS = hex("68ce3c80");

    @Test
    void h264StapAAndFuABuildOneAnnexBKeyframe() {
        H264Depacketizer d = new H264Depacketizer();
        byte[] idr = new byte[3000];
        idr[0] = 0x65;
        for (int i = 1; i < idr.length; i++) {
            idr[i] = (byte) (i * 7);
        }
        ByteArrayOutputStream stap = new ByteArrayOutputStream();
        stap.write(0x18);
        writeNal(stap, SPS_640x480);
        writeNal(stap, PPS);
        assertThat(d.push(rtp(1, 1000, false, stap.toByteArray()), 0, rtp(1, 1000, false, stap.toByteArray()).length, false, 0)).isNull();
        List<EncodedFrame> out = new ArrayList<>();
        int seq = 2;
        for (int off = 1; off < idr.length; off += 1000) {
            int n = Math.min(1000, idr.length - off);
            byte[] fu = new byte[2 + n];
            fu[0] = (byte) ((idr[0] & 0xE0) | 28);
            fu[1] = (byte) ((off == 1 ? 0x80 : 0) | (off + n == idr.length ? 0x40 : 0) | 5);
            System.arraycopy(idr, off, fu, 2, n);
            byte[] p = rtp(seq++, 1000, off + n == idr.length, fu);
            EncodedFrame f = d.push(p, 0, p.length, false, 0);
            if (f != null) {
                out.add(f);
            }
        }
        assertThat(out).hasSize(1);
        assertThat(out.get(0).keyframe()).isTrue();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (byte[] nal : List.of(SPS_640x480, PPS, idr)) {
            expected.write(0);
            expected.write(0);
            expected.write(0);
            expected.write(1);
            expected.writeBytes(nal);
        }
        assertThat(out.get(0).data()).isEqualTo(expected.toByteArray());
        assertThat(d.dimensions()).containsExactly(640, 480);
        assertThat(d.codecConfig()).hasSize(8 + SPS_640x480.length + PPS.length);
    }

    @Test
    void h264LostFragmentDropsTheFrameAndWaitsForAKeyframe() {
        H264Depacketizer d = keyedH264();
        // a P frame in two FU-A fragments, the first lost
        byte[] second = {(byte) 0x5C, 0x41, 1, 2, 3};
        byte[] p = rtp(21, 5000, true, second);
        assertThat(d.push(p, 0, p.length, true, 0)).isNull();
        assertThat(d.waitingForKeyframe()).isTrue();
        // a whole P frame after it is refused too (it references the lost one)
        byte[] single = rtp(22, 6000, true, new byte[] {0x41, 9, 9});
        assertThat(d.push(single, 0, single.length, false, 0)).isNull();
        // a keyframe resumes
        byte[] key = rtp(23, 7000, true, concat(new byte[] {0x18}, nal(SPS_640x480), nal(PPS), nal(new byte[] {0x65, 1, 2})));
        EncodedFrame f = d.push(key, 0, key.length, false, 0);
        assertThat(f).isNotNull();
        assertThat(f.keyframe()).isTrue();
        assertThat(d.waitingForKeyframe()).isFalse();
    }

    @Test
    void vp8KeyframeGivesSizeAndLossWaitsForTheNext() {
        Vp8Depacketizer d = new Vp8Depacketizer();
        // descriptor X=1,S=1,PID=0; I=1 with a 15-bit picture id
        byte[] key = concat(new byte[] {(byte) 0x90, (byte) 0x80, (byte) 0x80, 0x01},
                new byte[] {0x50, 0x02, 0x00, (byte) 0x9D, 0x01, 0x2A, (byte) 0x80, 0x02, (byte) 0xE0, 0x01, 7, 7});
        byte[] p = rtp(1, 100, true, key);
        EncodedFrame f = d.push(p, 0, p.length, false, 0);
        assertThat(f).isNotNull();
        assertThat(f.keyframe()).isTrue();
        assertThat(d.dimensions()).containsExactly(640, 480);
        byte[] inter = rtp(3, 200, true, new byte[] {0x10, 0x01, 5, 5});
        assertThat(d.push(inter, 0, inter.length, true, 0)).as("inter frame after a loss").isNull();
        byte[] next = rtp(4, 300, true, new byte[] {0x10, 0x01, 6, 6});
        assertThat(d.push(next, 0, next.length, false, 0)).as("still waiting for a keyframe").isNull();
        byte[] key2 = rtp(5, 400, true, key);
        assertThat(d.push(key2, 0, key2.length, false, 0)).isNotNull();
    }

    @Test
    void vp9KeyframeHeaderGivesSize() {
        // frame_marker 2, profile 0, show_existing 0, key frame, show 1, error_res 0, sync code, color space 1, range 0, size
        BitWriter w = new BitWriter();
        w.put(2, 2).put(0, 1).put(0, 1).put(0, 1).put(0, 1).put(1, 1).put(0, 1).put(0x498342, 24).put(1, 3).put(0, 1)
                .put(639, 16).put(359, 16).put(0, 8);
        int[] h = Vp9Depacketizer.header(w.bytes());
        assertThat(h).containsExactly(1, 640, 360);
    }

    @Test
    void reorderBufferRestoresOrderAndReportsLoss() {
        ReorderBuffer r = new ReorderBuffer(16, 1_000_000_000L);
        List<String> out = new ArrayList<>();
        ReorderBuffer.Output o = (p, loss, a) -> out.add(Rtp.sequenceNumber(p, 0) + (loss ? "!" : ""));
        for (int seq : new int[] {65534, 0, 65535, 1, 3}) {
            r.add(rtp(seq, 0, false, new byte[] {1}), 0);
            r.drain(0, false, o);
        }
        assertThat(out).containsExactly("65534", "65535", "0", "1");
        r.drain(2_000_000_000L, false, o); // 2 waited too long
        assertThat(out).containsExactly("65534", "65535", "0", "1", "3!");
        assertThat(r.lost()).isEqualTo(1);
        r.add(rtp(2, 0, false, new byte[] {1}), 0); // too late
        assertThat(r.late()).isEqualTo(1);
    }

    @Test
    void randomPayloadsNeverThrow() {
        java.util.Random random = new java.util.Random(17);
        for (String codec : List.of("VP8", "VP9", "H264", "opus")) {
            Depacketizer d = Depacketizer.forCodec(codec);
            int frames = 0;
            for (int i = 0; i < 50_000; i++) {
                byte[] payload = new byte[random.nextInt(40)];
                random.nextBytes(payload);
                if (payload.length > 0 && random.nextBoolean()) {
                    payload[0] = (byte) (random.nextBoolean() ? 0x7C : 0x18); // FU-A / STAP-A headers more often
                }
                byte[] p = rtp(i, i / 3, random.nextInt(3) == 0, payload);
                if (d.push(p, 0, p.length, random.nextInt(20) == 0, 0) != null) {
                    frames++;
                }
                if (d.dimensions() != null) {
                    assertThat(d.dimensions()[0]).isPositive();
                }
            }
            System.out.println("randomPayloadsNeverThrow " + codec + ": " + frames + " frames accepted");
        }
    }

    private static H264Depacketizer keyedH264() {
        H264Depacketizer d = new H264Depacketizer();
        byte[] key = rtp(20, 4000, true, concat(new byte[] {0x18}, nal(SPS_640x480), nal(PPS), nal(new byte[] {0x65, 1, 2})));
        assertThat(d.push(key, 0, key.length, false, 0)).isNotNull();
        return d;
    }

    private static byte[] nal(byte[] nal) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        writeNal(o, nal);
        return o.toByteArray();
    }

    private static void writeNal(ByteArrayOutputStream o, byte[] nal) {
        o.write(nal.length >> 8);
        o.write(nal.length);
        o.writeBytes(nal);
    }

    static byte[] rtp(int seq, long ts, boolean marker, byte[] payload) {
        byte[] p = new byte[12 + payload.length];
        p[0] = (byte) 0x80;
        p[1] = (byte) ((marker ? 0x80 : 0) | 96);
        p[2] = (byte) (seq >> 8);
        p[3] = (byte) seq;
        for (int i = 0; i < 4; i++) {
            p[4 + i] = (byte) (ts >> (24 - 8 * i));
        }
        p[8] = 0x11;
        System.arraycopy(payload, 0, p, 12, payload.length);
        return p;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] b : parts) {
            o.writeBytes(b);
        }
        return o.toByteArray();
    }

    private static byte[] hex(String s) {
        byte[] b = new byte[s.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }

    private static final class BitWriter {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private int cur;
        private int n;

        BitWriter put(long v, int bits) {
            for (int i = bits - 1; i >= 0; i--) {
                cur = (cur << 1) | (int) ((v >> i) & 1);
                if (++n == 8) {
                    out.write(cur);
                    cur = 0;
                    n = 0;
                }
            }
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
