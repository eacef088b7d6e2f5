package org.peerstack.sfu.internal.forward;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StreamRewriterTest {

    @Test
    void staysContinuousWhenTheSourceChanges() {
        StreamRewriter r = new StreamRewriter();
        long t0 = 1_000_000_000L;
        for (int i = 0; i < 10; i++) {
            r.rewrite(111, 65_530 + i, 4_000_000_000L + 3000L * i, 90_000, t0 + i * 33_333_333L);
        }
        int lastSeq = r.seq();
        long lastTs = r.timestamp();
        assertThat(lastSeq).isEqualTo((65_530 + 9) & 0xffff);
        // another publisher (or a new SSRC) 100 ms later, with unrelated numbering
        long t1 = t0 + 9 * 33_333_333L + 100_000_000L;
        r.rewrite(222, 17, 55, 90_000, t1);
        assertThat(r.seq()).isEqualTo((lastSeq + 1) & 0xffff);
        assertThat(r.timestamp()).isEqualTo((lastTs + 9000) & 0xffffffffL);
        r.rewrite(222, 18, 55 + 3000, 90_000, t1 + 33_333_333L);
        assertThat(r.seq()).isEqualTo((lastSeq + 2) & 0xffff);
        assertThat(r.timestamp()).isEqualTo((lastTs + 12_000) & 0xffffffffL);
        assertThat(r.sourceSeq((lastSeq + 2) & 0xffff)).isEqualTo(18);
    }

    @Test
    void reorderedPacketsKeepTheirPlace() {
        StreamRewriter r = new StreamRewriter();
        r.rewrite(1, 100, 0, 90_000, 1);
        r.rewrite(1, 102, 0, 90_000, 2);
        r.rewrite(1, 101, 0, 90_000, 3);
        assertThat(r.seq()).isEqualTo(101);
        r.rewrite(2, 7, 0, 90_000, 4);
        assertThat(r.seq()).as("continues after the highest sent").isEqualTo(103);
    }

    @Test
    void nacksAreAnsweredOnlyForPacketsOfTheCurrentSource() {
        StreamRewriter r = new StreamRewriter();
        assertThat(r.isFromCurrentSource(0)).isFalse();
        for (int i = 0; i < 5; i++) {
            r.rewrite(1, 500 + i, 0, 90_000, i);
        }
        assertThat(r.isFromCurrentSource(500)).isTrue();
        r.rewrite(2, 9000, 0, 90_000, 10);
        int first = r.seq();
        assertThat(first).isEqualTo(505);
        assertThat(r.isFromCurrentSource(504)).as("sent from the previous source").isFalse();
        assertThat(r.isFromCurrentSource(first)).isTrue();
        assertThat(r.sourceSeq(first)).isEqualTo(9000);
        for (int i = 1; i < 0x4000; i++) {
            r.rewrite(2, (9000 + i) & 0xffff, 0, 90_000, 10 + i);
        }
        assertThat(r.isFromCurrentSource((first + 0x4000 + 0x5000) & 0xffff)).as("after many packets, any number").isTrue();
    }

    @Test
    void senderReportsPlaceTheNewSourceAtItsCaptureTime() {
        StreamRewriter r = new StreamRewriter();
        r.rewrite(1, 10, 1_000, 90_000, 0);
        // sender reports put the next source's first picture 50 ms (4500 units) after the last one sent
        r.continueAt(1_000 + 4500);
        r.rewrite(2, 500, 77, 90_000, 2_000_000L); // arrives 2 ms later
        assertThat(r.timestamp()).isEqualTo(5_500);
        r.rewrite(2, 501, 77 + 4500, 90_000, 70_000_000L);
        assertThat(r.timestamp()).isEqualTo(10_000);
        // an alignment behind the last timestamp (or absurdly far) falls back to the wall clock
        r.continueAt(9_000);
        r.rewrite(3, 1, 5, 90_000, 80_000_000L);
        assertThat(r.timestamp()).isEqualTo(10_000 + 900);
        // the same capture time as the last frame: one unit later, still another frame
        r.continueAt(10_900);
        r.rewrite(4, 1, 5, 90_000, 81_000_000L);
        assertThat(r.timestamp()).isEqualTo(10_901);
    }
}
