package org.peerstack.event;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listener registry and delivery queue of one {@link EventTarget}; classes that fire events hold
 * one and delegate {@code addEventListener}/{@code removeEventListener} to it.
 *
 * <p>{@link #dispatch(Event)} never blocks and never runs a listener on the calling thread: events are
 * queued per target and drained one at a time on {@link EventLoop}'s threads, so events of one target
 * are delivered in firing order and never concurrently. A listener that throws is logged and the others
 * still run.
 */
public final class EventDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger("org.peerstack.event");

    private final Map<EventType<?>, List<EventListener<?>>> listeners = new ConcurrentHashMap<>();
    private final Queue<Pending> pending = new ArrayDeque<>();
    private final EventLoop loop;
    private boolean draining;
    /** While true, events are queued but not delivered ({@link #hold()}). */
    private boolean held;

    /** A queued event and what runs after its listeners. */
    private record Pending(Event event, Runnable afterDelivery) {
    }

    /** A dispatcher delivering on the shared {@link EventLoop#shared()}. */
    public EventDispatcher() {
        this(EventLoop.shared());
    }

    /**
     * A dispatcher delivering on {@code loop}, e.g. one made by {@link EventLoop#create} to run listeners
     * on an application's executor.
     *
     * @param loop the loop whose threads run the listeners
     * @throws NullPointerException if {@code loop} is null
     */
    public EventDispatcher(EventLoop loop) {
        this.loop = Objects.requireNonNull(loop, "loop");
    }

    /**
     * Registers {@code listener} for events of {@code type}; the implementation of
     * {@link EventTarget#addEventListener}. Adding a listener that is already registered for the type has
     * no effect. Thread-safe.
     *
     * @param <E> the event class of {@code type}
     * @param type the event type
     * @param listener the listener
     * @throws NullPointerException if an argument is null
     */
    public <E extends Event> void add(EventType<E> type, EventListener<? super E> listener) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(listener, "listener");
        List<EventListener<?>> list = listeners.computeIfAbsent(type, t -> new CopyOnWriteArrayList<>());
        ((CopyOnWriteArrayList<EventListener<?>>) list).addIfAbsent(listener);
    }

    /**
     * Unregisters {@code listener} for {@code type}; the implementation of
     * {@link EventTarget#removeEventListener}. Unknown listeners are ignored. Thread-safe.
     *
     * @param <E> the event class of {@code type}
     * @param type the event type
     * @param listener the listener
     * @throws NullPointerException if an argument is null
     */
    public <E extends Event> void remove(EventType<E> type, EventListener<? super E> listener) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(listener, "listener");
        List<EventListener<?>> list = listeners.get(type);
        if (list != null) {
            list.remove(listener);
        }
    }

    /**
     * Whether at least one listener is registered for {@code type}, so that a target can skip building
     * events nobody receives.
     *
     * @param type the event type
     * @return true if a listener is registered now (a snapshot: listeners may be added concurrently)
     */
    public boolean hasListeners(EventType<?> type) {
        List<EventListener<?>> list = listeners.get(type);
        return list != null && !list.isEmpty();
    }

    /**
     * Queues {@code event} for delivery to the listeners of its type. Returns at once.
     *
     * @param event the event; its target should be the object this dispatcher serves
     * @throws NullPointerException if {@code event} is null
     * @throws IllegalArgumentException if the event is not an instance of its type's event class
     */
    public void dispatch(Event event) {
        dispatch(event, null);
    }

    /**
     * Queues {@code event} like {@link #dispatch(Event)}; {@code afterDelivery} (if not null) runs on the
     * event thread once every listener has returned, before this target's next event. Used to keep the
     * W3C order between targets, e.g. a remote data channel's first message after {@code datachannel}.
     * An exception it throws is logged.
     *
     * @param event the event
     * @param afterDelivery runs after the event's listeners on the event thread; may be null
     * @throws NullPointerException if {@code event} is null
     * @throws IllegalArgumentException if the event is not an instance of its type's event class
     */
    public void dispatch(Event event, Runnable afterDelivery) {
        Objects.requireNonNull(event, "event");
        if (!event.type().eventClass().isInstance(event)) {
            throw new IllegalArgumentException(event + " is not a " + event.type().eventClass().getName());
        }
        boolean schedule;
        loop.enter();
        synchronized (pending) {
            pending.add(new Pending(event, afterDelivery));
            schedule = !draining && !held;
            if (schedule) {
                draining = true;
            }
        }
        if (schedule) {
            loop.execute(this::drain);
        }
    }

    /**
     * Holds delivery: events dispatched from now on are queued, in order, until {@link #release()}.
     * A target whose existence is announced by another target's event (a remote data channel, by the
     * connection's {@code datachannel}) holds its own events until that announcement was delivered, so
     * a listener added in the announcement's handler misses nothing.
     */
    public void hold() {
        synchronized (pending) {
            held = true;
        }
    }

    /** Ends {@link #hold()}: the queued events are delivered in order. Idempotent. */
    public void release() {
        boolean schedule;
        synchronized (pending) {
            held = false;
            schedule = !draining && !pending.isEmpty();
            if (schedule) {
                draining = true;
            }
        }
        if (schedule) {
            loop.execute(this::drain);
        }
    }

    private void drain() {
        while (true) {
            Pending next;
            synchronized (pending) {
                next = held ? null : pending.poll();
                if (next == null) {
                    draining = false;
                    return;
                }
            }
            try {
                deliver(next.event());
                if (next.afterDelivery() != null) {
                    runAfterDelivery(next);
                }
            } finally {
                loop.exit();
            }
        }
    }

    private static void runAfterDelivery(Pending next) {
        try {
            next.afterDelivery().run();
        } catch (RuntimeException e) {
            LOG.warn("after delivering {}: {}", next.event(), e.toString(), e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void deliver(Event event) {
        List<EventListener<?>> list = listeners.get(event.type());
        if (list == null) {
            return;
        }
        for (EventListener listener : list) {
            try {
                listener.handleEvent(event);
            } catch (RuntimeException | Error e) {
                if (e instanceof VirtualMachineError) {
                    throw e;
                }
                LOG.warn("event listener {} threw on {}; other listeners still run", listener, event, e);
            }
        }
    }
}
