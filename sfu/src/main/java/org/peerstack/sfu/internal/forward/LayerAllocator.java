package org.peerstack.sfu.internal.forward;

import java.util.ArrayList;
import java.util.List;
import org.peerstack.exc.OperationException;
import org.peerstack.exc.TypeException;
import org.peerstack.sfu.SfuLayer;

/**
 * One subscriber's layer preferences and bandwidth budget for its simulcast tracks.
 *
 * <p>Preferences: a maximum resolution per track ({@link #setMaxResolution}). Bandwidth: the
 * subscriber's estimate caps the layers while it signals congestion. With REMB (the subscriber's
 * receive-side estimate, RFC-less draft-alvestrand-rmcat-remb) that is: a REMB below
 * {@link #DECREASE_RATIO} of the previous one and below what this subscriber is being sent means the
 * subscriber detected overuse; for {@link #CONGESTION_HOLD_NANOS} from then each simulcast track may
 * use {@code estimate / tracks}, and the selectors step down to layers whose measured bitrate fits.
 * Outside congestion nothing caps the layers: a receive-side REMB never rises far above what it
 * receives (at most 1.5x), so using it as a cap would pin a subscriber to its lowest layer; the SFU does
 * not probe. Another estimator (transport-wide CC) reports through {@link #onEstimate}. I/O thread only.
 */
public final class LayerAllocator {

    /** A REMB below this fraction of the previous one signals congestion. */
    static final double DECREASE_RATIO = 0.9;
    /** How long a congestion signal caps the layers. */
    static final long CONGESTION_HOLD_NANOS = 5_000_000_000L;

    private final List<ForwardedTrack> tracks = new ArrayList<>();
    private long estimateBps = -1;
    private long lastRembBps = -1;
    private long congestedUntilNanos;
    private boolean congested;

    void add(ForwardedTrack track) {
        tracks.add(track);
    }

    /** {@code track}'s m-line carries another track now. */
    void remove(ForwardedTrack track) {
        tracks.remove(track);
    }

    /** A REMB from the subscriber (bits per second). */
    void onRemb(long bps, long nowNanos) {
        boolean decreased = lastRembBps > 0 && bps < lastRembBps * DECREASE_RATIO;
        lastRembBps = bps;
        onEstimate(bps, decreased, nowNanos);
    }

    /**
     * A new bandwidth estimate for the subscriber; {@code fell} says that it was lowered because of
     * congestion (loss or queuing delay). The hook for estimators besides REMB.
     */
    public void onEstimate(long bps, boolean fell, long nowNanos) {
        onEstimate(bps, fell, sendingBps(nowNanos), nowNanos);
    }

    /** {@link #onEstimate(long, boolean, long)} with what the subscriber is being sent ({@code sendingBps}) given. */
    void onEstimate(long bps, boolean fell, long sendingBps, long nowNanos) {
        estimateBps = bps;
        if (fell && bps < sendingBps) {
            congested = true;
            congestedUntilNanos = nowNanos + CONGESTION_HOLD_NANOS;
        }
    }

    /** The bandwidth estimate, -1 before one arrived. */
    public long estimateBps() {
        return estimateBps;
    }

    /** What the subscriber's video streams are sent now, bits per second. */
    long sendingBps(long nowNanos) {
        long sum = 0;
        for (ForwardedTrack t : tracks) {
            if (t.isActive()) {
                sum += t.sentBitrate.bitsPerSecond(nowNanos);
            }
        }
        return sum;
    }

    /** The bitrate simulcast track {@code track} may use now: unlimited unless congestion was signalled recently. */
    long budgetBps(ForwardedTrack track, long nowNanos) {
        if (!isCongested(nowNanos)) {
            return Long.MAX_VALUE;
        }
        int simulcast = 0;
        long fixed = 0;
        for (ForwardedTrack t : tracks) {
            if (t.isActive()) {
                if (t.layers != null) {
                    simulcast++;
                } else {
                    fixed += t.sentBitrate.bitsPerSecond(nowNanos);
                }
            }
        }
        return share(estimateBps, fixed, simulcast);
    }

    /** Whether a congestion signal caps the layers now (ends {@link #CONGESTION_HOLD_NANOS} after the last one). */
    boolean isCongested(long nowNanos) {
        if (congested && nowNanos - congestedUntilNanos >= 0) {
            congested = false;
        }
        return congested && estimateBps >= 0;
    }

    /** Each simulcast track's share of {@code estimate} after the tracks without simulcast took {@code fixed}. */
    static long share(long estimate, long fixed, int simulcastTracks) {
        return Math.max(0, estimate - fixed) / Math.max(1, simulcastTracks);
    }

    /**
     * The largest resolution the subscriber wants for track {@code trackId} (an {@link org.peerstack.sfu.SfuTrack#id()});
     * {@code width}/{@code height} 0 lift the limit. Fails with "no-such-track" for a track the subscriber does not receive.
     */
    public void setMaxResolution(String trackId, int width, int height) {
        if (width < 0 || height < 0 || (width == 0) != (height == 0)) {
            throw new TypeException("maximum resolution must be two positive numbers, or 0x0 for no limit; got "
                    + width + "x" + height);
        }
        int w = width == 0 ? LayerSelector.UNLIMITED : width;
        int h = height == 0 ? LayerSelector.UNLIMITED : height;
        boolean found = false;
        for (ForwardedTrack t : tracks) {
            if (t.source.info.id().equals(trackId) && t.state != ForwardedTrack.State.REMOVED) {
                found = true;
                if (t.layers != null) {
                    t.layers.setMaxResolution(w, h);
                }
            }
        }
        if (!found) {
            throw new OperationException("no-such-track", "This subscriber receives no video track " + trackId);
        }
    }

    /** The layers of track {@code trackId} as this subscriber sees them (one for a track without simulcast). */
    public List<SfuLayer> layers(String trackId, long nowNanos) {
        for (ForwardedTrack t : tracks) {
            if (t.source.info.id().equals(trackId) && t.state != ForwardedTrack.State.REMOVED) {
                List<SfuLayer> out = new ArrayList<>();
                if (t.layers == null) {
                    out.add(new SfuLayer("", 0, 0, t.sentBitrate.bitsPerSecond(nowNanos), true, t.isActive()));
                    return out;
                }
                for (PublishedTrack l : t.source.layers) {
                    out.add(new SfuLayer(l.rid == null ? Integer.toString(l.layerIndex) : l.rid, l.width(), l.height(),
                            l.bitsPerSecond(nowNanos), l.isActive(nowNanos), t.layers.current() == l.layerIndex));
                }
                return out;
            }
        }
        throw new OperationException("no-such-track", "This subscriber receives no video track " + trackId);
    }
}
