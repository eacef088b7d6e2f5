package org.peerstack.signaling;

import java.util.Objects;
import org.peerstack.event.Event;
import org.peerstack.event.EventType;

/**
 * A message the signaling server sent to a {@link SignalingClient}, delivered as an
 * {@code org.peerstack.event} event: its type is the message's wire type (e.g.
 * {@link SignalingClient#OFFER}), its target the client.
 *
 * <pre>{@code
 * client.addEventListener(SignalingClient.OFFER, event -> answer(event.message().from(), event.message().sdp()));
 * }</pre>
 *
 * @param <M> the message class of the event type
 */
public final class SignalingMessageEvent<M extends SignalingMessage> extends Event {

    private final M message;

    SignalingMessageEvent(EventType<SignalingMessageEvent<M>> type, SignalingClient target, M message) {
        super(type, target);
        this.message = Objects.requireNonNull(message, "message");
    }

    /**
     * The message as decoded from the wire; its class matches the event type (e.g. {@code Offer} for
     * {@link SignalingClient#OFFER}).
     *
     * @return the immutable message; never null
     */
    public M message() {
        return message;
    }

    @Override
    public String toString() {
        return "SignalingMessageEvent[" + message + "]";
    }

    /** The event type of messages of wire type {@code name}. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static <M extends SignalingMessage> EventType<SignalingMessageEvent<M>> type(String name) {
        return (EventType) EventType.of(name, SignalingMessageEvent.class);
    }
}
