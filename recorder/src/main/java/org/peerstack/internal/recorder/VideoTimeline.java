package org.peerstack.internal.recorder;

/**
 * Places video frames on the recording's timeline (W3C MediaStream Recording: paused time is not
 * recorded). A frame's position is its capture time minus the recording's origin minus all time cut
 * out so far. Time is cut out
 * <ul>
 *   <li>at a resume: the first frame after it follows the last frame before the pause by one nominal
 *       frame interval, so the output has neither a hole nor a frozen picture for the paused time;</li>
 *   <li>at a clock jump (more than {@code maxJumpNs} after or before the previous frame): the timeline
 *       is re-anchored the same way, so one absurd timestamp costs one frame interval, not a hole, and
 *       the frames after it (on either clock) continue normally.</li>
 * </ul>
 * Shorter gaps (a source that stopped sending for a while) are kept. Frames not later than the
 * previous one by at least {@link #MIN_INTERVAL_NS} (duplicates, small steps back), before the origin,
 * or too far from it to compute, are rejected.
 * Not thread-safe: the recorder's worker owns it.
 */
final class VideoTimeline {

    /** Frames closer together than this are duplicates (nanoseconds; 1 ms, the WebM time unit). */
    static final long MIN_INTERVAL_NS = 1_000_000;
    /** Returned by {@link #place} for a frame that must be dropped. */
    static final long DROP = Long.MIN_VALUE;

    private final long nominalIntervalNs;
    private final long maxJumpNs;
    private long cutNs;
    private long lastNs = -1;
    private boolean resumed;
    private long jumpsClosed;

    VideoTimeline(long nominalIntervalNs, long maxJumpNs) {
        this.nominalIntervalNs = nominalIntervalNs;
        this.maxJumpNs = maxJumpNs;
    }

    /** Marks a resume: the next frame continues one interval after the last one. */
    void resume() {
        resumed = true;
    }

    /**
     * @param captureNs the frame's capture time
     * @param originNs  the recording's origin on the same clock
     * @return the frame's position from the origin (nanoseconds), or {@link #DROP}
     */
    long place(long captureNs, long originNs) {
        long sinceOrigin;
        long raw;
        try {
            sinceOrigin = Math.subtractExact(captureNs, originNs);
            raw = Math.subtractExact(sinceOrigin, cutNs);
        } catch (ArithmeticException absurd) {
            return DROP;
        }
        if (lastNs < 0) {
            if (raw < 0) {
                return DROP;
            }
            resumed = false;
            lastNs = raw;
            return raw;
        }
        long delta = raw - lastNs;
        boolean jump = delta > maxJumpNs || delta < -maxJumpNs;
        if (resumed || jump) {
            if (!resumed) {
                jumpsClosed++;
            }
            resumed = false;
            long next = lastNs + nominalIntervalNs;
            cutNs = sinceOrigin - next;
            lastNs = next;
            return next;
        }
        if (delta < MIN_INTERVAL_NS) {
            return DROP;
        }
        lastNs = raw;
        return raw;
    }

    /** Position of the last placed frame (nanoseconds), or -1. */
    long lastNs() {
        return lastNs;
    }

    /** How many clock jumps were closed up. */
    long jumpsClosed() {
        return jumpsClosed;
    }
}
