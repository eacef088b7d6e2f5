package org.peerstack.sfu.internal.forward;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The keyframe-gated switch on synthetic VP8 packets of three interleaved layers, run through the same
 * steps as the forwarding path (keyframe detection on the payload, {@link LayerSelector},
 * {@link StreamRewriter}): what leaves is one continuous stream (no sequence gap or jump, timestamps
 * advancing), and a switch starts exactly at the new layer's keyframe.
 */
class LayerSwitchTest {

    record Out(int layer, int seq, long ts, boolean keyframe, boolean frameStart) {
    }

    private final int[] seqs = {100, 30_000, 65_500};
    private final long[] timestamps = {1_000, 2_000_000_000L, 4_000_000_000L};
    private final int[] ssrcs = {11, 22, 33};
    private final LayerSelectorTest.Fake[] layers = {
        new LayerSelectorTest.Fake(320, 180, 150_000), new LayerSelectorTest.Fake(640, 360, 500_000),
        new LayerSelectorTest.Fake(1280, 720, 1_700_000)};
    private final LayerSelector selector = new LayerSelector();
    private final StreamRewriter rewriter = new StreamRewriter();
    private final List<Out> out = new ArrayList<>();
    private final List<Integer> keyframeRequests = new ArrayList<>();

    /** One frame (3 packets) of every layer at {@code nowNanos}; {@code keyframes[i]}: layer i sends a keyframe. */
    private void frame(long nowNanos, boolean... keyframes) {
        for (int packet = 0; packet < 3; packet++) {
            for (int i = 0; i < 3; i++) {
                boolean key = keyframes.length > i && keyframes[i];
                byte[] payload = KeyframeDetectorTest.vp8(packet == 0, key, layers[i].width, layers[i].height);
                int seq = seqs[i];
                seqs[i] = (seqs[i] + 1) & 0xffff;
                send(i, seq, timestamps[i], payload, nowNanos);
            }
        }
        for (int i = 0; i < 3; i++) {
            timestamps[i] = (timestamps[i] + 4500) & 0xffffffffL; // 20 fps at 90 kHz
        }
    }

    private void send(int layer, int seq, long ts, byte[] payload, long nowNanos) {
        boolean key = KeyframeDetector.isKeyframeStart(KeyframeDetector.VP8, payload, 0, payload.length, true);
        int wanted = selector.update(layers, Long.MAX_VALUE, nowNanos);
        if (wanted >= 0) {
            keyframeRequests.add(wanted);
        }
        if (selector.accept(layer, key, seq)) {
            rewriter.rewrite(ssrcs[layer], seq, ts, 90_000, nowNanos);
            out.add(new Out(layer, rewriter.seq(), rewriter.timestamp(), key, (payload[0] & 0x10) != 0));
        }
    }

    @Test
    void switchesOnlyAtKeyframesAndStaysContinuous() {
        long now = 1_000_000_000L;
        selector.setMaxResolution(320, 180);
        frame(now, false, false, false);
        assertThat(out).as("nothing before the first keyframe").isEmpty();
        assertThat(keyframeRequests).containsExactly(0);
        frame(now += 50_000_000L, true, true, true);
        for (int i = 0; i < 5; i++) {
            frame(now += 50_000_000L);
        }
        assertThat(out).allMatch(o -> o.layer() == 0).hasSize(18);
        assertThat(out.get(0).keyframe()).isTrue();

        selector.setMaxResolution(LayerSelector.UNLIMITED, LayerSelector.UNLIMITED);
        int before = out.size();
        for (int i = 0; i < 3; i++) {
            frame(now += 50_000_000L); // the keyframe takes its time
        }
        assertThat(keyframeRequests).containsExactly(0, 2);
        assertThat(out.subList(before, out.size())).as("the old layer flows while waiting").allMatch(o -> o.layer() == 0).hasSize(9);
        // the keyframe of the top layer; a late retransmission of its previous packet comes after it
        frame(now += 50_000_000L, false, false, true);
        send(2, (seqs[2] - 4) & 0xffff, timestamps[2] - 9000, KeyframeDetectorTest.vp8(false, false, 0, 0), now);
        for (int i = 0; i < 3; i++) {
            frame(now += 50_000_000L);
        }
        int firstTop = -1;
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i).layer() == 2) {
                firstTop = i;
                break;
            }
        }
        assertThat(out.get(firstTop).keyframe()).as("the first packet of the new layer starts its keyframe").isTrue();
        assertThat(out.subList(firstTop, out.size())).as("only the new layer after the switch").allMatch(o -> o.layer() == 2);
        assertThat(out.size() - firstTop).as("keyframe frame + 3 frames, the late packet dropped").isEqualTo(12);
        for (int i = 1; i < out.size(); i++) {
            assertThat(out.get(i).seq()).as("sequence numbers without gap or jump at " + i).isEqualTo((out.get(i - 1).seq() + 1) & 0xffff);
            long step = (out.get(i).ts() - out.get(i - 1).ts()) & 0xffffffffL;
            assertThat(step).as("timestamps advance at " + i).isBetween(0L, 9000L);
            if (out.get(i).frameStart()) {
                assertThat(step).as("a new frame gets a new timestamp at " + i).isPositive();
            }
        }
    }
}
