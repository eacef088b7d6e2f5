package org.peerstack.event;

/**
 * An object that fires typed events (DOM {@code EventTarget}). See the package documentation for the
 * thread and ordering contract every implementation follows.
 */
public interface EventTarget {

    /**
     * Registers {@code listener} for events of {@code type}. Registering the same listener twice for one
     * type has no effect. Events already fired but not yet delivered are delivered to it as well.
     * May be called from any thread, including from inside a listener.
     *
     * @param <E> the event class of {@code type}
     * @param type the event type, one of the constants the target declares (e.g. {@code MediaStreamTrack.ENDED})
     * @param listener the listener; it receives events of {@code type} and of no other type
     * @throws NullPointerException if an argument is null
     */
    <E extends Event> void addEventListener(EventType<E> type, EventListener<? super E> listener);

    /**
     * Unregisters {@code listener} for {@code type}; unknown listeners are ignored. Events already being
     * delivered may still reach it. May be called from any thread, including from inside a listener.
     *
     * @param <E> the event class of {@code type}
     * @param type the event type the listener was registered for
     * @param listener the listener to remove (compared with {@code equals})
     * @throws NullPointerException if an argument is null
     */
    <E extends Event> void removeEventListener(EventType<E> type, EventListener<? super E> listener);
}
