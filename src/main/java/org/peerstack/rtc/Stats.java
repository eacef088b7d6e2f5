package org.peerstack.rtc;

import java.util.concurrent.CompletableFuture;
import org.peerstack.internal.rtc.OperationsChain;

/** getStats for a connection, a sender or a receiver; completes on a callback thread. */
final class Stats {

    private Stats() {
    }

    /** @param selector null, or the native sender or receiver whose statistics are asked for */
    static CompletableFuture<RTCStatsReport> collect(RTCPeerConnection connection, Object selector) {
        CompletableFuture<RTCStatsReport> result = new CompletableFuture<>();
        try {
            connection.withNative("getStats", () -> {
                connection.peer.getStats(selector,
                        report -> OperationsChain.callbacks().execute(() -> result.complete(report)));
                return null;
            });
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        }
        return result;
    }
}
