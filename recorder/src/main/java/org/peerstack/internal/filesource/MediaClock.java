package org.peerstack.internal.filesource;

/**
 * The media clock of one playing file: media time in microseconds since playback started, from the
 * monotonic clock; it starts when the first item is decoded. {@code speed} is a test seam (only replaced in tests): at 10 a file plays ten times
 * faster than real time, so an A/V sync test covers minutes of media in seconds.
 */
final class MediaClock {

    private final double speed;
    private final long originNs;

    /** A clock at which media time {@code nowUs} is now. */
    MediaClock(double speed, long nowUs) {
        if (!(speed > 0)) {
            throw new IllegalArgumentException("speed must be positive (got " + speed + ")");
        }
        this.speed = speed;
        this.originNs = System.nanoTime() - (long) (nowUs * 1000 / speed);
    }

    /** Media time now (microseconds). */
    long nowUs() {
        return (long) ((System.nanoTime() - originNs) * speed / 1000);
    }

    /** The monotonic-clock time (nanoseconds) at which media time {@code us} is due. */
    long wallNs(long us) {
        return originNs + (long) (us * 1000 / speed);
    }
}
