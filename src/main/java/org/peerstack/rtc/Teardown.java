package org.peerstack.rtc;

import java.util.List;
import org.peerstack.internal.rtc.LocalTrackFeed;

/**
 * The order in which a connection releases what it owns, the only one libwebrtc 0.14 survives:
 * remote sinks, data channels, senders' tracks, the connection, then native tracks and sources.
 * Runs with the connection's native lock held.
 */
final class Teardown {

    private Teardown() {
    }

    static void run(RTCPeerConnection connection, LocalMedia media) {
        connection.remote.closeAll();
        List<LocalTrackFeed> feeds = media.release();
        connection.peer.closeNative();
        // A track event handled on the signalling thread while closing may have added a receiver: end it too.
        connection.remote.closeAll();
        feeds.forEach(LocalTrackFeed::dispose);
    }
}
