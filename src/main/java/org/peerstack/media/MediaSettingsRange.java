package org.peerstack.media;

/**
 * W3C Image Capture {@code MediaSettingsRange}: the values a photo setting may take, from {@link #min()}
 * to {@link #max()} in steps of {@link #step()}.
 *
 * @param max  largest value
 * @param min  smallest value
 * @param step distance between two consecutive values
 */
public record MediaSettingsRange(double max, double min, double step) {

    /**
     * Checks the range.
     *
     * @param max  largest value
     * @param min  smallest value
     * @param step distance between two consecutive values
     * @throws IllegalArgumentException unless {@code min <= max} and {@code step > 0} (NaN fails too)
     */
    public MediaSettingsRange {
        if (!(min <= max) || !(step > 0)) {
            throw new IllegalArgumentException("need min <= max and step > 0 (got min " + min + ", max " + max
                    + ", step " + step + ")");
        }
    }

    /**
     * Whether {@code value} lies within {@code min..max}; steps are not checked.
     *
     * @param value the value to test
     * @return true if {@code min <= value <= max}
     */
    public boolean contains(double value) {
        return value >= min && value <= max;
    }
}
