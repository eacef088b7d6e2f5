package org.peerstack.exc;

import java.util.Objects;

/**
 * A signaling request failed, a message could not be decoded, or the connection to the signaling
 * server was lost. {@link #code()} is the protocol's error code ({@code docs/signaling-protocol.md}).
 */
public final class SignalingException extends PeerstackException {

    /** The protocol error code; see {@link #code()}. */
    private final ErrorCode code;

    /**
     * Creates the exception.
     *
     * @param code the protocol error code; not null
     * @param message what failed and why, for a developer (not localised); may be null
     * @throws NullPointerException if code is null
     */
    public SignalingException(ErrorCode code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    /**
     * Creates the exception with the underlying failure that caused it.
     *
     * @param code the protocol error code; not null
     * @param message what failed and why, for a developer (not localised); may be null
     * @param cause the underlying exception (native, I/O, parser), kept as {@link #getCause()}; may be null
     * @throws NullPointerException if code is null
     */
    public SignalingException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    /**
     * The protocol error code, as sent by the server or chosen by the client for local failures.
     *
     * @return the code; never null ({@link ErrorCode#UNKNOWN} for a code this version does not know)
     */
    public ErrorCode code() {
        return code;
    }

    @Override
    public String errorName() {
        return "SignalingError";
    }
}
