package org.peerstack.rtc;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.peerstack.internal.rtc.LocalTrackFeed;
import org.peerstack.internal.rtc.NativeSender;
import org.peerstack.media.MediaStreamTrack;

/**
 * W3C {@code RTCRtpSender}: sends one track to the remote peer. The peerstack track's frames are fed to
 * libwebrtc through a native custom source owned by this sender (released when the track is removed or
 * the connection closes). Any track works: a local capture, a canvas, a file, or a remote track of
 * another connection (a relay).
 */
public final class RTCRtpSender {

    private final RTCPeerConnection connection;
    private final NativeSender sender;
    private volatile LocalTrackFeed feed;
    /** Its transceiver was stopped and removed by negotiation: the native sender may be freed. */
    private volatile boolean removed;

    RTCRtpSender(RTCPeerConnection connection, NativeSender sender, LocalTrackFeed feed) {
        this.connection = connection;
        this.sender = sender;
        this.feed = feed;
    }

    /** The track being sent, or null after {@code removeTrack}. */
    public MediaStreamTrack track() {
        LocalTrackFeed current = feed;
        return current == null ? null : current.track();
    }

    /**
     * Sends {@code track} instead of the current one, without renegotiation (W3C {@code replaceTrack});
     * null stops sending media while keeping the transceiver.
     */
    public CompletableFuture<Void> replaceTrack(MediaStreamTrack track) {
        checkNotRemoved("replaceTrack");
        return connection.onExecutor(() -> {
            LocalTrackFeed next = track == null ? null : connection.peer.newFeed(track);
            LocalTrackFeed previous = feed;
            if (previous != null) {
                previous.detach();
            }
            try {
                sender.replaceTrack(next);
            } catch (RuntimeException e) {
                if (next != null) {
                    next.dispose();
                }
                throw new org.peerstack.exc.InvalidModificationException("replaceTrack failed: " + e.getMessage());
            }
            feed = next;
            if (previous != null) {
                previous.dispose();
            }
            return null;
        });
    }

    /** Statistics of this sender (outbound-rtp and what it references). */
    public CompletableFuture<RTCStatsReport> getStats() {
        return Stats.collect(connection, sender);
    }

    /** The encoding parameters (maxBitrate, maxFramerate, scaleResolutionDownBy, active). */
    public RTCRtpSendParameters getParameters() {
        checkNotRemoved("getParameters");
        return connection.peer.withLock("getParameters", sender::getParameters);
    }

    /** Applies encoding parameters read by {@link #getParameters()} and changed. */
    public CompletableFuture<Void> setParameters(RTCRtpSendParameters parameters) {
        checkNotRemoved("setParameters");
        return connection.onExecutor(() -> {
            sender.setParameters(parameters);
            return null;
        });
    }

    /** The stream ids the remote side will see this track in. */
    public void setStreams(List<String> streamIds) {
        checkNotRemoved("setStreams");
        List<String> ids = List.copyOf(streamIds);
        connection.peer.withLock("setStreams", () -> {
            sender.setStreams(ids);
            return null;
        });
    }

    /** Marks the sender of a transceiver that negotiation stopped and removed. */
    void markRemoved() {
        removed = true;
    }

    boolean isRemoved() {
        return removed;
    }

    private void checkNotRemoved(String operation) {
        if (removed) {
            throw new org.peerstack.exc.InvalidStateException(operation + ": the sender's transceiver is stopped");
        }
    }

    NativeSender nativeSender() {
        return sender;
    }

    LocalTrackFeed feed() {
        return feed;
    }

    /**
     * Gives a sender without a track the feed that libwebrtc's addTrack just attached to its native
     * sender (addTrack reused this sender's transceiver); false if this sender already has a track.
     * Called by addTrack under the connection's native lock.
     */
    boolean adoptFeed(LocalTrackFeed next) {
        if (feed != null) {
            return false;
        }
        feed = next;
        return true;
    }

    /** Detaches the feed (removeTrack); the caller disposes it after the native sender let go. */
    LocalTrackFeed takeFeed() {
        LocalTrackFeed current = feed;
        feed = null;
        return current;
    }

    @Override
    public String toString() {
        MediaStreamTrack track = track();
        return "RTCRtpSender[" + (track == null ? "no track" : track.kind() + " " + track.id()) + "]";
    }
}
