package org.peerstack.rtc;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Test helper: one direction of an in-memory signaling channel between two {@link PerfectNegotiation}s,
 * like a WebSocket: messages arrive in the order they were sent, one at a time on one thread, and each is
 * handed over without waiting for the previous one to be applied (as the demo {@code Room} does). It
 * records what its sender sent ({@code "offer@have-local-offer"}: type and the sender's signaling state at
 * that moment), and can hold delivery until {@link #release()} to make two offers cross for certain.
 */
final class SignalingWire implements AutoCloseable {

    private final RTCPeerConnection sender;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "signaling-wire");
        t.setDaemon(true);
        return t;
    });
    private final List<String> sent = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> open = new CompletableFuture<>();
    private volatile PerfectNegotiation receiver;

    /** A wire carrying what {@code sender} sends; it delivers at once unless {@code held}. */
    SignalingWire(RTCPeerConnection sender, boolean held) {
        this.sender = sender;
        if (!held) {
            open.complete(null);
        }
    }

    /** Where the messages go (the other side's negotiation, attached after this wire was made). */
    void to(PerfectNegotiation receiver) {
        this.receiver = receiver;
    }

    /** The {@code sendDescription} callback of the sending side. */
    void description(RTCSessionDescription description) {
        sent.add(description.type().token() + "@" + sender.signalingState().token());
        thread.execute(() -> {
            open.join();
            receiver.onRemoteDescription(description);
        });
    }

    /** The {@code sendCandidate} callback of the sending side. */
    void candidate(RTCIceCandidate candidate) {
        thread.execute(() -> {
            open.join();
            receiver.onRemoteCandidate(candidate);
        });
    }

    /** Delivers what was held, in order, and everything after it at once. */
    void release() {
        open.complete(null);
    }

    /** The descriptions sent so far, in order: type and the sender's signaling state when it sent it. */
    List<String> sent() {
        return List.copyOf(sent);
    }

    /** The types of the descriptions sent so far, in order. */
    List<String> sentTypes() {
        return sent.stream().map(s -> s.substring(0, s.indexOf('@'))).toList();
    }

    @Override
    public void close() throws InterruptedException {
        open.complete(null);
        thread.shutdownNow();
        thread.awaitTermination(5, TimeUnit.SECONDS);
    }
}
