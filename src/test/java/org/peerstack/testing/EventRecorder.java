package org.peerstack.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.peerstack.event.Event;
import org.peerstack.event.EventLoop;
import org.peerstack.event.EventTarget;
import org.peerstack.event.EventType;

/**
 * Records events of one or more targets in a queue, in delivery order, for tests.
 * {@link #nextEvent()} waits (generously, for a loaded machine) and fails with a clear message;
 * {@link #assertExhausted()} first waits until every event fired so far was delivered, then fails on any
 * leftover, so a test that forgets an event (or a spurious event) fails. Also records the delivering
 * thread's name.
 */
public final class EventRecorder {

    /** How long {@link #nextEvent()} waits. */
    public static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final List<String> threads = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Listens to {@code types} on {@code target}; returns this recorder. */
    @SafeVarargs
    public final <E extends Event> EventRecorder listen(EventTarget target, EventType<? extends E>... types) {
        for (EventType<? extends E> type : types) {
            target.addEventListener(type, e -> {
                threads.add(Thread.currentThread().getName());
                events.add(e);
            });
        }
        return this;
    }

    /** The next event, waiting up to {@link #TIMEOUT}. */
    public Event nextEvent() {
        try {
            Event e = events.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (e == null) {
                fail("expected an event but none arrived within " + TIMEOUT.toSeconds() + " s");
            }
            return e;
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for an event", ex);
        }
    }

    /** The next event, which must be of {@code type}. */
    public <E extends Event> E nextEvent(EventType<E> type) {
        Event e = nextEvent();
        assertThat(e.type()).as("type of next event %s", e).isSameAs(type);
        return type.eventClass().cast(e);
    }

    /** Names of the threads that delivered the events so far. */
    public List<String> threads() {
        return List.copyOf(threads);
    }

    /** Fails if any event fired so far (on any target) is still unconsumed. */
    public void assertExhausted() {
        try {
            assertThat(EventLoop.shared().awaitQuiescence(TIMEOUT)).as("events delivered within " + TIMEOUT).isTrue();
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssertionError(ex);
        }
        List<Event> left = new ArrayList<>();
        events.drainTo(left);
        assertThat(left).as("unexpected leftover events").isEmpty();
    }
}
