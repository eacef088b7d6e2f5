package org.peerstack.event;

import java.util.Objects;

/**
 * A typed event name: the DOM event name (its wire token, e.g. {@code "ended"}) plus the class of the
 * event objects it carries, so listeners receive the right type without casts. Compared by identity;
 * declare each type once as a constant on the class that fires it.
 *
 * @param <E> the event class
 */
public final class EventType<E extends Event> {

    private final String name;
    private final Class<E> eventClass;

    private EventType(String name, Class<E> eventClass) {
        this.name = Objects.requireNonNull(name, "name");
        this.eventClass = Objects.requireNonNull(eventClass, "eventClass");
    }

    /**
     * Declares an event type; call once per type and keep the result in a constant (types compare by
     * identity, so two calls with the same name give two different types).
     *
     * @param <E> the event class
     * @param name the DOM event name, e.g. {@code "ended"}; not blank
     * @param eventClass the class of the events of this type; dispatching an event of another class fails
     * @return the new event type
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code name} is blank
     */
    public static <E extends Event> EventType<E> of(String name, Class<E> eventClass) {
        if (name.isBlank()) {
            throw new IllegalArgumentException("event name must not be blank");
        }
        return new EventType<>(name, eventClass);
    }

    /**
     * The DOM event name; also what {@link #toString()} returns.
     *
     * @return the name, e.g. {@code "addtrack"}; never null
     */
    public String name() {
        return name;
    }

    /**
     * The class of the events of this type: every event dispatched with this type is an instance of it.
     *
     * @return the event class; never null
     */
    public Class<E> eventClass() {
        return eventClass;
    }

    @Override
    public String toString() {
        return name;
    }
}
