package org.peerstack.media;

import java.util.Optional;

/**
 * W3C {@code ConstrainBoolean}: a bare value or {@code ConstrainBooleanParameters} ({@code exact},
 * {@code ideal}). A bare value is an {@code ideal} in the basic set and {@code exact} in an
 * {@code advanced} set.
 */
public final class ConstrainBoolean {

    final Boolean exact;
    final Boolean ideal;
    final boolean bare;

    private ConstrainBoolean(Boolean exact, Boolean ideal, boolean bare) {
        this.exact = exact;
        this.ideal = ideal;
        this.bare = bare;
    }

    /**
     * A bare value: {@code ideal} in the basic set, {@code exact} in an {@code advanced} set.
     *
     * @param value the value
     * @return the constraint
     */
    public static ConstrainBoolean of(boolean value) {
        return new ConstrainBoolean(null, value, true);
    }

    /**
     * {@code {exact: value}}: the setting must equal {@code value}.
     *
     * @param value the required value
     * @return the constraint
     */
    public static ConstrainBoolean exact(boolean value) {
        return new ConstrainBoolean(value, null, false);
    }

    /**
     * {@code {ideal: value}}: {@code value} is preferred; never fails.
     *
     * @param value the preferred value
     * @return the constraint
     */
    public static ConstrainBoolean ideal(boolean value) {
        return new ConstrainBoolean(null, value, false);
    }

    /**
     * The {@code exact} member.
     *
     * @return the required value, or empty (also for a bare value)
     */
    public Optional<Boolean> exact() {
        return Optional.ofNullable(exact);
    }

    /**
     * The {@code ideal} member; for a bare value, the value itself.
     *
     * @return the preferred value, or empty
     */
    public Optional<Boolean> ideal() {
        return Optional.ofNullable(ideal);
    }

    /**
     * Whether this was given as a bare value ({@code ideal} in the basic set, {@code exact} in an advanced set).
     *
     * @return true for a bare value
     */
    public boolean isBare() {
        return bare;
    }

    @Override
    public String toString() {
        return bare ? String.valueOf(ideal) : exact != null ? "{exact: " + exact + "}" : "{ideal: " + ideal + "}";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConstrainBoolean b && b.bare == bare && toString().equals(b.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }
}
