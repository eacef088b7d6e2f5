package org.peerstack.media;

import java.util.OptionalDouble;
import org.peerstack.exc.TypeException;

/**
 * W3C {@code ConstrainDouble}: a bare value or a {@code ConstrainDoubleRange} ({@code min}, {@code max},
 * {@code exact}, {@code ideal}). Immutable; build with the static factories and {@code with*} methods:
 * <pre>{@code ConstrainDouble.ideal(30).withMax(60)}</pre>
 * A bare value ({@link #of}) is an {@code ideal} in the basic constraint set and an {@code exact} in an
 * {@code advanced} set, as in the spec. NaN, infinities and (for {@link ConstrainULong}) negative values
 * are rejected with {@link TypeException}, like WebIDL does.
 */
public final class ConstrainDouble extends NumericConstraint {

    private ConstrainDouble(Double min, Double max, Double exact, Double ideal, boolean bare) {
        super(min, max, exact, ideal, bare, false);
    }

    /** A bare value. */
    public static ConstrainDouble of(double value) {
        return new ConstrainDouble(null, null, null, checked(value, false), true);
    }

    public static ConstrainDouble exact(double value) {
        return new ConstrainDouble(null, null, checked(value, false), null, false);
    }

    public static ConstrainDouble ideal(double value) {
        return new ConstrainDouble(null, null, null, checked(value, false), false);
    }

    public static ConstrainDouble min(double value) {
        return new ConstrainDouble(checked(value, false), null, null, null, false);
    }

    public static ConstrainDouble max(double value) {
        return new ConstrainDouble(null, checked(value, false), null, null, false);
    }

    /** {@code {min, max}}; a range with min &gt; max is accepted here and can never be satisfied. */
    public static ConstrainDouble range(double min, double max) {
        return new ConstrainDouble(checked(min, false), checked(max, false), null, null, false);
    }

    public ConstrainDouble withMin(double value) {
        return new ConstrainDouble(checked(value, false), max, exact, ideal, false);
    }

    public ConstrainDouble withMax(double value) {
        return new ConstrainDouble(min, checked(value, false), exact, ideal, false);
    }

    public ConstrainDouble withExact(double value) {
        return new ConstrainDouble(min, max, checked(value, false), bare ? null : ideal, false);
    }

    public ConstrainDouble withIdeal(double value) {
        return new ConstrainDouble(min, max, exact, checked(value, false), false);
    }

    public OptionalDouble min() {
        return opt(min);
    }

    public OptionalDouble max() {
        return opt(max);
    }

    public OptionalDouble exact() {
        return opt(exact);
    }

    /** The ideal value; for a bare value, the value itself. */
    public OptionalDouble ideal() {
        return opt(ideal);
    }

    private static OptionalDouble opt(Double value) {
        return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
    }
}
