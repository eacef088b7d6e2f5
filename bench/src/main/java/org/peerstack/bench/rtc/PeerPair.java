package org.peerstack.bench.rtc;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.peerstack.media.MediaStream;
import org.peerstack.rtc.RTCConfiguration;
import org.peerstack.rtc.RTCDataChannelInit;
import org.peerstack.rtc.RTCPeerConnection;
import org.peerstack.rtc.RTCPeerConnectionState;
import org.peerstack.rtc.RTCTrackEvent;
import org.peerstack.rtc.WebRtcEngine;

/**
 * Two peerstack connections in one process, A sending the given stream's tracks and a data channel to B,
 * with candidates trickled in memory: the peerstack counterpart of {@code RawLoopbackCall}.
 */
public final class PeerPair implements AutoCloseable {

    public final RTCPeerConnection a;
    public final RTCPeerConnection b;
    public final CompletableFuture<RTCTrackEvent> firstTrackAtB = new CompletableFuture<>();

    public PeerPair(WebRtcEngine engine, MediaStream send) {
        a = engine.createPeerConnection(RTCConfiguration.from(engine.config()));
        b = engine.createPeerConnection(RTCConfiguration.from(engine.config()));
        a.addEventListener(RTCPeerConnection.ICE_CANDIDATE, e -> e.candidate().ifPresent(b::addIceCandidate));
        b.addEventListener(RTCPeerConnection.ICE_CANDIDATE, e -> e.candidate().ifPresent(a::addIceCandidate));
        b.addEventListener(RTCPeerConnection.TRACK, firstTrackAtB::complete);
        if (send != null) {
            send.getTracks().forEach(t -> a.addTrack(t, send));
        }
        a.createDataChannel("bench", RTCDataChannelInit.defaults());
    }

    /**
     * createOffer -> both connected, as in the raw baseline: the end is stamped where the application
     * first sees {@code connected} (the {@code connectionstatechange} listener, as raw stamps it in its
     * observer callback), not when the calling thread wakes up afterwards.
     */
    public Duration connect() throws Exception {
        CompletableFuture<Long> connectedA = state(a);
        CompletableFuture<Long> connectedB = state(b);
        long start = System.nanoTime();
        a.createOffer()
                .thenCompose(offer -> a.setLocalDescription(offer).thenApply(v -> offer))
                .thenCompose(b::setRemoteDescription)
                .thenCompose(v -> b.createAnswer())
                .thenCompose(answer -> b.setLocalDescription(answer).thenApply(v -> answer))
                .thenCompose(a::setRemoteDescription)
                .get(30, TimeUnit.SECONDS);
        long end = Math.max(connectedA.get(30, TimeUnit.SECONDS), connectedB.get(30, TimeUnit.SECONDS));
        return Duration.ofNanos(end - start);
    }

    /** Completes with the time the listener saw {@code connected}. */
    private static CompletableFuture<Long> state(RTCPeerConnection pc) {
        CompletableFuture<Long> reached = new CompletableFuture<>();
        pc.addEventListener(RTCPeerConnection.CONNECTION_STATE_CHANGE, e -> {
            if (pc.connectionState() == RTCPeerConnectionState.CONNECTED) {
                reached.complete(System.nanoTime());
            }
        });
        return reached;
    }

    @Override
    public void close() {
        a.close();
        b.close();
    }
}
