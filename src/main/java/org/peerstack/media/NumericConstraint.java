package org.peerstack.media;

import org.peerstack.exc.TypeException;

/** Shared state of {@link ConstrainULong} and {@link ConstrainDouble}; values held as doubles. */
public abstract sealed class NumericConstraint permits ConstrainULong, ConstrainDouble {

    final Double min;
    final Double max;
    final Double exact;
    final Double ideal;
    final boolean bare;
    private final boolean integral;

    NumericConstraint(Double min, Double max, Double exact, Double ideal, boolean bare, boolean integral) {
        this.min = min;
        this.max = max;
        this.exact = exact;
        this.ideal = ideal;
        this.bare = bare;
        this.integral = integral;
    }

    static Double checked(double value, boolean unsigned) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new TypeException("constraint value must be a finite number (got " + value + ")");
        }
        if (unsigned && value < 0) {
            throw new TypeException("constraint value must not be negative (got " + (long) value + ")");
        }
        return value;
    }

    /**
     * Whether this was given as a bare value, which means {@code ideal} in the basic set and {@code exact} in an
     * advanced set.
     *
     * @return true for a bare value
     */
    public boolean isBare() {
        return bare;
    }

    /**
     * Whether the constraint is required in the basic set, i.e. can make a request fail: it has {@code min},
     * {@code max} or {@code exact}.
     *
     * @return true if a required member is set
     */
    public boolean isRequired() {
        return min != null || max != null || exact != null;
    }

    @Override
    public String toString() {
        if (bare) {
            return format(ideal);
        }
        StringBuilder s = new StringBuilder("{");
        append(s, "min", min);
        append(s, "max", max);
        append(s, "exact", exact);
        append(s, "ideal", ideal);
        return s.append('}').toString();
    }

    private void append(StringBuilder s, String name, Double value) {
        if (value != null) {
            s.append(s.length() > 1 ? ", " : "").append(name).append(": ").append(format(value));
        }
    }

    private String format(Double value) {
        return integral ? Long.toString(value.longValue()) : value.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NumericConstraint n && n.getClass() == getClass() && toString().equals(n.toString())
                && n.bare == bare;
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }
}
