package org.peerstack.event;

/**
 * Receives events of one type. Runs on a peerstack event thread (see the package documentation for the
 * thread and ordering contract); should return quickly and may throw (it is logged, others still run).
 *
 * @param <E> the event class
 */
@FunctionalInterface
public interface EventListener<E extends Event> {

    /**
     * Handles one event (DOM {@code EventListener.handleEvent}). Called on a peerstack event thread, never
     * concurrently with another listener of the same target; an exception it throws is logged and the
     * target's other listeners still run.
     *
     * @param event the event, of this listener's type; never null
     */
    void handleEvent(E event);
}
