package org.peerstack.sfu.internal.forward;

/**
 * The bitrate of a packet stream over the last {@link #WINDOW_NANOS} (two half windows, so a reading
 * covers between one half and one whole window). I/O thread only; allocation-free.
 */
final class BitrateMeter {

    /** The measuring window. */
    static final long WINDOW_NANOS = 1_000_000_000L;

    private long halfStart;
    private long bytesThisHalf;
    private long bytesLastHalf;
    private boolean started;

    void add(int bytes, long nowNanos) {
        roll(nowNanos);
        bytesThisHalf += bytes;
    }

    /** Bits per second over the last window (0 before any packet). */
    long bitsPerSecond(long nowNanos) {
        roll(nowNanos);
        if (!started) {
            return 0;
        }
        long elapsed = Math.max(WINDOW_NANOS / 2, nowNanos - halfStart + WINDOW_NANOS / 2);
        return (bytesThisHalf + bytesLastHalf) * 8 * 1_000_000_000L / elapsed;
    }

    private void roll(long nowNanos) {
        if (!started) {
            started = true;
            halfStart = nowNanos;
            return;
        }
        long half = WINDOW_NANOS / 2;
        if (nowNanos - halfStart >= half) {
            bytesLastHalf = nowNanos - halfStart >= 2 * half ? 0 : bytesThisHalf;
            bytesThisHalf = 0;
            halfStart = nowNanos - half >= halfStart + half ? nowNanos : halfStart + half;
        }
    }
}
