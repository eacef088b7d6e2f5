package org.peerstack.media;

/** W3C {@code DoubleRange}: the inclusive range of a real-valued capability. */
public record DoubleRange(double min, double max) {

    /**
     * Checks the range.
     *
     * @param min the smallest value (inclusive)
     * @param max the largest value (inclusive)
     * @throws IllegalArgumentException if a bound is NaN or {@code max < min}
     */
    public DoubleRange {
        if (Double.isNaN(min) || Double.isNaN(max) || max < min) {
            throw new IllegalArgumentException("invalid range " + min + ".." + max);
        }
    }

    boolean contains(double value) {
        return value >= min && value <= max;
    }
}
