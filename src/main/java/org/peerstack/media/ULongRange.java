package org.peerstack.media;

/** W3C {@code ULongRange}: the inclusive range of an integer capability. */
public record ULongRange(long min, long max) {

    public ULongRange {
        if (min < 0 || max < min) {
            throw new IllegalArgumentException("invalid range " + min + ".." + max);
        }
    }

    boolean contains(double value) {
        return value >= min && value <= max;
    }
}
