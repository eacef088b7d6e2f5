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

    record Out(int layer, int seq, long ts, boolean keyframe, boolean frameStart, int pictureId, int tl0) {
    }

    private final int[] seqs = {100, 30_000, 65_500};
    private final long[] timestamps = {1_000, 2_000_000_000L, 4_000_000_000L};
    private final int[] ssrcs = {11, 22, 33};
    /** Each layer numbers its pictures on its own (15-bit picture ID, TL0PICIDX). */
    private final int[] pictureIds = {32_700, 5, 16_000};
    private final int[] tl0s = {250, 3, 100};
    private final Vp8DescriptorRewriter vp8 = new Vp8DescriptorRewriter();
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
                payload[2] = (byte) (0x80 | pictureIds[i] >> 8);
                payload[3] = (byte) pictureIds[i];
                payload[4] = (byte) tl0s[i];
                int seq = seqs[i];
                seqs[i] = (seqs[i] + 1) & 0xffff;
                send(i, seq, timestamps[i], payload, nowNanos);
            }
        }
        for (int i = 0; i < 3; i++) {
            timestamps[i] = (timestamps[i] + 4500) & 0xffffffffL; // 20 fps at 90 kHz
            pictureIds[i] = (pictureIds[i] + 1) & 0x7fff;
            tl0s[i] = (tl0s[i] + 1) & 0xff; // every frame on the base temporal layer
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
            byte[] copy = payload.clone();
            vp8.rewrite(ssrcs[layer], copy, 0, copy.length);
            out.add(new Out(layer, rewriter.seq(), rewriter.timestamp(), key, (payload[0] & 0x10) != 0,
                    (copy[2] & 0x7f) << 8 | (copy[3] & 0xff), copy[4] & 0xff));
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
            int pictureStep = (out.get(i).pictureId() - out.get(i - 1).pictureId()) & 0x7fff;
            int tl0Step = (out.get(i).tl0() - out.get(i - 1).tl0()) & 0xff;
            if (out.get(i).frameStart()) {
                assertThat(step).as("a new frame gets a new timestamp at " + i).isPositive();
                assertThat(pictureStep).as("the next picture ID at " + i).isEqualTo(1);
                assertThat(tl0Step).as("the next TL0PICIDX at " + i).isEqualTo(1);
            } else {
                assertThat(pictureStep).as("same picture within a frame at " + i).isZero();
            }
        }
    }
}
