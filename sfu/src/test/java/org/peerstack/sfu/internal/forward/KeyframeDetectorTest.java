package org.peerstack.sfu.internal.forward;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Keyframe starts and frame sizes from VP8, VP9 and H.264 payloads built by hand from the RFCs. */
class KeyframeDetectorTest {

    /** A VP8 payload: descriptor (with a 15-bit picture id, TL0PICIDX and TID/KEYIDX), then a keyframe or delta header. */
    static byte[] vp8(boolean start, boolean keyframe, int width, int height) {
        byte[] p = new byte[20];
        p[0] = (byte) (0x80 | (start ? 0x10 : 0)); // X, S, PID 0
        p[1] = (byte) 0xf0; // I L T K
        p[2] = (byte) 0x81; // M: 15-bit picture id
        p[3] = 0x23;
        p[4] = 0x05; // TL0PICIDX
        p[5] = 0x20; // TID/Y/KEYIDX
        int h = 6;
        p[h] = (byte) (keyframe ? 0x10 : 0x11); // P bit clear on keyframes
        p[h + 3] = (byte) 0x9d;
        p[h + 4] = 0x01;
        p[h + 5] = 0x2a;
        p[h + 6] = (byte) width;
        p[h + 7] = (byte) (width >> 8);
        p[h + 8] = (byte) height;
        p[h + 9] = (byte) (height >> 8);
        return p;
    }

    @Test
    void vp8KeyframeStartAndSize() {
        byte[] key = vp8(true, true, 1280, 720);
        assertThat(KeyframeDetector.isKeyframeStart(KeyframeDetector.VP8, key, 0, key.length, true)).isTrue();
        assertThat(KeyframeDetector.dimensions(KeyframeDetector.VP8, key, 0, key.length)).isEqualTo(1280 << 16 | 720);
        byte[] delta = vp8(true, false, 0, 0);
        assertThat(KeyframeDetector.isKeyframeStart(KeyframeDetector.VP8, delta, 0, delta.length, true)).isFalse();
        byte[] middle = vp8(false, true, 1280, 720);
        assertThat(KeyframeDetector.isKeyframeStart(KeyframeDetector.VP8, middle, 0, middle.length, false))
                .as("not the first packet of the frame").isFalse();
        // the shortest descriptor: one byte, S set
        byte[] plain = {0x10, 0x00, 0, 0, (byte) 0x9d, 0x01, 0x2a, 0x40, 0x01, (byte) 0xb4, 0x00};
        assertThat(KeyframeDetector.dimensions(KeyframeDetector.VP8, plain, 0, plain.length)).isEqualTo(320 << 16 | 180);
    }

    @Test
    void truncatedPayloadsAreNotKeyframes() {
        byte[] key = vp8(true, true, 640, 360);
        for (int n = 0; n < 16; n++) {
            KeyframeDetector.isKeyframeStart(KeyframeDetector.VP8, key, 0, n, true);
            assertThat(KeyframeDetector.dimensions(KeyframeDetector.VP8, key, 0, n)).isEqualTo(-1);
        }
        assertThat(KeyframeDetector.isKeyframeStart(KeyframeDetector.H264, new byte[0], 0, 0, true)).isFalse();
    }

    @Test
    void h264SpsIdrInStapAAndFuA() {
        byte[] stap = {24, 0, 2, 0x67, 0x42, 0, 2, 0x68, 0x01};
        assertThat(KeyframeDetector.isKeyframeStart(KeyframeDetector.H264, stap, 0, stap.length, true)).isTrue();
        assertThat(KeyframeDetector.isKeyframeStart(KeyframeDetector.H264, stap, 0, stap.length, false))
                .as("same timestamp as the packet before: not the frame's start").isFalse();
        byte[] fuStart = {0x7c, (byte) 0x85, 1};
        byte[] fuMiddle = {0x7c, 0x05, 1};
        byte[] fuDelta = {0x7c, (byte) 0x81, 1};
        assertThat(KeyframeDetector.isKeyframeStart(KeyframeDetector.H264, fuStart, 0, 3, true)).isTrue();
        assertThat(KeyframeDetector.isKeyframeStart(KeyframeDetector.H264, fuMiddle, 0, 3, true)).isFalse();
        assertThat(KeyframeDetector.isKeyframeStart(KeyframeDetector.H264, fuDelta, 0, 3, true)).isFalse();
        assertThat(KeyframeDetector.dimensions(KeyframeDetector.H264, stap, 0, stap.length)).isEqualTo(-1);
    }

    @Test
    void vp9KeyframeWithScalabilityStructure() {
        // I=1 P=0 L=0 F=0 B=1 E=0 V=1; 7-bit picture id; SS: N_S=0 Y=1 G=0; 640x360
        byte[] key = {(byte) 0x8a, 0x11, 0x10, 0x02, (byte) 0x80, 0x01, 0x68, 0};
        assertThat(KeyframeDetector.isKeyframeStart(KeyframeDetector.VP9, key, 0, key.length, true)).isTrue();
        assertThat(KeyframeDetector.dimensions(KeyframeDetector.VP9, key, 0, key.length)).isEqualTo(640 << 16 | 360);
        byte[] inter = {(byte) 0xc8, 0x12, 0};
        assertThat(KeyframeDetector.isKeyframeStart(KeyframeDetector.VP9, inter, 0, inter.length, true)).isFalse();
    }
}
