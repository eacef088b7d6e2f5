package org.peerstack.sfu.internal.forward;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Picture IDs and TL0PICIDX stay continuous when the source changes; 7-bit IDs and short descriptors. */
class Vp8DescriptorRewriterTest {

    private static byte[] longPid(int pid, int tl0) {
        return new byte[] {(byte) 0x90, (byte) 0xc0, (byte) (0x80 | pid >> 8), (byte) pid, (byte) tl0, 0x10};
    }

    private static int pid(byte[] b) {
        return (b[2] & 0x7f) << 8 | (b[3] & 0xff);
    }

    @Test
    void continuesAcrossSourcesAndWraps() {
        Vp8DescriptorRewriter r = new Vp8DescriptorRewriter();
        byte[] a = longPid(0x7ffe, 255);
        r.rewrite(1, a, 0, a.length);
        assertThat(pid(a)).as("the first source keeps its numbers").isEqualTo(0x7ffe);
        byte[] a2 = longPid(0x7fff, 0);
        r.rewrite(1, a2, 0, a2.length);
        byte[] b = longPid(1000, 77);
        r.rewrite(2, b, 0, b.length);
        assertThat(pid(b)).as("wraps to 0 after 0x7fff").isEqualTo(0);
        assertThat(b[4] & 0xff).isEqualTo(1);
        assertThat(b[2] & 0x80).as("M bit kept").isEqualTo(0x80);
        byte[] b2 = longPid(1001, 77);
        r.rewrite(2, b2, 0, b2.length);
        assertThat(pid(b2)).isEqualTo(1);
        assertThat(b2[4] & 0xff).as("a TL>0 frame keeps the TL0PICIDX of its base frame").isEqualTo(1);
        byte[] old = longPid(999, 76);
        r.rewrite(2, old, 0, old.length);
        assertThat(pid(old)).as("a late packet keeps its place").isEqualTo(0x7fff);
    }

    @Test
    void sevenBitIdsAndDescriptorsWithoutThem() {
        Vp8DescriptorRewriter r = new Vp8DescriptorRewriter();
        byte[] a = {(byte) 0x90, (byte) 0x80, 0x7f, 0x10};
        r.rewrite(1, a, 0, a.length);
        byte[] b = {(byte) 0x90, (byte) 0x80, 0x05, 0x10};
        r.rewrite(2, b, 0, b.length);
        assertThat(b[2]).as("7-bit: 0x7f + 1 wraps to 0").isEqualTo((byte) 0);
        byte[] plain = {0x10, 0x00};
        r.rewrite(3, plain, 0, plain.length);
        assertThat(plain).containsExactly(0x10, 0x00);
        byte[] truncated = {(byte) 0x90, (byte) 0xc0, (byte) 0x81};
        r.rewrite(4, truncated, 0, truncated.length);
        assertThat(truncated).containsExactly((byte) 0x90, (byte) 0xc0, (byte) 0x81);
    }
}
