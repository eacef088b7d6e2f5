package org.peerstack.signaling;

import java.util.Objects;
import org.peerstack.event.Event;
import org.peerstack.event.EventType;

/**
 * A {@link SignalingClient}'s connection state changed ({@link SignalingClient#STATE_CHANGE}); carries
 * the state it changed to, which may already be outdated when a listener runs (read
 * {@link SignalingClient#state()} for the current one).
 */
public final class SignalingStateEvent extends Event {

    private final SignalingClient.State state;

    SignalingStateEvent(EventType<SignalingStateEvent> type, SignalingClient target, SignalingClient.State state) {
        super(type, target);
        this.state = Objects.requireNonNull(state, "state");
    }

    /**
     * The state the client entered by this change.
     *
     * @return the new state; never null
     */
    public SignalingClient.State state() {
        return state;
    }

    @Override
    public String toString() {
        return "SignalingStateEvent[" + state + "]";
    }
}
