package org.peerstack.rtc;

import java.util.ArrayList;
import java.util.List;
import org.peerstack.internal.natives.NativeReferences;
import org.peerstack.internal.rtc.LocalTrackFeed;

/**
 * The order in which a connection releases what it owns, the only one libwebrtc 0.14 survives:
 * remote sinks, data channels, senders' tracks, the connection, then native tracks and sources.
 * Runs with the connection's native lock held.
 */
final class Teardown {

    private Teardown() {
    }

    static void run(RTCPeerConnection connection) {
        connection.remote.closeAll();
        for (RTCDataChannel channel : connection.channels) {
            channel.release();
        }
        connection.channels.clear();
        List<LocalTrackFeed> feeds = new ArrayList<>();
        for (RTCRtpSender sender : connection.senders) {
            LocalTrackFeed feed = sender.takeFeed();
            if (feed != null) {
                feed.detach();
                connection.pc.removeTrack(sender.nativeSender());
                feeds.add(feed);
            }
        }
        long handle = NativeReferences.handleOf(connection.pc);
        connection.pc.close();
        NativeReferences.release(handle);
        // A track event handled on the signalling thread while closing may have added a receiver: end it too.
        connection.remote.closeAll();
        feeds.forEach(LocalTrackFeed::dispose);
    }
}
