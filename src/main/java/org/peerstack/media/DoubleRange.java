package org.peerstack.media;

/** W3C {@code DoubleRange}: the inclusive range of a real-valued capability. */
public record DoubleRange(double min, double max) {

    public DoubleRange {
        if (Double.isNaN(min) || Double.isNaN(max) || max < min) {
            throw new IllegalArgumentException("invalid range " + min + ".." + max);
        }
    }

    boolean contains(double value) {
        return value >= min && value <= max;
    }
}
