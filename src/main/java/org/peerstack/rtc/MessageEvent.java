package org.peerstack.rtc;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.peerstack.event.Event;
import org.peerstack.event.EventType;

/**
 * HTML {@code MessageEvent} as fired by {@link RTCDataChannel}: a text message ({@link #isBinary()} false,
 * read {@link #text()}) or a binary one (read {@link #data()}). The payload is a private copy: keep it as
 * long as you like.
 */
public final class MessageEvent extends Event {

    private final byte[] payload;
    private final boolean binary;

    public MessageEvent(EventType<MessageEvent> type, Object target, byte[] payload, boolean binary) {
        super(type, target);
        this.payload = required(payload, "MessageEvent", "data");
        this.binary = binary;
    }

    public boolean isBinary() {
        return binary;
    }

    /** The message as text (UTF-8 decoded, also for binary messages). */
    public String text() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    /** The message bytes, read-only. */
    public ByteBuffer data() {
        return ByteBuffer.wrap(payload).asReadOnlyBuffer();
    }

    /** Message size in bytes. */
    public int size() {
        return payload.length;
    }
}
