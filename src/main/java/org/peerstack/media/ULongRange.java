package org.peerstack.media;

/** W3C {@code ULongRange}: the inclusive range of an integer capability. */
public record ULongRange(long min, long max) {

    /**
     * Checks the range.
     *
     * @param min the smallest value (inclusive)
     * @param max the largest value (inclusive)
     * @throws IllegalArgumentException if a bound is negative or {@code max < min}
     */
    public ULongRange {
        if (min < 0 || max < min) {
            throw new IllegalArgumentException("invalid range " + min + ".." + max);
        }
    }

    boolean contains(double value) {
        return value >= min && value <= max;
    }
}
