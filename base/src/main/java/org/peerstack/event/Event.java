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
     * Creates an event stamped with the current time.
     *
     * @param type   the event type constant; its event class must admit this event's class
     * @param target the object that fires the event
     * @throws NullPointerException if an argument is null
     */
    public Event(EventType<?> type, Object target) {
        this.type = Objects.requireNonNull(type, "type");
        this.target = Objects.requireNonNull(target, "target");
        this.timeStamp = Instant.now();
    }

    /**
     * The type this event was fired as (DOM {@code Event.type}, as a typed constant).
     *
     * @return the event type constant, e.g. {@code MediaStreamTrack.ENDED}; never null
     */
    public EventType<?> type() {
        return type;
    }

    /**
     * The object that fired the event (DOM {@code Event.target}), e.g. a {@code MediaStreamTrack}.
     *
     * @return the target; never null
     */
    public Object target() {
        return target;
    }

    /**
     * When the event was created, i.e. fired (DOM {@code Event.timeStamp}, as wall-clock time rather than
     * milliseconds since time origin). Delivery to listeners happens later, on an event thread.
     *
     * @return the wall-clock time of firing; never null
     */
    public Instant timeStamp() {
        return timeStamp;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[type=" + type.name() + ", target=" + target + "]";
    }
}
