package org.peerstack.whip;

import java.util.OptionalLong;
import org.peerstack.exc.PeerstackException;

/**
 * A WHIP/WHEP server answered with an unexpected HTTP status (or not at all: status 0): what it said,
 * and its {@code Retry-After} when it gave one (e.g. WHEP's 409 while nothing is published).
 */
public final class WhipHttpException extends PeerstackException {

    private final int status;
    private final OptionalLong retryAfterSeconds;

    public WhipHttpException(int status, OptionalLong retryAfterSeconds, String message) {
        super(message);
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** The HTTP status, or 0 when the request failed before a response (connection refused, timeout). */
    public int status() {
        return status;
    }

    /** The server's Retry-After in seconds, if it sent one. */
    public OptionalLong retryAfterSeconds() {
        return retryAfterSeconds;
    }

    @Override
    public String errorName() {
        return "NetworkError";
    }
}
