package org.peerstack.sfu.internal.packet;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RtcpPacketTest {

    @Test
    void aWrittenCompoundPacketReadsBack() {
        byte[] b = new byte[512];
        int p = RtcpWriter.receiverReport(b, 0, 0x0A0B0C0D, 0x11111111, 25, 7, 70_000, 12, 0x12345678L, 65_536);
        int sdes = p;
        p = RtcpWriter.sdesCname(b, p, 0x0A0B0C0D, "sfu-cname");
        int pli = p;
        p = RtcpWriter.pli(b, p, 0x0A0B0C0D, 0x11111111);
        int fir = p;
        p = RtcpWriter.fir(b, p, 0x0A0B0C0D, 0x11111111, 9);
        int nack = p;
        p = RtcpWriter.nack(b, p, 0x0A0B0C0D, 0x11111111, new int[] {(100 << 16) | 0b101}, 1);
        int remb = p;
        p = RtcpWriter.remb(b, p, 0x0A0B0C0D, 2_500_000, new int[] {0x11111111, 0x22222222}, 2);
        int bye = p;
        p = RtcpWriter.bye(b, p, 0x0A0B0C0D);
        int sr = p;
        p = RtcpWriter.senderReport(b, p, 0x33333333, 0x0102030405060708L, 90_000, 10, 1000);

        assertThat(RtcpPacket.isRtcp(b, 0, p)).isTrue();
        assertThat(RtcpPacket.isValidCompound(b, 0, p)).isTrue();
        assertThat(RtcpPacket.type(b, 0)).isEqualTo(RtcpPacket.RR);
        int block = RtcpPacket.reportBlock(b, 0, 0);
        assertThat(Bytes.int32(b, block)).isEqualTo(0x11111111);
        assertThat(b[block + 4] & 0xff).isEqualTo(25);
        assertThat(Bytes.uint24(b, block + 5)).isEqualTo(7);
        assertThat(Bytes.uint32(b, block + 8)).isEqualTo(70_000);
        assertThat(RtcpPacket.type(b, sdes)).isEqualTo(RtcpPacket.SDES);
        assertThat(RtcpPacket.length(b, sdes) % 4).isZero();
        assertThat(RtcpPacket.type(b, pli)).isEqualTo(RtcpPacket.PSFB);
        assertThat(RtcpPacket.count(b, pli)).isEqualTo(RtcpPacket.FMT_PLI);
        assertThat(RtcpPacket.mediaSsrc(b, pli)).isEqualTo(0x11111111);
        assertThat(RtcpPacket.count(b, fir)).isEqualTo(RtcpPacket.FMT_FIR);
        assertThat(Bytes.int32(b, RtcpPacket.fci(fir))).isEqualTo(0x11111111);
        assertThat(RtcpPacket.type(b, nack)).isEqualTo(RtcpPacket.RTPFB);
        assertThat(Bytes.uint16(b, RtcpPacket.fci(nack))).isEqualTo(100);
        assertThat(Bytes.uint16(b, RtcpPacket.fci(nack) + 2)).isEqualTo(0b101);
        assertThat(RtcpPacket.isRemb(b, remb)).isTrue();
        assertThat(RtcpPacket.rembBitrate(b, remb)).isBetween(2_490_000L, 2_500_000L);
        assertThat(RtcpPacket.type(b, bye)).isEqualTo(RtcpPacket.BYE);
        assertThat(RtcpPacket.srNtp(b, sr)).isEqualTo(0x0102030405060708L);
        assertThat(RtcpPacket.srRtpTimestamp(b, sr)).isEqualTo(90_000);
        assertThat(RtcpPacket.senderSsrc(b, sr)).isEqualTo(0x33333333);
    }

    @Test
    void truncatedOrInconsistentPacketsAreInvalid() {
        byte[] b = new byte[64];
        int p = RtcpWriter.receiverReport(b, 0, 1, 2, 0, 0, 0, 0, 0, 0);
        assertThat(RtcpPacket.isValidCompound(b, 0, p - 4)).isFalse();
        byte[] c = b.clone();
        c[0] = (byte) 0x85; // RR claiming 5 report blocks in 32 bytes
        assertThat(RtcpPacket.isValidCompound(c, 0, p)).isFalse();
        assertThat(RtcpPacket.isValidCompound(b, 0, 3)).isFalse();
        byte[] fb = new byte[8];
        fb[0] = (byte) 0x81;
        fb[1] = (byte) RtcpPacket.PSFB;
        Bytes.put16(fb, 2, 1); // 8 bytes: too short for feedback
        assertThat(RtcpPacket.isValidCompound(fb, 0, 8)).isFalse();
    }

    @Test
    void transportWideCcHeaderFieldsRead() {
        byte[] b = new byte[24];
        b[0] = (byte) (0x80 | RtcpPacket.FMT_TWCC);
        b[1] = (byte) RtcpPacket.RTPFB;
        Bytes.put16(b, 2, 5);
        Bytes.put32(b, 4, 1);
        Bytes.put32(b, 8, 2);
        Bytes.put16(b, 12, 4321);
        Bytes.put16(b, 14, 3);
        Bytes.put24(b, 16, 77);
        b[19] = 9;
        assertThat(RtcpPacket.isValidCompound(b, 0, 24)).isTrue();
        assertThat(RtcpPacket.twccBaseSequence(b, 0)).isEqualTo(4321);
        assertThat(RtcpPacket.twccStatusCount(b, 0)).isEqualTo(3);
        assertThat(RtcpPacket.twccFeedbackCount(b, 0)).isEqualTo(9);
    }
}
