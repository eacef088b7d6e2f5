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
     * @param type   the event type constant
     * @param target the object that fires the event
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
     * @param event  the event class's name, for the message
     * @param member the member's name
     */
    protected static <T> T required(T value, String event, String member) {
        if (value == null) {
            throw new TypeException(event + " needs the required member '" + member + "'");
        }
        return value;
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
