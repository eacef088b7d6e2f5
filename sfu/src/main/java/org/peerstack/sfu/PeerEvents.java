package org.peerstack.sfu;

import java.util.concurrent.CompletableFuture;
import org.peerstack.event.Event;
import org.peerstack.event.EventDispatcher;
import org.peerstack.event.EventListener;
import org.peerstack.event.EventType;
import org.peerstack.sfu.internal.forward.SessionEvents;

/**
 * The events of one SFU connection object ({@link SfuPublisher}, {@link SfuSubscriber}, {@link SfuMember}):
 * its listeners, the future of its closing, and the {@link SessionEvents} its session reports to, which turn
 * into {@link SfuPeerEvent}s with that object as their target.
 */
final class PeerEvents {

    private final Object target;
    private final EventType<SfuPeerEvent> connected;
    private final EventType<SfuPeerEvent> close;
    /** Null when the object has no such event (a publisher renegotiates by publishing again). */
    private final EventType<SfuPeerEvent> negotiationNeeded;
    private final EventDispatcher dispatcher = new EventDispatcher();
    private final CompletableFuture<String> closed = new CompletableFuture<>();

    PeerEvents(Object target, EventType<SfuPeerEvent> connected, EventType<SfuPeerEvent> close,
            EventType<SfuPeerEvent> negotiationNeeded) {
        this.target = target;
        this.connected = connected;
        this.close = close;
        this.negotiationNeeded = negotiationNeeded;
    }

    /** What the session reports to: each report is dispatched to the listeners (on the SFU's I/O thread). */
    SessionEvents sessionEvents() {
        return new SessionEvents() {
            @Override
            public void connected() {
                dispatcher.dispatch(new SfuPeerEvent(connected, target, ""));
            }

            @Override
            public void closed(String reason) {
                dispatcher.dispatch(new SfuPeerEvent(close, target, reason));
                closed.complete(reason);
            }

            @Override
            public void negotiationNeeded() {
                if (negotiationNeeded != null) {
                    dispatcher.dispatch(new SfuPeerEvent(negotiationNeeded, target, ""));
                }
            }
        };
    }

    /** Completes with the reason once the object closed (a copy: callers cannot complete it). */
    CompletableFuture<String> closed() {
        return closed.copy();
    }

    <E extends Event> void add(EventType<E> type, EventListener<? super E> listener) {
        dispatcher.add(type, listener);
    }

    <E extends Event> void remove(EventType<E> type, EventListener<? super E> listener) {
        dispatcher.remove(type, listener);
    }
}
