package org.peerstack.exc;

import java.util.Objects;

/**
 * W3C {@code OverconstrainedError}: no setting of the source satisfies a required constraint
 * ({@code exact}, {@code min} or {@code max}). {@link #constraint()} names the failing constraint as in
 * the spec (e.g. {@code "width"}); the track's settings are unchanged when this is reported by
 * {@code applyConstraints}.
 */
public final class OverconstrainedException extends PeerstackException {

    private final String constraint;

    public OverconstrainedException(String constraint, String message) {
        super(message);
        this.constraint = Objects.requireNonNull(constraint, "constraint");
    }

    /** The name of a required constraint no candidate setting could satisfy, e.g. {@code "frameRate"}. */
    public String constraint() {
        return constraint;
    }

    @Override
    public String errorName() {
        return "OverconstrainedError";
    }
}
