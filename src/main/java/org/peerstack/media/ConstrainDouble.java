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

    /**
     * A bare value: {@code ideal} in the basic set, {@code exact} in an {@code advanced} set.
     *
     * @param value the value
     * @return the constraint
     * @throws TypeException if {@code value} is NaN or infinite
     */
    public static ConstrainDouble of(double value) {
        return new ConstrainDouble(null, null, null, checked(value, false), true);
    }

    /**
     * {@code {exact: value}}: the setting must equal {@code value}, or the request fails with
     * {@code OverconstrainedException}.
     *
     * @param value the value
     * @return the constraint
     * @throws TypeException if {@code value} is NaN or infinite
     */
    public static ConstrainDouble exact(double value) {
        return new ConstrainDouble(null, null, checked(value, false), null, false);
    }

    /**
     * {@code {ideal: value}}: the setting closest to {@code value} is preferred; never fails.
     *
     * @param value the value
     * @return the constraint
     * @throws TypeException if {@code value} is NaN or infinite
     */
    public static ConstrainDouble ideal(double value) {
        return new ConstrainDouble(null, null, null, checked(value, false), false);
    }

    /**
     * {@code {min: value}}: the setting must be at least {@code value}.
     *
     * @param value the smallest acceptable value
     * @return the constraint
     * @throws TypeException if {@code value} is NaN or infinite
     */
    public static ConstrainDouble min(double value) {
        return new ConstrainDouble(checked(value, false), null, null, null, false);
    }

    /**
     * {@code {max: value}}: the setting must be at most {@code value}.
     *
     * @param value the largest acceptable value
     * @return the constraint
     * @throws TypeException if {@code value} is NaN or infinite
     */
    public static ConstrainDouble max(double value) {
        return new ConstrainDouble(null, checked(value, false), null, null, false);
    }

    /**
     * {@code {min, max}}; a range with min &gt; max is accepted here and can never be satisfied.
     *
     * @param min the smallest acceptable value
     * @param max the largest acceptable value
     * @return the constraint
     * @throws TypeException if {@code min} or {@code max} is NaN or infinite
     */
    public static ConstrainDouble range(double min, double max) {
        return new ConstrainDouble(checked(min, false), checked(max, false), null, null, false);
    }

    /**
     * A copy with {@code min} set; a bare value becomes an explicit {@code ideal}.
     *
     * @param value the smallest acceptable value
     * @return the new constraint; this one is unchanged
     * @throws TypeException if {@code value} is NaN or infinite
     */
    public ConstrainDouble withMin(double value) {
        return new ConstrainDouble(checked(value, false), max, exact, ideal, false);
    }

    /**
     * A copy with {@code max} set; a bare value becomes an explicit {@code ideal}.
     *
     * @param value the largest acceptable value
     * @return the new constraint; this one is unchanged
     * @throws TypeException if {@code value} is NaN or infinite
     */
    public ConstrainDouble withMax(double value) {
        return new ConstrainDouble(min, checked(value, false), exact, ideal, false);
    }

    /**
     * A copy with {@code exact} set; the value of a bare constraint is dropped (it would have meant {@code exact}
     * in an advanced set), an explicit {@code ideal} is kept.
     *
     * @param value the required value
     * @return the new constraint; this one is unchanged
     * @throws TypeException if {@code value} is NaN or infinite
     */
    public ConstrainDouble withExact(double value) {
        return new ConstrainDouble(min, max, checked(value, false), bare ? null : ideal, false);
    }

    /**
     * A copy with {@code ideal} set (replacing a bare value).
     *
     * @param value the preferred value
     * @return the new constraint; this one is unchanged
     * @throws TypeException if {@code value} is NaN or infinite
     */
    public ConstrainDouble withIdeal(double value) {
        return new ConstrainDouble(min, max, exact, checked(value, false), false);
    }

    /**
     * The {@code min} member.
     *
     * @return the smallest acceptable value, or empty
     */
    public OptionalDouble min() {
        return opt(min);
    }

    /**
     * The {@code max} member.
     *
     * @return the largest acceptable value, or empty
     */
    public OptionalDouble max() {
        return opt(max);
    }

    /**
     * The {@code exact} member.
     *
     * @return the required value, or empty (also for a bare value, see {@link #ideal()})
     */
    public OptionalDouble exact() {
        return opt(exact);
    }

    /**
     * The {@code ideal} member; for a bare value, the value itself (see {@link #isBare()}).
     *
     * @return the preferred value, or empty
     */
    public OptionalDouble ideal() {
        return opt(ideal);
    }

    private static OptionalDouble opt(Double value) {
        return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
    }
}
