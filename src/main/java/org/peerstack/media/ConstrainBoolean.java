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

    public static ConstrainBoolean of(boolean value) {
        return new ConstrainBoolean(null, value, true);
    }

    public static ConstrainBoolean exact(boolean value) {
        return new ConstrainBoolean(value, null, false);
    }

    public static ConstrainBoolean ideal(boolean value) {
        return new ConstrainBoolean(null, value, false);
    }

    public Optional<Boolean> exact() {
        return Optional.ofNullable(exact);
    }

    /** The ideal value; for a bare value, the value itself. */
    public Optional<Boolean> ideal() {
        return Optional.ofNullable(ideal);
    }

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
