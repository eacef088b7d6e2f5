package org.peerstack.rtc;

import java.util.concurrent.CompletableFuture;

/** getStats for a connection, a sender or a receiver; completes on a callback thread. */
final class Stats {

    private Stats() {
    }

    /** @param selector null, or the native sender or receiver whose statistics are asked for */
    static CompletableFuture<RTCStatsReport> collect(RTCPeerConnection connection, Object selector) {
        CompletableFuture<RTCStatsReport> result = new CompletableFuture<>();
        try {
            connection.peer.withLock("getStats", () -> {
                connection.peer.getStats(selector,
                        report -> connection.operations.callbacks().execute(() -> result.complete(report)));
                return null;
            });
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        }
        return result;
    }
}
