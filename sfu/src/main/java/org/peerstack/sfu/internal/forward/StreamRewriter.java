package org.peerstack.sfu.internal.forward;

/**
 * Maps a source stream's sequence numbers and timestamps onto one subscriber's outgoing stream so that
 * the subscriber sees one continuous stream (RFC 7667 §3.7 "RTP translator" rules): when the source
 * changes (another publisher, a publisher's new SSRC), the next packet continues right after the last one
 * sent, with a timestamp advanced by the wall-clock time in between. I/O thread only.
 */
final class StreamRewriter {

    private boolean started;
    private int sourceSsrc;
    private int seqOffset;
    private long tsOffset;
    private int lastSeq;
    private long lastTs;
    private long lastNanos;
    private int outSeq;
    private long outTs;
    /** The first outgoing sequence number of the current source. */
    private int firstSeqOfSource;
    /** The outgoing timestamp the next source's first packet should get (from sender reports), -1 if none. */
    private long nextSourceTs = -1;
    /** Largest step {@link #continueAt} may make: beyond it (bad sender reports) the wall clock is used. */
    static final long MAX_ALIGNED_STEP_SECONDS = 2;
    /** Packets rewritten since the current source began (saturates well below the 16-bit half range). */
    private int packetsOfSource;

    /**
     * Rewrites one packet of {@code ssrc}; the results are in {@link #seq()} and {@link #timestamp()}.
     * Returns false for a packet of a previous source that arrives after the switch (drop it).
     */
    boolean rewrite(int ssrc, int seq, long ts, int clockRate, long nowNanos) {
        if (!started) {
            started = true;
            sourceSsrc = ssrc;
            seqOffset = 0;
            tsOffset = 0;
            lastSeq = (seq - 1) & 0xffff;
            lastTs = ts;
            firstSeqOfSource = seq;
            packetsOfSource = 0;
        } else if (ssrc != sourceSsrc) {
            sourceSsrc = ssrc;
            long elapsedUnits = Math.max(1, (nowNanos - lastNanos) * clockRate / 1_000_000_000L);
            long step = nextSourceTs < 0 ? -1 : (nextSourceTs - lastTs) & 0xffffffffL;
            if (step < 0 || step > MAX_ALIGNED_STEP_SECONDS * clockRate) {
                step = elapsedUnits; // no sender reports, or they say the new source's picture is older
            } else if (step == 0) {
                step = 1; // the same capture time as the last frame sent: still another frame
            }
            nextSourceTs = -1;
            seqOffset = (lastSeq + 1 - seq) & 0xffff;
            tsOffset = (lastTs + step - ts) & 0xffffffffL;
            firstSeqOfSource = (lastSeq + 1) & 0xffff;
            packetsOfSource = 0;
        }
        if (packetsOfSource < 0x4000) {
            packetsOfSource++;
        }
        outSeq = (seq + seqOffset) & 0xffff;
        outTs = (ts + tsOffset) & 0xffffffffL;
        if ((short) (outSeq - lastSeq) > 0) {
            lastSeq = outSeq;
            lastTs = outTs;
            lastNanos = nowNanos;
        }
        return true;
    }

    /** True if {@code ssrc} is the stream being forwarded (or nothing was forwarded yet). */
    boolean isCurrentSource(int ssrc) {
        return !started || ssrc == sourceSsrc;
    }

    /**
     * The next source change gives its first packet outgoing timestamp {@code outgoingTs} (the capture time
     * sender reports put it at) instead of the last one plus the wall-clock time since, if that is ahead of
     * the last timestamp sent (by at most {@link #MAX_ALIGNED_STEP_SECONDS}). Frames of the same capture
     * time may share a timestamp.
     */
    void continueAt(long outgoingTs) {
        nextSourceTs = outgoingTs;
    }

    /** True if outgoing sequence number {@code outgoingSeq} was (or will be) sent from the current source. */
    boolean isFromCurrentSource(int outgoingSeq) {
        return started && (packetsOfSource >= 0x4000 || (short) (outgoingSeq - firstSeqOfSource) >= 0);
    }

    int seq() {
        return outSeq;
    }

    long timestamp() {
        return outTs;
    }

    /** The source sequence number of an outgoing one (for NACKs), valid for the current source. */
    int sourceSeq(int outgoingSeq) {
        return (outgoingSeq - seqOffset) & 0xffff;
    }

    /** The outgoing timestamp of a source timestamp (for translating sender reports). */
    long outgoingTimestamp(long sourceTs) {
        return (sourceTs + tsOffset) & 0xffffffffL;
    }

    boolean started() {
        return started;
    }
}
