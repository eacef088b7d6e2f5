package org.peerstack.sfu.internal.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.peerstack.exc.OperationException;

/** a=rid/a=simulcast as Chromium writes them, the legacy SIM group, and malformed simulcast lines. */
class SimulcastDescriptionTest {

    private static MediaDescription video(String... lines) {
        return new MediaDescription("video", 9, "UDP/TLS/RTP/SAVPF", List.of("96", "97"), List.of(lines));
    }

    @Test
    void chromiumRidsInSimulcastOrderAndTheAnswer() {
        SimulcastDescription sim = SimulcastDescription.of(video(
                "a=mid:1",
                "a=extmap:10 urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id",
                "a=extmap:11 urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id",
                "a=rid:q send",
                "a=rid:h send",
                "a=rid:f send max-width=1280;max-height=720",
                "a=simulcast:send q;h;f"));
        assertThat(sim.byRid()).isTrue();
        assertThat(sim.rids()).containsExactly("q", "h", "f");
        assertThat(sim.layerCount()).isEqualTo(3);
        assertThat(sim.answerLines()).containsExactly("a=rid:q recv", "a=rid:h recv", "a=rid:f recv", "a=simulcast:recv q;h;f");
    }

    @Test
    void alternativesPausedStreamsAndTheLayerLimit() {
        SimulcastDescription sim = SimulcastDescription.of(video(
                "a=rid:a send", "a=rid:b send", "a=rid:c send", "a=rid:d send", "a=rid:e send", "a=rid:x recv",
                "a=simulcast:recv x send a,b;~c;d;e;a"));
        assertThat(sim.rids()).as("first alternative, pause ignored, duplicates and beyond MAX_LAYERS left out")
                .containsExactly("a", "c", "d", "e");
    }

    @Test
    void legacySimGroupWithRtx() {
        SimulcastDescription sim = SimulcastDescription.of(video(
                "a=ssrc-group:FID 1 11",
                "a=ssrc-group:FID 2 12",
                "a=ssrc-group:FID 3 13",
                "a=ssrc-group:SIM 1 2 3",
                "a=ssrc:1 cname:x"));
        assertThat(sim.byRid()).isFalse();
        assertThat(sim.simSsrcs()).containsExactly(new long[] {1, 11}, new long[] {2, 12}, new long[] {3, 13});
        assertThat(sim.answerLines()).isEmpty();
    }

    @Test
    void noSimulcastGivesNull() {
        assertThat(SimulcastDescription.of(video("a=mid:0", "a=ssrc-group:FID 1 2"))).isNull();
        assertThat(SimulcastDescription.of(video("a=rid:q send", "a=simulcast:send q"))).as("one stream is no simulcast").isNull();
    }

    @Test
    void malformedSimulcastIsATypedError() {
        assertThatThrownBy(() -> SimulcastDescription.of(video("a=rid:q send", "a=simulcast:send q;zz")))
                .isInstanceOf(OperationException.class).hasMessageContaining("zz");
        assertThatThrownBy(() -> SimulcastDescription.of(video("a=rid:q<> send", "a=simulcast:send q")))
                .isInstanceOf(OperationException.class).hasMessageContaining("bad rid");
        assertThatThrownBy(() -> SimulcastDescription.of(video("a=rid:" + "r".repeat(17) + " send")))
                .isInstanceOf(OperationException.class);
        for (String bad : new String[] {"a=simulcast:send ,", "a=simulcast:send q;", "a=simulcast:send ~", "a=simulcast:send q;;h"}) {
            assertThatThrownBy(() -> SimulcastDescription.of(video("a=rid:q send", "a=rid:h send", bad))).as(bad)
                    .isInstanceOf(OperationException.class).hasMessageContaining("bad rid");
        }
        assertThatThrownBy(() -> SimulcastDescription.of(video("a=ssrc-group:SIM 1 x")))
                .isInstanceOf(OperationException.class).hasMessageContaining("bad ssrc");
    }
}
