package org.peerstack.sfu.internal.forward;

/**
 * One subscriber's choice among the layers of one simulcast track, and the keyframe-gated switch.
 *
 * <p>The target is the largest active layer that fits the subscriber's maximum resolution (the
 * smallest when none fits), lowered while its measured bitrate exceeds the subscriber's bandwidth
 * budget (never below the smallest). Layers are ranked by the frame size their keyframes state; when a
 * size is unknown (H.264), by measured bitrate.
 *
 * <p>The switch: packets of the layer being forwarded keep flowing until the target layer's keyframe
 * starts; from that packet on only the target layer is forwarded. A packet of the new layer that
 * precedes its keyframe (a late retransmission) is never forwarded, so the decoder sees no delta frame
 * of the new layer before its keyframe. I/O thread only; pure logic (no packets, no I/O), unit-tested
 * on synthetic layers.
 */
final class LayerSelector {

    /** What the selector needs to know about a layer. */
    interface Layer {
        /** Frame width from the layer's last keyframe, 0 when unknown. */
        int width();

        /** Frame height from the layer's last keyframe, 0 when unknown. */
        int height();

        /** Received bitrate. */
        long bitsPerSecond(long nowNanos);

        /** Whether the publisher is sending this layer. */
        boolean isActive(long nowNanos);
    }

    /** No resolution limit. */
    static final int UNLIMITED = Integer.MAX_VALUE;
    /** Least time between two evaluations of the target while packets flow. */
    static final long RESELECT_INTERVAL_NANOS = 100_000_000L;
    /** While the target layer's keyframe does not come, it is asked for again after this long. */
    static final long KEYFRAME_RETRY_NANOS = 500_000_000L;
    /** Packets after a switch during which the new layer's packets older than its keyframe are dropped. */
    static final int SWITCH_GUARD_PACKETS = 1024;

    private int maxWidth = UNLIMITED;
    private int maxHeight = UNLIMITED;
    private int current = -1;
    private int target = -1;
    private int switchSeq;
    private int guardLeft;
    private long lastSelectNanos;
    private long lastRequestNanos;
    private boolean dirty = true;
    private long switches;
    /** Scratch for {@link #choose}: no allocation per evaluation. */
    private final int[] order = new int[org.peerstack.sfu.internal.sdp.SimulcastDescription.MAX_LAYERS];
    private final long[] rank = new long[org.peerstack.sfu.internal.sdp.SimulcastDescription.MAX_LAYERS];

    /** The subscriber's preference; takes effect at the next evaluation. */
    void setMaxResolution(int width, int height) {
        maxWidth = width;
        maxHeight = height;
        dirty = true;
    }

    int maxWidth() {
        return maxWidth;
    }

    int maxHeight() {
        return maxHeight;
    }

    /** The layer being forwarded, -1 before the first keyframe. */
    int current() {
        return current;
    }

    /** The layer wanted, -1 when none is active. */
    int target() {
        return target;
    }

    /** How many times the forwarded layer changed. */
    long switches() {
        return switches;
    }

    /**
     * Re-evaluates the target if due (or forced by a new preference); returns the layer whose keyframe
     * the caller should request (the target when it differs from the layer forwarded: at once when it
     * changed, then every {@link #KEYFRAME_RETRY_NANOS} until it comes), else -1.
     */
    int update(Layer[] layers, long budgetBps, long nowNanos) {
        if (!isDue(nowNanos)) {
            return -1;
        }
        dirty = false;
        lastSelectNanos = nowNanos;
        int chosen = choose(layers, maxWidth, maxHeight, budgetBps, nowNanos, order, rank);
        boolean changed = chosen >= 0 && chosen != target;
        if (chosen >= 0) {
            target = chosen;
        }
        if (target >= 0 && target != current && (changed || nowNanos - lastRequestNanos >= KEYFRAME_RETRY_NANOS)) {
            lastRequestNanos = nowNanos;
            return target;
        }
        return -1;
    }

    /** Whether {@link #update} would re-evaluate now (a new preference, or the interval passed). */
    boolean isDue(long nowNanos) {
        return dirty || nowNanos - lastSelectNanos >= RESELECT_INTERVAL_NANOS;
    }

    /**
     * Decides whether a packet of {@code layer} is forwarded. {@code keyframeStart}: it is the first
     * packet of a keyframe; {@code seq}: its sequence number in its layer.
     */
    boolean accept(int layer, boolean keyframeStart, int seq) {
        if (layer == target && layer != current && keyframeStart) {
            current = layer;
            switchSeq = seq;
            guardLeft = SWITCH_GUARD_PACKETS;
            switches++;
            return true;
        }
        if (layer != current) {
            return false;
        }
        if (guardLeft > 0) {
            guardLeft--;
            return (short) (seq - switchSeq) >= 0;
        }
        return true;
    }

    /**
     * The layer to forward: the largest active layer no larger than {@code maxWidth x maxHeight} (the
     * smallest active one when none fits; layers whose size is not known yet are left out while another's
     * is known, and without any known size the layers rank by bitrate), then the largest of those not above it whose bitrate fits
     * {@code budgetBps} (the smallest active one when none fits); -1 when no layer is active.
     */
    static int choose(Layer[] layers, int maxWidth, int maxHeight, long budgetBps, long nowNanos) {
        return choose(layers, maxWidth, maxHeight, budgetBps, nowNanos, new int[layers.length], new long[layers.length]);
    }

    /** {@link #choose(Layer[], int, int, long, long)} with scratch arrays of at least {@code layers.length}. */
    static int choose(Layer[] layers, int maxWidth, int maxHeight, long budgetBps, long nowNanos, int[] order, long[] rank) {
        int n = layers.length;
        int active = 0;
        int sized = 0;
        for (Layer l : layers) {
            if (l.isActive(nowNanos)) {
                active++;
                if (l.width() > 0 && l.height() > 0) {
                    sized++;
                }
            }
        }
        if (active == 0) {
            return -1;
        }
        // rank by frame size when any layer stated one (layers whose keyframe is still to come wait), else by bitrate
        boolean sizesKnown = sized > 0;
        int count = sizesKnown ? sized : active;
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (layers[i].isActive(nowNanos) && (!sizesKnown || layers[i].width() > 0 && layers[i].height() > 0)) {
                long r = sizesKnown ? (long) layers[i].width() * layers[i].height() : layers[i].bitsPerSecond(nowNanos);
                int j = k++;
                while (j > 0 && rank[j - 1] > r) {
                    rank[j] = rank[j - 1];
                    order[j] = order[j - 1];
                    j--;
                }
                rank[j] = r;
                order[j] = i;
            }
        }
        int best = 0;
        for (int j = 0; j < count; j++) {
            Layer l = layers[order[j]];
            boolean fits = sizesKnown ? l.width() <= maxWidth && l.height() <= maxHeight
                    : maxWidth == UNLIMITED && maxHeight == UNLIMITED || j == 0;
            if (fits) {
                best = j;
            }
        }
        while (best > 0 && layers[order[best]].bitsPerSecond(nowNanos) > budgetBps) {
            best--;
        }
        return order[best];
    }
}
