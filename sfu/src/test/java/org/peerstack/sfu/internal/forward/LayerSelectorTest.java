package org.peerstack.sfu.internal.forward;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Layer choice by resolution and bandwidth, and the keyframe-gated switch, on synthetic layers. */
class LayerSelectorTest {

    static final class Fake implements LayerSelector.Layer {
        int width;
        int height;
        long bps;
        boolean active = true;

        Fake(int width, int height, long bps) {
            this.width = width;
            this.height = height;
            this.bps = bps;
        }

        @Override
        public int width() {
            return width;
        }

        @Override
        public int height() {
            return height;
        }

        @Override
        public long bitsPerSecond(long nowNanos) {
            return bps;
        }

        @Override
        public boolean isActive(long nowNanos) {
            return active;
        }
    }

    /** Chromium's order: q, h, f. */
    private static Fake[] layers() {
        return new Fake[] {new Fake(320, 180, 150_000), new Fake(640, 360, 500_000), new Fake(1280, 720, 1_700_000)};
    }

    private static final int U = LayerSelector.UNLIMITED;

    @Test
    void largestLayerThatFitsTheResolution() {
        Fake[] l = layers();
        assertThat(LayerSelector.choose(l, U, U, Long.MAX_VALUE, 0)).isEqualTo(2);
        assertThat(LayerSelector.choose(l, 320, 180, Long.MAX_VALUE, 0)).isEqualTo(0);
        assertThat(LayerSelector.choose(l, 1000, 1000, Long.MAX_VALUE, 0)).isEqualTo(1);
        assertThat(LayerSelector.choose(l, 100, 100, Long.MAX_VALUE, 0)).as("none fits: the smallest").isEqualTo(0);
        Fake[] reversed = {l[2], l[0], l[1]};
        assertThat(LayerSelector.choose(reversed, 640, 360, Long.MAX_VALUE, 0)).as("by size, not by order").isEqualTo(2);
    }

    @Test
    void bandwidthLowersTheLayerButNeverBelowTheSmallest() {
        Fake[] l = layers();
        assertThat(LayerSelector.choose(l, U, U, 1_000_000, 0)).isEqualTo(1);
        assertThat(LayerSelector.choose(l, U, U, 10_000, 0)).isEqualTo(0);
        assertThat(LayerSelector.choose(l, 320, 180, 10_000_000, 0)).as("the budget never raises the layer").isEqualTo(0);
    }

    @Test
    void inactiveAndUnsizedLayers() {
        Fake[] l = layers();
        l[2].active = false;
        assertThat(LayerSelector.choose(l, U, U, Long.MAX_VALUE, 0)).isEqualTo(1);
        l[0].active = false;
        l[1].active = false;
        assertThat(LayerSelector.choose(l, U, U, Long.MAX_VALUE, 0)).isEqualTo(-1);
        Fake[] h264 = {new Fake(0, 0, 1_700_000), new Fake(0, 0, 150_000), new Fake(0, 0, 500_000)};
        assertThat(LayerSelector.choose(h264, U, U, Long.MAX_VALUE, 0)).as("no sizes: by bitrate").isEqualTo(0);
        assertThat(LayerSelector.choose(h264, 320, 180, Long.MAX_VALUE, 0)).as("limited without sizes: the lowest").isEqualTo(1);
        Fake[] partly = {new Fake(0, 0, 150_000), new Fake(640, 360, 500_000), new Fake(0, 0, 1_700_000)};
        assertThat(LayerSelector.choose(partly, U, U, Long.MAX_VALUE, 0)).as("only sized layers while some are").isEqualTo(1);
    }

    @Test
    void switchWaitsForTheTargetKeyframeAndRequestsIt() {
        Fake[] l = layers();
        LayerSelector s = new LayerSelector();
        s.setMaxResolution(320, 180);
        assertThat(s.update(l, Long.MAX_VALUE, 0)).as("keyframe wanted from the first target").isEqualTo(0);
        assertThat(s.accept(0, false, 10)).as("a delta frame before any keyframe").isFalse();
        assertThat(s.accept(1, true, 500)).as("another layer's keyframe").isFalse();
        assertThat(s.accept(0, true, 11)).isTrue();
        assertThat(s.current()).isEqualTo(0);
        assertThat(s.accept(0, false, 12)).isTrue();
        assertThat(s.accept(2, false, 900)).isFalse();

        s.setMaxResolution(U, U);
        assertThat(s.update(l, Long.MAX_VALUE, 1)).isEqualTo(2);
        assertThat(s.update(l, Long.MAX_VALUE, 2)).as("not re-evaluated within the interval").isEqualTo(-1);
        assertThat(s.accept(0, false, 13)).as("the old layer flows until the switch").isTrue();
        assertThat(s.accept(2, false, 901)).as("new layer's delta frame").isFalse();
        assertThat(s.accept(2, true, 902)).as("new layer's keyframe: the switch").isTrue();
        assertThat(s.current()).isEqualTo(2);
        assertThat(s.switches()).isEqualTo(2);
        assertThat(s.accept(0, false, 14)).as("the old layer after the switch").isFalse();
        assertThat(s.accept(2, false, 901)).as("a late packet of the new layer older than its keyframe").isFalse();
        assertThat(s.accept(2, false, 903)).isTrue();
        // the target keyframe is asked for again while it does not come
        s.setMaxResolution(640, 360);
        assertThat(s.update(l, Long.MAX_VALUE, 1_000_000_000L)).isEqualTo(1);
        assertThat(s.update(l, Long.MAX_VALUE, 1_050_000_000L)).isEqualTo(-1);
        assertThat(s.update(l, Long.MAX_VALUE, 1_300_000_000L)).as("asked for again only after the retry interval").isEqualTo(-1);
        assertThat(s.update(l, Long.MAX_VALUE, 1_600_000_000L)).isEqualTo(1);
    }
}
