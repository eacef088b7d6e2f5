package org.peerstack.internal.rtc;

import dev.onvoid.webrtc.RTCDataChannelBuffer;
import dev.onvoid.webrtc.RTCDataChannelObserver;
import java.nio.ByteBuffer;
import org.peerstack.rtc.RTCDataChannelInit;
import org.peerstack.rtc.RTCDataChannelState;

/**
 * The native side of one {@code RTCDataChannel}: webrtc-java's channel and its observer. Native calls
 * are made by the caller holding the connection's native lock. Not public API.
 */
public final class NativeDataChannel {

    /** Callbacks on libwebrtc's threads: copy what is needed and hop to the connection's executor. */
    public interface Listener {
        void bufferedAmountChanged();

        void stateChanged();

        /** {@code data} is a fresh copy owned by the listener. */
        void message(byte[] data, boolean binary);
    }

    private final dev.onvoid.webrtc.RTCDataChannel channel;

    NativeDataChannel(dev.onvoid.webrtc.RTCDataChannel channel) {
        this.channel = channel;
    }

    public String label() {
        return channel.getLabel();
    }

    public int id() {
        return channel.getId();
    }

    public RTCDataChannelState state() {
        return switch (channel.getState()) {
            case CONNECTING -> RTCDataChannelState.CONNECTING;
            case OPEN -> RTCDataChannelState.OPEN;
            case CLOSING -> RTCDataChannelState.CLOSING;
            case CLOSED -> RTCDataChannelState.CLOSED;
        };
    }

    public long bufferedAmount() {
        return channel.getBufferedAmount();
    }

    /** Sends {@code direct} (a direct buffer) as one message. */
    public void send(ByteBuffer direct, boolean binary) throws Exception {
        channel.send(new RTCDataChannelBuffer(direct, binary));
    }

    public void close() {
        channel.close();
    }

    public void observe(Listener listener) {
        channel.registerObserver(new RTCDataChannelObserver() {
            @Override
            public void onBufferedAmountChange(long sentDataSize) {
                listener.bufferedAmountChanged();
            }

            @Override
            public void onStateChange() {
                listener.stateChanged();
            }

            @Override
            public void onMessage(RTCDataChannelBuffer buffer) {
                ByteBuffer data = buffer.data.duplicate();
                byte[] bytes = new byte[data.remaining()];
                data.get(bytes);
                listener.message(bytes, buffer.binary);
            }
        });
    }

    /** Unregisters the observer, closes if {@code close} and frees the native channel. */
    public void release(boolean close) {
        channel.unregisterObserver();
        if (close) {
            channel.close();
        }
        channel.dispose();
    }

    /** Frees a channel nobody will wrap (the connection closed before it was announced). */
    void dispose() {
        channel.dispose();
    }

    /**
     * The parameters of a remotely opened channel. webrtc-java 0.14.0 reports an unset lifetime or
     * retransmit limit as 0, so an unreliable channel whose limits both read 0 is taken to be
     * {@code maxRetransmits: 0}, the common case (a {@code maxPacketLifeTime: 0} channel reads the same).
     */
    public RTCDataChannelInit readBack(int id) {
        Integer lifetime = null;
        Integer retransmits = null;
        if (!channel.isReliable()) {
            int maxLife = channel.getMaxPacketLifeTime();
            int maxRetransmits = channel.getMaxRetransmits();
            if (maxLife > 0) {
                lifetime = maxLife;
            } else {
                retransmits = Math.max(0, maxRetransmits);
            }
        }
        boolean negotiated = channel.isNegotiated();
        return new RTCDataChannelInit(channel.isOrdered(), lifetime, retransmits, channel.getProtocol(), negotiated,
                negotiated ? id : null);
    }
}
