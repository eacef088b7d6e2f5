package org.peerstack.signaling;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listeners of one {@link SignalingClient}, by event, and their delivery: every event runs its
 * listeners in registration order on the client's single event thread; a listener that throws is logged
 * and the others still run; events emitted after close are dropped.
 */
final class SignalingListeners {

    private static final Logger LOG = LoggerFactory.getLogger(SignalingClient.class);

    private final Map<SignalingEvent<?>, CopyOnWriteArrayList<Consumer<Object>>> listeners = new ConcurrentHashMap<>();
    private final Executor events;

    SignalingListeners(Executor events) {
        this.events = events;
    }

    @SuppressWarnings("unchecked")
    <T> void add(SignalingEvent<T> event, Consumer<? super T> listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.computeIfAbsent(event, e -> new CopyOnWriteArrayList<>()).add((Consumer<Object>) listener);
    }

    <T> void remove(SignalingEvent<T> event, Consumer<? super T> listener) {
        CopyOnWriteArrayList<Consumer<Object>> list = listeners.get(event);
        if (list != null) {
            list.remove(listener);
        }
    }

    void emit(SignalingEvent<?> event, Object value) {
        CopyOnWriteArrayList<Consumer<Object>> list = listeners.get(event);
        if (list == null || list.isEmpty()) {
            return;
        }
        try {
            events.execute(() -> {
                for (Consumer<Object> listener : list) {
                    try {
                        listener.accept(value);
                    } catch (RuntimeException e) {
                        LOG.warn("a signaling listener for '{}' threw", event, e);
                    }
                }
            });
        } catch (RejectedExecutionException closed) {
            LOG.debug("dropping '{}' event after close", event);
        }
    }
}
