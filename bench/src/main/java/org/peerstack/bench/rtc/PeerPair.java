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

    private final CallTrace trace;

    public PeerPair(WebRtcEngine engine, MediaStream send) {
        this(engine, send, CallTrace.NONE);
    }

    /** As {@link #PeerPair(WebRtcEngine, MediaStream)}; {@link #connect()}'s steps are stamped into {@code trace}. */
    public PeerPair(WebRtcEngine engine, MediaStream send, CallTrace trace) {
        this.trace = trace;
        a = engine.createPeerConnection(RTCConfiguration.from(engine.config()));
        b = engine.createPeerConnection(RTCConfiguration.from(engine.config()));
        if (trace != CallTrace.NONE) {
            traceEvents(a, "caller ");
            traceEvents(b, "callee ");
        }
        a.addEventListener(RTCPeerConnection.ICE_CANDIDATE, e -> e.candidate().ifPresent(c -> {
            b.addIceCandidate(c).thenRun(() -> trace.mark("callee candidate added (first)"));
        }));
        b.addEventListener(RTCPeerConnection.ICE_CANDIDATE, e -> e.candidate().ifPresent(c -> {
            a.addIceCandidate(c).thenRun(() -> trace.mark("caller candidate added (first)"));
        }));
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
        trace.start();
        long start = System.nanoTime();
        a.createOffer()
                .thenApply(offer -> step("caller offer created", offer))
                .thenCompose(offer -> a.setLocalDescription(offer).thenApply(v -> step("caller offer set local", offer)))
                .thenCompose(b::setRemoteDescription)
                .thenApply(v -> step("callee offer applied", v))
                .thenCompose(v -> b.createAnswer())
                .thenApply(answer -> step("callee answer created", answer))
                .thenCompose(answer -> b.setLocalDescription(answer).thenApply(v -> step("callee answer set local", answer)))
                .thenCompose(a::setRemoteDescription)
                .thenApply(v -> step("caller answer applied", v))
                .get(30, TimeUnit.SECONDS);
        long end = Math.max(connectedA.get(30, TimeUnit.SECONDS), connectedB.get(30, TimeUnit.SECONDS));
        return Duration.ofNanos(end - start);
    }

    private <T> T step(String name, T value) {
        trace.mark(name);
        return value;
    }

    private void traceEvents(RTCPeerConnection pc, String role) {
        pc.addEventListener(RTCPeerConnection.SIGNALING_STATE_CHANGE, e -> trace.mark(role + "signaling " + pc.signalingState()));
        pc.addEventListener(RTCPeerConnection.ICE_CANDIDATE, e -> {
            if (e.candidate().isPresent()) {
                trace.mark(role + "icecandidate (first)");
                trace.markLast(role + "icecandidate (last)");
            } else {
                trace.mark(role + "icecandidate (end)");
            }
        });
        pc.addEventListener(RTCPeerConnection.ICE_CONNECTION_STATE_CHANGE, e -> trace.mark(role + "ice " + pc.iceConnectionState()));
        pc.addEventListener(RTCPeerConnection.CONNECTION_STATE_CHANGE, e -> trace.mark(role + "connection " + pc.connectionState()));
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
