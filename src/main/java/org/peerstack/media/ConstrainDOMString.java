package org.peerstack.media;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.peerstack.exc.TypeException;

/**
 * W3C {@code ConstrainDOMString}: a bare value (one string or a list) or
 * {@code ConstrainDOMStringParameters} ({@code exact}, {@code ideal}, each one string or a list: the
 * setting must equal, or ideally equals, one of them). Used for {@code deviceId}, {@code groupId},
 * {@code facingMode} and {@code resizeMode}. Null or blank-free lists are checked with
 * {@link TypeException}.
 */
public final class ConstrainDOMString {

    final List<String> exact;
    final List<String> ideal;
    final boolean bare;

    private ConstrainDOMString(List<String> exact, List<String> ideal, boolean bare) {
        this.exact = exact;
        this.ideal = ideal;
        this.bare = bare;
    }

    /**
     * A bare value: {@code ideal} in the basic set, {@code exact} in an {@code advanced} set.
     *
     * @param values one or more accepted strings
     * @return the constraint
     * @throws TypeException if no value is given or a value is null
     */
    public static ConstrainDOMString of(String... values) {
        return new ConstrainDOMString(null, checked(values), true);
    }

    /**
     * {@code {exact: values}}: the setting must equal one of {@code values}.
     *
     * @param values one or more accepted strings
     * @return the constraint
     * @throws TypeException if no value is given or a value is null
     */
    public static ConstrainDOMString exact(String... values) {
        return new ConstrainDOMString(checked(values), null, false);
    }

    /**
     * {@code {ideal: values}}: a setting equal to one of {@code values} is preferred; never fails.
     *
     * @param values one or more preferred strings
     * @return the constraint
     * @throws TypeException if no value is given or a value is null
     */
    public static ConstrainDOMString ideal(String... values) {
        return new ConstrainDOMString(null, checked(values), false);
    }

    /**
     * {@code facingMode} as {@code exact}, e.g. {@code exact(VideoFacingMode.USER)}.
     *
     * @param mode the required facing mode
     * @return the constraint
     * @throws NullPointerException if {@code mode} is null
     */
    public static ConstrainDOMString exact(VideoFacingMode mode) {
        return exact(mode.token());
    }

    /**
     * {@code resizeMode} as {@code exact}.
     *
     * @param mode the required resize mode
     * @return the constraint
     * @throws NullPointerException if {@code mode} is null
     */
    public static ConstrainDOMString exact(VideoResizeMode mode) {
        return exact(mode.token());
    }

    private static List<String> checked(String... values) {
        if (values == null || values.length == 0) {
            throw new TypeException("a string constraint needs at least one value");
        }
        for (String value : values) {
            if (value == null) {
                throw new TypeException("a string constraint value must not be null");
            }
        }
        return List.of(values);
    }

    /**
     * The {@code exact} member.
     *
     * @return the accepted strings, or empty (also for a bare value)
     */
    public Optional<List<String>> exact() {
        return Optional.ofNullable(exact);
    }

    /**
     * The {@code ideal} member; for a bare value, the value(s) themselves.
     *
     * @return the preferred strings, or empty
     */
    public Optional<List<String>> ideal() {
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
        return o instanceof ConstrainDOMString s && s.bare == bare && Objects.equals(s.exact, exact)
                && Objects.equals(s.ideal, ideal);
    }

    @Override
    public int hashCode() {
        return Objects.hash(exact, ideal, bare);
    }
}
