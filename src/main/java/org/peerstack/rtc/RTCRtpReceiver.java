package org.peerstack.rtc;

import java.util.concurrent.CompletableFuture;
import org.peerstack.internal.rtc.NativeReceiver;
import org.peerstack.internal.rtc.RemoteTrackSource;
import org.peerstack.media.MediaStreamTrack;

/**
 * W3C {@code RTCRtpReceiver}: receives one remote track. {@link #track()} is a normal peerstack
 * {@link MediaStreamTrack} (sinks, clone, recording, sending on to another connection all work); it
 * starts muted and unmutes when media arrives.
 */
public final class RTCRtpReceiver {

    private final RTCPeerConnection connection;
    private final NativeReceiver receiver;
    private final RemoteTrackSource source;

    RTCRtpReceiver(RTCPeerConnection connection, NativeReceiver receiver, RemoteTrackSource source) {
        this.connection = connection;
        this.receiver = receiver;
        this.source = source;
    }

    public MediaStreamTrack track() {
        return source.track();
    }

    /** Statistics of this receiver (inbound-rtp and what it references). */
    public CompletableFuture<RTCStatsReport> getStats() {
        return Stats.collect(connection, receiver);
    }

    RemoteTrackSource source() {
        return source;
    }

    @Override
    public String toString() {
        return "RTCRtpReceiver[" + track().kind() + " " + track().id() + "]";
    }
}
