package org.peerstack.sfu.internal.forward;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.peerstack.sfu.SfuTrack;
import org.peerstack.sfu.internal.sdp.MediaDescription;
import org.peerstack.sfu.internal.sdp.RtpCodec;
import org.peerstack.sfu.internal.sdp.SimulcastDescription;

/** Layers of a simulcast track: SSRCs bound by rid / repaired-rid, timestamps related by sender reports. */
class PublishedTrackLayersTest {

    private static PublishedTrack track() {
        RtpCodec vp8 = new RtpCodec(96, "VP8", 90_000, 0, "", List.of("nack", "nack pli"), 97);
        PublishedTrack t = new PublishedTrack(null, new SfuTrack("p/1", "video", "p", "s", "t", "VP8"), "1", vp8, -1, -1, 64, 5);
        SimulcastDescription sim = SimulcastDescription.of(new MediaDescription("video", 9, "UDP/TLS/RTP/SAVPF", List.of("96", "97"),
                List.of("a=rid:q send", "a=rid:h send", "a=rid:f send", "a=simulcast:send q;h;f")));
        t.addLayers(sim, 10, 11, 64, 5);
        return t;
    }

    /** An RTP packet with a one-byte header extension {@code id} = {@code value}. */
    private static byte[] packet(int pt, int ssrc, int id, String value) {
        byte[] v = value.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int extWords = (1 + v.length + 3) / 4;
        byte[] b = new byte[12 + 4 + 4 * extWords + 4];
        b[0] = (byte) 0x90;
        b[1] = (byte) pt;
        b[8] = (byte) (ssrc >> 24);
        b[9] = (byte) (ssrc >> 16);
        b[10] = (byte) (ssrc >> 8);
        b[11] = (byte) ssrc;
        b[12] = (byte) 0xbe;
        b[13] = (byte) 0xde;
        b[15] = (byte) extWords;
        b[16] = (byte) (id << 4 | (v.length - 1));
        System.arraycopy(v, 0, b, 17, v.length);
        return b;
    }

    private static PublishedTrack learn(PublishedTrack t, byte[] packet, int ssrc) {
        return t.learnLayer(packet, 0, packet.length, ssrc);
    }

    @Test
    void ridAndRepairedRidBindSsrcsToLayers() {
        PublishedTrack t = track();
        assertThat(t.isSimulcast()).isTrue();
        assertThat(t.streams()).hasSize(3);
        assertThat(learn(t, packet(96, 0x1111, 10, "h"), 0x1111)).isSameAs(t.layers[1]);
        assertThat(t.layers[1].ssrc).isEqualTo(0x1111);
        assertThat(learn(t, packet(97, 0x2222, 11, "h"), 0x2222)).isSameAs(t.layers[1]);
        assertThat(t.layers[1].rtxSsrc).isEqualTo(0x2222);
        assertThat(learn(t, packet(96, 0x3333, 10, "x"), 0x3333)).as("unknown rid").isNull();
        assertThat(learn(t, packet(100, 0x3333, 10, "f"), 0x3333)).as("unknown payload type").isNull();
        assertThat(learn(t, packet(96, 0x4444, 11, "f"), 0x4444)).as("media packet naming a repaired rid").isNull();
    }

    @Test
    void senderReportsRelateTheLayersTimestamps() {
        PublishedTrack t = track();
        PublishedTrack q = t.layers[0];
        PublishedTrack f = t.layers[2];
        assertThat(f.timestampOn(q, 1234)).as("no sender reports yet").isEqualTo(-1);
        long ntp = 3_900_000_000L << 32;
        q.senderReport(ntp, 1_000_000L);
        f.senderReport(ntp + (1L << 31), 4_000_000_000L); // half a second later, another random base
        // f's timestamp 100 ms after its report is 600 ms after q's report on q's line
        assertThat(f.timestampOn(q, 4_000_000_000L + 9_000)).isEqualTo(1_000_000L + 45_000 + 9_000);
        // across the 32-bit wrap of f's timestamps
        f.senderReport(ntp, 0xffff_fff0L);
        assertThat(f.timestampOn(q, 0x10)).isEqualTo(1_000_000L + 0x20);
    }
}
