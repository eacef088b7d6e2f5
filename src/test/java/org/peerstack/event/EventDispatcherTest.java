package org.peerstack.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.peerstack.testing.EventRecorder;

class EventDispatcherTest {

    static final EventType<Event> PING = EventType.of("ping", Event.class);
    static final EventType<Event> PONG = EventType.of("pong", Event.class);

    /** A minimal target, as every peerstack class that fires events is built. */
    static final class Target implements EventTarget {
        final EventDispatcher events = new EventDispatcher();

        @Override
        public <E extends Event> void addEventListener(EventType<E> type, EventListener<? super E> listener) {
            events.add(type, listener);
        }

        @Override
        public <E extends Event> void removeEventListener(EventType<E> type, EventListener<? super E> listener) {
            events.remove(type, listener);
        }

        void fire(EventType<Event> type) {
            events.dispatch(new Event(type, this));
        }
    }

    private final Target target = new Target();
    private final EventRecorder recorder = new EventRecorder();

    @AfterEach
    void noLeftovers() {
        recorder.assertExhausted();
    }

    @Test
    void eventsOfOneTargetArriveInFiringOrder() {
        recorder.listen(target, PING, PONG);
        List<EventType<?>> fired = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            EventType<Event> type = i % 3 == 0 ? PONG : PING;
            fired.add(type);
            target.fire(type);
        }
        for (EventType<?> type : fired) {
            assertThat(recorder.nextEvent().type()).isSameAs(type);
        }
    }

    @Test
    void aHeldTargetQueuesItsEventsUntilAnotherTargetsEventWasDelivered() throws Exception {
        Target announcer = new Target();
        Target announced = new Target();
        announced.events.hold();
        List<String> order = new CopyOnWriteArrayList<>();
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(3);
        announcer.addEventListener(PING, e -> {
            order.add("announcement");
            // Listeners of the held target are added here, after its events were fired.
            announced.addEventListener(PONG, p -> {
                order.add("pong");
                done.countDown();
            });
            done.countDown();
        });
        announced.fire(PONG);
        announced.fire(PONG);
        announcer.events.dispatch(new Event(PING, announcer), announced.events::release);
        assertThat(done.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(order).containsExactly("announcement", "pong", "pong");
        announced.events.release();
    }

    @Test
    void listenersRunOnPeerstackEventThreadsNotTheFiringThread() {
        recorder.listen(target, PING);
        target.fire(PING);
        recorder.nextEvent(PING);
        assertThat(recorder.threads()).singleElement().asString().startsWith("peerstack-event-");
    }

    @Test
    void aThrowingListenerDoesNotStopTheOthers() {
        target.addEventListener(PING, e -> {
            throw new IllegalStateException("listener bug (expected in this test)");
        });
        recorder.listen(target, PING);
        target.fire(PING);
        target.fire(PING);
        recorder.nextEvent(PING);
        recorder.nextEvent(PING);
    }

    @Test
    void addingTheSameListenerTwiceDeliversOnce() {
        List<Event> seen = new CopyOnWriteArrayList<>();
        EventListener<Event> listener = seen::add;
        target.addEventListener(PING, listener);
        target.addEventListener(PING, listener);
        recorder.listen(target, PING);
        target.fire(PING);
        recorder.nextEvent(PING);
        recorder.assertExhausted();
        assertThat(seen).hasSize(1);
    }

    @Test
    void aRemovedListenerGetsNothing() {
        List<Event> seen = new CopyOnWriteArrayList<>();
        EventListener<Event> listener = seen::add;
        target.addEventListener(PING, listener);
        target.removeEventListener(PING, listener);
        recorder.listen(target, PING);
        target.fire(PING);
        recorder.nextEvent(PING);
        assertThat(seen).isEmpty();
    }

    @Test
    void anEventOfTheWrongClassForItsTypeIsRejected() {
        EventType<Sub> typed = EventType.of("typed", Sub.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> target.events.dispatch(new Event(typed, target)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static final class Sub extends Event {
        Sub(EventType<?> type, Object target) {
            super(type, target);
        }
    }
}
