package org.peerstack.exc;

import java.util.Objects;

/**
 * W3C {@code OverconstrainedError}: no setting of the source satisfies a required constraint
 * ({@code exact}, {@code min} or {@code max}). {@link #constraint()} names the failing constraint as in
 * the spec (e.g. {@code "width"}); the track's settings are unchanged when this is reported by
 * {@code applyConstraints}.
 */
public final class OverconstrainedException extends PeerstackException {

    /** The failing constraint's name; see {@link #constraint()}. */
    private final String constraint;

    /**
     * Creates the exception.
     *
     * @param constraint the name of the required constraint that could not be satisfied, e.g. {@code "width"}; not null
     * @param message what failed and why, for a developer (not localised); may be null
     * @throws NullPointerException if constraint is null
     */
    public OverconstrainedException(String constraint, String message) {
        super(message);
        this.constraint = Objects.requireNonNull(constraint, "constraint");
    }

    /**
     * The W3C {@code OverconstrainedError.constraint}
     * (<a href="https://www.w3.org/TR/mediacapture-streams/#dom-overconstrainederror-constraint">spec</a>).
     *
     * @return the name of a required constraint no candidate setting could satisfy, e.g. {@code "frameRate"};
     *     never null
     */
    public String constraint() {
        return constraint;
    }

    @Override
    public String errorName() {
        return "OverconstrainedError";
    }
}
