package org.peerstack.rtc;

import java.util.concurrent.CompletableFuture;
import org.peerstack.internal.rtc.OperationsChain;

/** getStats for a connection, a sender or a receiver; completes on a callback thread. */
final class Stats {

    private Stats() {
    }

    static CompletableFuture<RTCStatsReport> collect(RTCPeerConnection connection, Object selector) {
        CompletableFuture<RTCStatsReport> result = new CompletableFuture<>();
        try {
            synchronized (connection.nativeLock) {
                connection.checkOpen("getStats");
                dev.onvoid.webrtc.RTCStatsCollectorCallback callback = report -> {
                    RTCStatsReport converted = RTCStatsReport.fromNative(report);
                    OperationsChain.callbacks().execute(() -> result.complete(converted));
                };
                if (selector instanceof RTCRtpSender sender) {
                    connection.pc.getStats(sender.nativeSender(), callback);
                } else if (selector instanceof RTCRtpReceiver receiver) {
                    connection.pc.getStats(receiver.nativeReceiver(), callback);
                } else {
                    connection.pc.getStats(callback);
                }
            }
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        }
        return result;
    }
}
