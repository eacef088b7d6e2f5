package org.peerstack.media;

import java.util.OptionalLong;
import org.peerstack.exc.TypeException;

/**
 * W3C {@code ConstrainULong}: a bare value or a {@code ConstrainULongRange} ({@code min}, {@code max},
 * {@code exact}, {@code ideal}) of non-negative integers. Immutable:
 * <pre>{@code ConstrainULong.ideal(320).withMin(160)}</pre>
 * A bare value ({@link #of}) is an {@code ideal} in the basic set and an {@code exact} in an
 * {@code advanced} set. Negative values are rejected with {@link TypeException}.
 */
public final class ConstrainULong extends NumericConstraint {

    private ConstrainULong(Double min, Double max, Double exact, Double ideal, boolean bare) {
        super(min, max, exact, ideal, bare, true);
    }

    /**
     * A bare value: {@code ideal} in the basic set, {@code exact} in an {@code advanced} set.
     *
     * @param value the value
     * @return the constraint
     * @throws TypeException if {@code value} is negative
     */
    public static ConstrainULong of(long value) {
        return new ConstrainULong(null, null, null, checked(value, true), true);
    }

    /**
     * {@code {exact: value}}: the setting must equal {@code value}, or the request fails with
     * {@code OverconstrainedException}.
     *
     * @param value the value
     * @return the constraint
     * @throws TypeException if {@code value} is negative
     */
    public static ConstrainULong exact(long value) {
        return new ConstrainULong(null, null, checked(value, true), null, false);
    }

    /**
     * {@code {ideal: value}}: the setting closest to {@code value} is preferred; never fails.
     *
     * @param value the value
     * @return the constraint
     * @throws TypeException if {@code value} is negative
     */
    public static ConstrainULong ideal(long value) {
        return new ConstrainULong(null, null, null, checked(value, true), false);
    }

    /**
     * {@code {min: value}}: the setting must be at least {@code value}.
     *
     * @param value the smallest acceptable value
     * @return the constraint
     * @throws TypeException if {@code value} is negative
     */
    public static ConstrainULong min(long value) {
        return new ConstrainULong(checked(value, true), null, null, null, false);
    }

    /**
     * {@code {max: value}}: the setting must be at most {@code value}.
     *
     * @param value the largest acceptable value
     * @return the constraint
     * @throws TypeException if {@code value} is negative
     */
    public static ConstrainULong max(long value) {
        return new ConstrainULong(null, checked(value, true), null, null, false);
    }

    /**
     * {@code {min, max}}; a range with min &gt; max is accepted here and can never be satisfied.
     *
     * @param min the smallest acceptable value
     * @param max the largest acceptable value
     * @return the constraint
     * @throws TypeException if {@code min} or {@code max} is negative
     */
    public static ConstrainULong range(long min, long max) {
        return new ConstrainULong(checked(min, true), checked(max, true), null, null, false);
    }

    /**
     * A copy with {@code min} set; a bare value becomes an explicit {@code ideal}.
     *
     * @param value the smallest acceptable value
     * @return the new constraint; this one is unchanged
     * @throws TypeException if {@code value} is negative
     */
    public ConstrainULong withMin(long value) {
        return new ConstrainULong(checked(value, true), max, exact, ideal, false);
    }

    /**
     * A copy with {@code max} set; a bare value becomes an explicit {@code ideal}.
     *
     * @param value the largest acceptable value
     * @return the new constraint; this one is unchanged
     * @throws TypeException if {@code value} is negative
     */
    public ConstrainULong withMax(long value) {
        return new ConstrainULong(min, checked(value, true), exact, ideal, false);
    }

    /**
     * A copy with {@code exact} set; the value of a bare constraint is dropped (it would have meant {@code exact}
     * in an advanced set), an explicit {@code ideal} is kept.
     *
     * @param value the required value
     * @return the new constraint; this one is unchanged
     * @throws TypeException if {@code value} is negative
     */
    public ConstrainULong withExact(long value) {
        return new ConstrainULong(min, max, checked(value, true), bare ? null : ideal, false);
    }

    /**
     * A copy with {@code ideal} set (replacing a bare value).
     *
     * @param value the preferred value
     * @return the new constraint; this one is unchanged
     * @throws TypeException if {@code value} is negative
     */
    public ConstrainULong withIdeal(long value) {
        return new ConstrainULong(min, max, exact, checked(value, true), false);
    }

    /**
     * The {@code min} member.
     *
     * @return the smallest acceptable value, or empty
     */
    public OptionalLong min() {
        return opt(min);
    }

    /**
     * The {@code max} member.
     *
     * @return the largest acceptable value, or empty
     */
    public OptionalLong max() {
        return opt(max);
    }

    /**
     * The {@code exact} member.
     *
     * @return the required value, or empty (also for a bare value, see {@link #ideal()})
     */
    public OptionalLong exact() {
        return opt(exact);
    }

    /**
     * The {@code ideal} member; for a bare value, the value itself (see {@link #isBare()}).
     *
     * @return the preferred value, or empty
     */
    public OptionalLong ideal() {
        return opt(ideal);
    }

    private static OptionalLong opt(Double value) {
        return value == null ? OptionalLong.empty() : OptionalLong.of(value.longValue());
    }
}
