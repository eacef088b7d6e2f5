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

    /** A bare value. */
    public static ConstrainULong of(long value) {
        return new ConstrainULong(null, null, null, checked(value, true), true);
    }

    public static ConstrainULong exact(long value) {
        return new ConstrainULong(null, null, checked(value, true), null, false);
    }

    public static ConstrainULong ideal(long value) {
        return new ConstrainULong(null, null, null, checked(value, true), false);
    }

    public static ConstrainULong min(long value) {
        return new ConstrainULong(checked(value, true), null, null, null, false);
    }

    public static ConstrainULong max(long value) {
        return new ConstrainULong(null, checked(value, true), null, null, false);
    }

    /** {@code {min, max}}; a range with min &gt; max is accepted here and can never be satisfied. */
    public static ConstrainULong range(long min, long max) {
        return new ConstrainULong(checked(min, true), checked(max, true), null, null, false);
    }

    public ConstrainULong withMin(long value) {
        return new ConstrainULong(checked(value, true), max, exact, ideal, false);
    }

    public ConstrainULong withMax(long value) {
        return new ConstrainULong(min, checked(value, true), exact, ideal, false);
    }

    public ConstrainULong withExact(long value) {
        return new ConstrainULong(min, max, checked(value, true), bare ? null : ideal, false);
    }

    public ConstrainULong withIdeal(long value) {
        return new ConstrainULong(min, max, exact, checked(value, true), false);
    }

    public OptionalLong min() {
        return opt(min);
    }

    public OptionalLong max() {
        return opt(max);
    }

    public OptionalLong exact() {
        return opt(exact);
    }

    /** The ideal value; for a bare value, the value itself. */
    public OptionalLong ideal() {
        return opt(ideal);
    }

    private static OptionalLong opt(Double value) {
        return value == null ? OptionalLong.empty() : OptionalLong.of(value.longValue());
    }
}
