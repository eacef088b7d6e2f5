package org.peerstack.event;

import java.time.Instant;
import java.util.Objects;

/**
 * An immutable event: its {@link #type()}, the {@link #target()} that fired it and when
 * ({@link #timeStamp()}). Events that carry more (a track, data) are subclasses.
 */
public class Event {

    private final EventType<?> type;
    private final Object target;
    private final Instant timeStamp;

    /**
     * @param type   the event type constant
     * @param target the object that fires the event
     */
    public Event(EventType<?> type, Object target) {
        this.type = Objects.requireNonNull(type, "type");
        this.target = Objects.requireNonNull(target, "target");
        this.timeStamp = Instant.now();
    }

    /** The event type constant, e.g. {@code MediaStreamTrack.ENDED}. */
    public EventType<?> type() {
        return type;
    }

    /** The object that fired the event. */
    public Object target() {
        return target;
    }

    /** When the event was fired (not when it was delivered). */
    public Instant timeStamp() {
        return timeStamp;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[type=" + type.name() + ", target=" + target + "]";
    }
}
