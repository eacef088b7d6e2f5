package org.peerstack.signaling.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.peerstack.signaling.SignalingClient;
import org.peerstack.event.EventType;
import org.peerstack.signaling.SignalingMessageEvent;

/**
 * Records every event of a {@link SignalingClient} in arrival order. {@link #next} waits (generously)
 * for the next event and checks its type; {@link #assertExhausted()} fails on leftover events.
 * State changes are recorded only when {@code withStates} is set.
 */
final class ClientRecorder {

    static final long TIMEOUT_SECONDS = 20;

    private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
    private final String name;

    ClientRecorder(String name, SignalingClient client, boolean withStates) {
        this.name = name;
        List<EventType<? extends SignalingMessageEvent<?>>> all = new ArrayList<>(List.of(SignalingClient.JOINED,
                SignalingClient.PEER_JOINED, SignalingClient.PEER_LEFT, SignalingClient.OFFER, SignalingClient.ANSWER,
                SignalingClient.CANDIDATE, SignalingClient.BYE, SignalingClient.MESSAGE, SignalingClient.LEFT,
                SignalingClient.ERROR, SignalingClient.PONG));
        for (EventType<? extends SignalingMessageEvent<?>> type : all) {
            client.addEventListener(type, event -> events.add(event.message()));
        }
        if (withStates) {
            client.addEventListener(SignalingClient.STATE_CHANGE, event -> events.add(event.state()));
        }
    }

    /** The next event, which must be a {@code type}. */
    <T> T next(Class<T> type) throws InterruptedException {
        Object event = events.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (event == null) {
            fail(name + ": no event within " + TIMEOUT_SECONDS + " s (expected a " + type.getSimpleName() + ")");
        }
        assertThat(event).as(name + ": next event").isInstanceOf(type);
        return type.cast(event);
    }

    /** Skips events until one of {@code type} arrives. */
    <T> T nextOf(Class<T> type) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (System.nanoTime() < deadline) {
            Object event = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (type.isInstance(event)) {
                return type.cast(event);
            }
        }
        return fail(name + ": no " + type.getSimpleName() + " within " + TIMEOUT_SECONDS + " s");
    }

    boolean hasPending() {
        return !events.isEmpty();
    }

    void assertExhausted() {
        assertThat(events).as(name + ": leftover events").isEmpty();
    }
}
