package org.peerstack.event;

/**
 * An object that fires typed events (DOM {@code EventTarget}). See the package documentation for the
 * thread and ordering contract every implementation follows.
 */
public interface EventTarget {

    /**
     * Registers {@code listener} for events of {@code type}. Registering the same listener twice for one
     * type has no effect. Events already fired but not yet delivered are delivered to it as well.
     *
     * @throws NullPointerException if an argument is null
     */
    <E extends Event> void addEventListener(EventType<E> type, EventListener<? super E> listener);

    /** Unregisters {@code listener} for {@code type}; unknown listeners are ignored. */
    <E extends Event> void removeEventListener(EventType<E> type, EventListener<? super E> listener);
}
