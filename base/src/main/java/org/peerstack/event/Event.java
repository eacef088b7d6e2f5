package org.peerstack.event;

import java.time.Instant;
import org.peerstack.exc.TypeException;

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
     * @throws TypeException if an argument is null (WebIDL's TypeError for a missing member)
     */
    public Event(EventType<?> type, Object target) {
        this.type = required(type, getClass().getSimpleName(), "type");
        this.target = required(target, getClass().getSimpleName(), "target");
        this.timeStamp = Instant.now();
    }

    /**
     * {@code value}, or a {@link TypeException} when it is missing: WebIDL throws a TypeError for a
     * required dictionary member that is absent, so event constructors do too (never a NullPointerException).
     *
     * @param value  the member's value
     * @param event  the event class's name, for the message
     * @param member the member's name
     * @param <T>    the member's type
     * @return {@code value}
     * @throws TypeException if {@code value} is null
     */
    protected static <T> T required(T value, String event, String member) {
        if (value == null) {
            throw new TypeException(event + " needs the required member '" + member + "'");
        }
        return value;
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
