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
}
