package org.peerstack.demo;

import org.peerstack.exc.PeerstackException;

/** The one-command call could not be made: the bots did not connect, or nothing was recorded in time. */
public final class CallFailedException extends PeerstackException {

    public CallFailedException(String message) {
        super(message);
    }

    @Override
    public String errorName() {
        return "CallFailedError";
    }
}
