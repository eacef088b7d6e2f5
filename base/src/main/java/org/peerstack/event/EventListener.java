package org.peerstack.event;

/**
 * Receives events of one type. Runs on a peerstack event thread (see the package documentation for the
 * thread and ordering contract); should return quickly and may throw (it is logged, others still run).
 *
 * @param <E> the event class
 */
@FunctionalInterface
public interface EventListener<E extends Event> {

    void handleEvent(E event);
}
