package org.peerstack.sfu.internal.packet;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RtpPacketTest {

    /** V=2, X=1, CC=1, M=1 PT=96, seq 0x1234, ts, ssrc, one CSRC, a one-byte extension block, payload, padding. */
    static byte[] packet(boolean twoByte) {
        byte[] b = new byte[64];
        b[0] = (byte) 0xB1; // V=2 P=1 X=1 CC=1
        b[1] = (byte) (0x80 | 96);
        Bytes.put16(b, 2, 0x1234);
        Bytes.put32(b, 4, 0xCAFEBABE);
        Bytes.put32(b, 8, 0x11223344);
        Bytes.put32(b, 12, 0x55667788); // CSRC
        int p = 16;
        if (twoByte) {
            Bytes.put16(b, p, 0x1000);
            Bytes.put16(b, p + 2, 3);
            b[p + 4] = 4; // mid
            b[p + 5] = 1;
            b[p + 6] = '7';
            b[p + 7] = 2; // abs-send-time
            b[p + 8] = 3;
            Bytes.put24(b, p + 9, 0xABCDEF);
            b[p + 12] = 10; // rid
            b[p + 13] = 1;
            b[p + 14] = 'h';
            b[p + 15] = 0;
        } else {
            Bytes.put16(b, p, RtpPacket.ONE_BYTE_PROFILE);
            Bytes.put16(b, p + 2, 3);
            b[p + 4] = (byte) ((4 << 4) | 0); // mid, 1 byte
            b[p + 5] = '7';
            b[p + 6] = (byte) ((2 << 4) | 2); // abs-send-time, 3 bytes
            Bytes.put24(b, p + 7, 0xABCDEF);
            b[p + 10] = (byte) ((10 << 4) | 0); // rid
            b[p + 11] = 'h';
            b[p + 12] = 0;
            b[p + 13] = (byte) ((11 << 4) | 0); // repaired-rid
            b[p + 14] = 'l';
            b[p + 15] = 0;
        }
        p += 16;
        for (int i = 0; i < 20; i++) {
            b[p + i] = (byte) i;
        }
        b[63] = (byte) (64 - p - 20); // padding count
        return b;
    }

    @Test
    void readsTheHeaderAndExtensionsInBothForms() {
        for (boolean twoByte : new boolean[] {false, true}) {
            byte[] b = packet(twoByte);
            assertThat(RtpPacket.isRtp(b, 0, b.length)).isTrue();
            assertThat(RtpPacket.headerLength(b, 0, b.length)).isEqualTo(32);
            assertThat(RtpPacket.marker(b, 0)).isTrue();
            assertThat(RtpPacket.payloadType(b, 0)).isEqualTo(96);
            assertThat(RtpPacket.sequenceNumber(b, 0)).isEqualTo(0x1234);
            assertThat(RtpPacket.timestamp(b, 0)).isEqualTo(0xCAFEBABEL);
            assertThat(RtpPacket.ssrc(b, 0)).isEqualTo(0x11223344);
            assertThat(RtpPacket.paddingLength(b, 0, b.length)).isEqualTo(12);
            assertThat(RtpPacket.extensionString(b, 0, b.length, 4)).isEqualTo("7");
            assertThat(RtpPacket.extensionString(b, 0, b.length, 10)).isEqualTo("h");
            int at = RtpPacket.findExtension(b, 0, b.length, 2);
            assertThat(Bytes.uint24(b, at)).isEqualTo(0xABCDEF);
            assertThat(RtpPacket.extensionLength(b, 0, b.length, 2)).isEqualTo(3);
            assertThat(RtpPacket.findExtension(b, 0, b.length, 9)).isEqualTo(-1);
        }
        assertThat(RtpPacket.extensionString(packet(false), 0, 64, 11)).isEqualTo("l");
    }

    @Test
    void rewritesInPlace() {
        byte[] b = packet(false);
        RtpPacket.setSequenceNumber(b, 0, 65535);
        RtpPacket.setTimestamp(b, 0, 0xFFFFFFFFL);
        RtpPacket.setSsrc(b, 0, -5);
        RtpPacket.setPayloadType(b, 0, 100);
        assertThat(RtpPacket.sequenceNumber(b, 0)).isEqualTo(65535);
        assertThat(RtpPacket.timestamp(b, 0)).isEqualTo(0xFFFFFFFFL);
        assertThat(RtpPacket.ssrc(b, 0)).isEqualTo(-5);
        assertThat(RtpPacket.payloadType(b, 0)).isEqualTo(100);
        assertThat(RtpPacket.marker(b, 0)).as("marker kept").isTrue();
    }

    @Test
    void malformedPacketsAreRefused() {
        byte[] b = packet(false);
        assertThat(RtpPacket.headerLength(b, 0, 11)).isEqualTo(-1);
        assertThat(RtpPacket.headerLength(b, 0, 30)).as("extension longer than the packet").isEqualTo(-1);
        byte[] badPad = b.clone();
        badPad[63] = (byte) 200;
        assertThat(RtpPacket.headerLength(badPad, 0, 64)).isEqualTo(-1);
        byte[] v1 = b.clone();
        v1[0] = 0x41;
        assertThat(RtpPacket.headerLength(v1, 0, 64)).isEqualTo(-1);
        byte[] rtcp = b.clone();
        rtcp[1] = (byte) 200;
        assertThat(RtpPacket.isRtp(rtcp, 0, 64)).as("PT 72 with marker is RTCP SR").isFalse();
    }

    @Test
    void absSendTimeIsSixPointEighteenSeconds() {
        assertThat(RtpPacket.absSendTime(1_000_000_000L)).isEqualTo(1 << 18);
        assertThat(RtpPacket.absSendTime(64_500_000_000L)).isEqualTo((int) (0.5 * (1 << 18)));
    }
}
