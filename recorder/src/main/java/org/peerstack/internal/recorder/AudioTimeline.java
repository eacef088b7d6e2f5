package org.peerstack.internal.recorder;

/**
 * Places audio buffers on the recording's timeline. Audio positions are sample counts: buffers are
 * appended back to back, so capture-time jitter never shows. Capture times are only used to
 * <ul>
 *   <li>start audio at its offset from the origin (silence before it, when video started first);</li>
 *   <li>fill a real gap longer than {@code gapFillNs} (a source that stopped sending) with silence,
 *       so audio stays in step with video;</li>
 *   <li>after a resume, continue exactly where the audio stopped (paused time is not recorded), and
 *       re-anchor the same way at a clock jump (more than {@code maxJumpNs} either way).</li>
 * </ul>
 * Not thread-safe: the recorder's worker owns it.
 */
final class AudioTimeline {

    private final long gapFillNs;
    private final long maxJumpNs;
    private long cutNs;
    private long endNs = -1;
    private boolean resumed;

    AudioTimeline(long gapFillNs, long maxJumpNs) {
        this.gapFillNs = gapFillNs;
        this.maxJumpNs = maxJumpNs;
    }

    void resume() {
        resumed = true;
    }

    /**
     * Accounts for a buffer and tells how much silence must precede it.
     *
     * @return silence to insert before the buffer (nanoseconds, 0 for none), or -1 to drop the buffer
     *         (it lies before the origin)
     */
    long place(long captureNs, long durationNs, long originNs) {
        long sinceOrigin;
        long position;
        try {
            sinceOrigin = Math.subtractExact(captureNs, originNs);
            position = Math.subtractExact(sinceOrigin, cutNs);
        } catch (ArithmeticException absurd) {
            return -1;
        }
        if (endNs < 0) {
            if (position < 0) {
                return -1;
            }
            long lead = position;
            if (lead > maxJumpNs) {
                cutNs = sinceOrigin;
                lead = 0;
            }
            endNs = lead + durationNs;
            resumed = false;
            return lead;
        }
        long gap = position - endNs;
        long silence = 0;
        if (resumed || gap > maxJumpNs || gap < -maxJumpNs) {
            cutNs = sinceOrigin - endNs;
        } else if (gap > gapFillNs) {
            silence = gap;
        }
        resumed = false;
        endNs += silence + durationNs;
        return silence;
    }

    /** End of the audio placed so far (nanoseconds from the origin), or -1. */
    long endNs() {
        return endNs;
    }
}
