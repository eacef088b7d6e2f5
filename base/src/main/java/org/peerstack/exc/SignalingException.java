package org.peerstack.exc;

import java.util.Objects;

/**
 * A signaling request failed, a message could not be decoded, or the connection to the signaling
 * server was lost. {@link #code()} is the protocol's error code ({@code docs/signaling-protocol.md}).
 */
public final class SignalingException extends PeerstackException {

    private final ErrorCode code;

    public SignalingException(ErrorCode code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    public SignalingException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    /** The protocol error code. */
    public ErrorCode code() {
        return code;
    }

    @Override
    public String errorName() {
        return "SignalingError";
    }
}
