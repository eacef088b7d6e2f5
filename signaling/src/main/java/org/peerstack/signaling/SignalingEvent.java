package org.peerstack.signaling;

import java.util.Objects;

/**
 * A typed event key of {@link SignalingClient}, e.g. {@link SignalingClient#OFFER}. Listeners added
 * for a key receive values of exactly its {@link #type()}.
 *
 * @param <T> the event value
 */
public final class SignalingEvent<T> {

    private final String name;
    private final Class<T> type;

    SignalingEvent(String name, Class<T> type) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = Objects.requireNonNull(type, "type");
    }

    /** The event name: the wire {@code type} of the message, or {@code "statechange"}. */
    public String name() {
        return name;
    }

    /** The class of the values delivered for this event. */
    public Class<T> type() {
        return type;
    }

    @Override
    public String toString() {
        return name;
    }
}
