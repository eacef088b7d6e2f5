package org.peerstack.rtc;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.peerstack.event.Event;
import org.peerstack.event.EventDispatcher;
import org.peerstack.event.EventListener;
import org.peerstack.event.EventTarget;
import org.peerstack.event.EventType;
import org.peerstack.exc.InvalidStateException;
import org.peerstack.exc.OperationException;
import org.peerstack.exc.TypeException;
import org.peerstack.internal.rtc.NativeDataChannel;
import org.peerstack.internal.rtc.SerialExecutor;

/**
 * W3C {@code RTCDataChannel}: text and binary messages over SCTP. Created by
 * {@link RTCPeerConnection#createDataChannel} or delivered by its {@code datachannel} event.
 *
 * <p>Events: {@link #OPEN}, {@link #MESSAGE}, {@link #BUFFERED_AMOUNT_LOW}, {@link #ERROR},
 * {@link #CLOSING}, {@link #CLOSE}, delivered as described in {@code org.peerstack.event}. State events
 * always come in order (open before closing before close) even when libwebrtc skips a step. Messages
 * are copied off the native thread before delivery.
 *
 * <p>Backpressure: {@link #bufferedAmount()} counts bytes queued but not yet sent; set
 * {@link #setBufferedAmountLowThreshold} and wait for {@link #BUFFERED_AMOUNT_LOW} before sending more.
 * The channel's native memory is released when its peer connection closes.
 */
public final class RTCDataChannel implements EventTarget {

    public static final EventType<Event> OPEN = EventType.of("open", Event.class);
    public static final EventType<MessageEvent> MESSAGE = EventType.of("message", MessageEvent.class);
    public static final EventType<Event> BUFFERED_AMOUNT_LOW = EventType.of("bufferedamountlow", Event.class);
    public static final EventType<Event> ERROR = EventType.of("error", Event.class);
    public static final EventType<Event> CLOSING = EventType.of("closing", Event.class);
    public static final EventType<Event> CLOSE = EventType.of("close", Event.class);

    /**
     * How often a channel with more than its threshold queued polls the queue (webrtc-java 0.14.0 does
     * not forward libwebrtc's buffered-amount callback, so {@link #BUFFERED_AMOUNT_LOW} is found by polling,
     * only while a send left the queue above the threshold).
     */
    public static final java.time.Duration BUFFERED_AMOUNT_POLL = java.time.Duration.ofMillis(10);

    /** Largest message {@link #send} accepts, in bytes (libwebrtc's SCTP maximum message size). */
    public static final int MAX_MESSAGE_SIZE = 256 * 1024;

    private final NativeDataChannel channel;
    /** The connection's native lock: every native call on the channel holds it, and release() runs under it. */
    private final Object nativeLock;
    private final SerialExecutor executor;
    private final EventDispatcher events;
    /** Where bufferedamountlow polls are scheduled ({@link EngineOptions#scheduler()}). */
    private final java.util.concurrent.ScheduledExecutorService poller;
    private final String label;
    private final RTCDataChannelInit init;
    private final AtomicBoolean released = new AtomicBoolean();
    private volatile int id;
    private volatile RTCDataChannelState readyState = RTCDataChannelState.CONNECTING;
    private volatile long bufferedAmountLowThreshold;
    private volatile long lastBufferedAmount;
    /** Set when a send left more than the threshold queued; bufferedamountlow fires when it drains. */
    private volatile boolean aboveThreshold;

    /**
     * @param init the parameters the channel was created with, or null for a channel the remote peer
     *             opened (then they are read back from libwebrtc)
     */
    RTCDataChannel(NativeDataChannel channel, SerialExecutor executor, RTCDataChannelInit init,
                   Object nativeLock, EngineOptions options) {
        this.events = new EventDispatcher(options.eventLoop());
        this.poller = options.scheduler();
        if (init == null) {
            // Opened by the remote peer: nothing of this channel is delivered before the connection's
            // datachannel event announcing it (W3C: its messages are queued after that event), so a
            // listener added in the datachannel handler sees the first message. See announced().
            events.hold();
        }
        this.channel = channel;
        this.nativeLock = nativeLock;
        this.executor = executor;
        this.label = channel.label();
        this.id = channel.id();
        this.init = init != null ? init : channel.readBack(id);
        if (init == null) {
            announceOpen(channel.state());
        }
        channel.observe(new Observer());
        executor.executeIfOpen(this::syncState);
    }

    /**
     * W3C "announce the data channel": a channel the remote peer opened is already {@code open} when the
     * datachannel event fires, so its listener may {@code send()} at once; {@code open} follows the
     * datachannel event (held with everything else until {@link #announced()}). libwebrtc announces a
     * channel once the remote peer's OPEN message arrived, i.e. when the SCTP stream is usable; the state
     * is read here, on the connection's executor holding its native lock, not later on another thread.
     */
    private void announceOpen(RTCDataChannelState nativeState) {
        advanceTo(nativeState == RTCDataChannelState.CONNECTING ? RTCDataChannelState.OPEN : nativeState);
    }

    /** Called once the connection's datachannel event for this remotely opened channel was delivered. */
    void announced() {
        events.release();
    }

    public String label() {
        return label;
    }

    public boolean ordered() {
        return init.ordered();
    }

    public Integer maxPacketLifeTime() {
        return init.maxPacketLifeTime();
    }

    public Integer maxRetransmits() {
        return init.maxRetransmits();
    }

    public String protocol() {
        return init.protocol();
    }

    public boolean negotiated() {
        return init.negotiated();
    }

    /** The SCTP stream id, or -1 before it is assigned. */
    public int id() {
        return id;
    }

    public RTCDataChannelState readyState() {
        return readyState;
    }

    /** Bytes queued by {@link #send} and not yet handed to the network. */
    public long bufferedAmount() {
        synchronized (nativeLock) {
            if (released.get() || readyState == RTCDataChannelState.CLOSED) {
                return lastBufferedAmount;
            }
            long amount = channel.bufferedAmount();
            lastBufferedAmount = amount;
            return amount;
        }
    }

    public long bufferedAmountLowThreshold() {
        return bufferedAmountLowThreshold;
    }

    /** {@link #BUFFERED_AMOUNT_LOW} fires when {@link #bufferedAmount()} falls to or below {@code bytes}. */
    public void setBufferedAmountLowThreshold(long bytes) {
        if (bytes < 0) {
            throw new TypeException("bufferedAmountLowThreshold must not be negative, got " + bytes);
        }
        this.bufferedAmountLowThreshold = bytes;
    }

    /** Sends a text message (UTF-8). */
    public void send(String text) {
        send(text.getBytes(StandardCharsets.UTF_8), false);
    }

    /** Sends a binary message (the array is copied). */
    public void send(byte[] data) {
        send(data.clone(), true);
    }

    /** Sends the remaining bytes of {@code data} as a binary message (copied; the buffer's position is unchanged). */
    public void send(ByteBuffer data) {
        ByteBuffer copy = data.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        send(bytes, true);
    }

    private void send(byte[] bytes, boolean binary) {
        if (readyState != RTCDataChannelState.OPEN || released.get()) {
            throw new InvalidStateException("data channel '" + label + "' is "
                    + (released.get() ? "closed" : readyState.token()) + ", not open");
        }
        if (bytes.length > MAX_MESSAGE_SIZE) {
            throw new TypeException("message of " + bytes.length + " bytes exceeds the maximum of " + MAX_MESSAGE_SIZE);
        }
        ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length);
        direct.put(bytes).flip();
        synchronized (nativeLock) {
            if (released.get()) {
                throw new InvalidStateException("data channel '" + label + "' is closed");
            }
            try {
                channel.send(direct, binary);
            } catch (Exception e) {
                throw new OperationException(null, "data channel '" + label + "' could not send: " + e.getMessage());
            }
        }
        if (bufferedAmount() > bufferedAmountLowThreshold && !aboveThreshold) {
            aboveThreshold = true;
            schedulePoll();
        }
    }

    private void schedulePoll() {
        poller.schedule(() -> executor.executeIfOpen(this::checkBufferedAmountLow),
                BUFFERED_AMOUNT_POLL.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** Starts closing the channel (W3C {@code close()}); {@link #CLOSE} follows. Idempotent. */
    public void close() {
        synchronized (nativeLock) {
            if (released.get() || readyState == RTCDataChannelState.CLOSED || readyState == RTCDataChannelState.CLOSING) {
                return;
            }
            channel.close();
        }
        executor.executeIfOpen(this::syncState);
    }

    @Override
    public <E extends Event> void addEventListener(EventType<E> type, EventListener<? super E> listener) {
        events.add(type, listener);
    }

    @Override
    public <E extends Event> void removeEventListener(EventType<E> type, EventListener<? super E> listener) {
        events.remove(type, listener);
    }

    /** Frees the native channel; called by the peer connection, holding its native lock, before it closes. */
    void release() {
        if (!released.compareAndSet(false, true)) {
            return;
        }
        channel.release(readyState != RTCDataChannelState.CLOSED);
        advanceTo(RTCDataChannelState.CLOSED);
    }

    private void syncState() {
        RTCDataChannelState state;
        synchronized (nativeLock) {
            if (released.get()) {
                return;
            }
            id = channel.id();
            state = channel.state();
        }
        advanceTo(state);
    }

    /**
     * Moves forward to {@code target}, firing every event on the way, in order; never moves back. A channel
     * that closes without having opened skips {@code open} (W3C: connecting to closing or closed fires
     * {@code closing}/{@code close} only; its listeners must not see an {@code open} they cannot send on).
     */
    private synchronized void advanceTo(RTCDataChannelState target) {
        while (readyState.ordinal() < target.ordinal()) {
            RTCDataChannelState next = RTCDataChannelState.values()[readyState.ordinal() + 1];
            if (next == RTCDataChannelState.OPEN && target != RTCDataChannelState.OPEN) {
                next = RTCDataChannelState.CLOSING;
            }
            readyState = next;
            events.dispatch(new Event(switch (next) {
                case OPEN -> OPEN;
                case CLOSING -> CLOSING;
                case CLOSED -> CLOSE;
                case CONNECTING -> throw new IllegalStateException();
            }, this));
        }
    }

    private void checkBufferedAmountLow() {
        if (released.get() || !aboveThreshold) {
            return;
        }
        if (bufferedAmount() <= bufferedAmountLowThreshold) {
            aboveThreshold = false;
            events.dispatch(new Event(BUFFERED_AMOUNT_LOW, this));
        } else if (readyState == RTCDataChannelState.OPEN) {
            schedulePoll();
        }
    }

    @Override
    public String toString() {
        return "RTCDataChannel[label=" + label + ", id=" + id + ", " + readyState.token() + "]";
    }

    /** Runs on libwebrtc threads: hops to the connection's executor. */
    private final class Observer implements NativeDataChannel.Listener {
        @Override
        public void bufferedAmountChanged() {
            executor.executeIfOpen(RTCDataChannel.this::checkBufferedAmountLow);
        }

        @Override
        public void stateChanged() {
            executor.executeIfOpen(RTCDataChannel.this::syncState);
        }

        @Override
        public void message(byte[] bytes, boolean binary) {
            // Through the executor, so a message never overtakes the open event it follows.
            executor.executeIfOpen(() -> events.dispatch(new MessageEvent(MESSAGE, RTCDataChannel.this, bytes, binary)));
        }
    }
}
