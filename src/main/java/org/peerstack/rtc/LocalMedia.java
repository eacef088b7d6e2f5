package org.peerstack.rtc;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.peerstack.exc.InvalidAccessException;
import org.peerstack.internal.rtc.LocalTrackFeed;
import org.peerstack.internal.rtc.NativeDataChannel;
import org.peerstack.internal.rtc.NativePeer;
import org.peerstack.internal.rtc.NativeSender;
import org.peerstack.internal.rtc.NativeTransceiver;
import org.peerstack.media.MediaStream;
import org.peerstack.media.MediaStreamTrack;

/**
 * What a connection sends, and the registry of its senders and data channels: the bodies of addTrack,
 * removeTrack, addTransceiver and createDataChannel. Each holds the connection's native lock for its
 * native calls and refuses to run once it is closed.
 */
final class LocalMedia {

    private final RTCPeerConnection connection;
    private final List<RTCRtpSender> senders = new CopyOnWriteArrayList<>();
    private final List<RTCDataChannel> channels = new CopyOnWriteArrayList<>();

    LocalMedia(RTCPeerConnection connection) {
        this.connection = connection;
    }

    private NativePeer peer() {
        return connection.peer;
    }

    List<RTCRtpSender> senders() {
        return List.copyOf(senders);
    }

    RTCRtpSender addTrack(MediaStreamTrack track, MediaStream... streams) {
        Objects.requireNonNull(track, "track");
        for (RTCRtpSender sender : senders) {
            if (sender.track() == track) {
                throw new InvalidAccessException("track " + track.id() + " already has a sender on this connection");
            }
        }
        List<String> streamIds = streamIds(streams);
        synchronized (peer().lock()) {
            peer().checkOpen("addTrack");
            LocalTrackFeed feed = peer().newFeed(track);
            NativeSender nativeSender = peer().addTrack(feed, streamIds);
            // libwebrtc reuses a transceiver that has no track yet (e.g. one a remote offer created): its
            // wrapper already has a sender, which must become this track's sender, not a second one.
            RTCRtpSender reused = connection.remote.wrappedSenderSending(feed.nativeTrackId());
            if (reused != null && reused.adoptFeed(feed)) {
                return reused;
            }
            RTCRtpSender sender = register(nativeSender, feed);
            connection.remote.adoptTransceivers();
            return sender;
        }
    }

    void removeTrack(RTCRtpSender sender) {
        Objects.requireNonNull(sender, "sender");
        synchronized (peer().lock()) {
            peer().checkOpen("removeTrack");
            if (!senders.contains(sender)) {
                throw new InvalidAccessException("sender does not belong to this connection");
            }
            LocalTrackFeed feed = sender.takeFeed();
            if (feed == null) {
                return;
            }
            feed.detach();
            peer().removeTrack(sender.nativeSender());
            feed.dispose();
        }
    }

    RTCRtpTransceiver addTransceiver(MediaStreamTrack track, RTCRtpTransceiverDirection direction, MediaStream... streams) {
        Objects.requireNonNull(track, "track");
        Objects.requireNonNull(direction, "direction");
        synchronized (peer().lock()) {
            peer().checkOpen("addTransceiver");
            LocalTrackFeed feed = peer().newFeed(track);
            NativeTransceiver nativeTransceiver = peer().addTransceiver(feed, direction, streamIds(streams));
            RTCRtpSender sender = register(nativeTransceiver.sender(), feed);
            connection.remote.adoptTransceivers();
            return connection.remote.transceiverOf(sender);
        }
    }

    RTCRtpTransceiver addTransceiver(MediaStreamTrack track, RTCRtpTransceiverInit init) {
        Objects.requireNonNull(track, "track");
        Objects.requireNonNull(init, "init");
        synchronized (peer().lock()) {
            peer().checkOpen("addTransceiver");
            LocalTrackFeed feed = peer().newFeed(track);
            NativeTransceiver nativeTransceiver = peer().addTransceiver(feed, init.direction(),
                    streamIds(init.streams().toArray(new MediaStream[0])), init.sendEncodings());
            RTCRtpSender sender = register(nativeTransceiver.sender(), feed);
            connection.remote.adoptTransceivers();
            return connection.remote.transceiverOf(sender);
        }
    }

    RTCRtpTransceiver addTransceiver(org.peerstack.media.MediaKind kind, RTCRtpTransceiverDirection direction, MediaStream... streams) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(direction, "direction");
        synchronized (peer().lock()) {
            peer().checkOpen("addTransceiver");
            NativeTransceiver nativeTransceiver = peer().addTransceiver(kind, direction, streamIds(streams));
            RTCRtpSender sender = register(nativeTransceiver.sender(), null);
            connection.remote.adoptTransceivers(nativeTransceiver, sender);
            return connection.remote.transceiverOf(sender);
        }
    }

    RTCDataChannel createDataChannel(String label, RTCDataChannelInit init) {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(init, "init");
        if (label.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > RTCDataChannelInit.MAX_PROTOCOL_BYTES) {
            throw new org.peerstack.exc.TypeException("label is longer than " + RTCDataChannelInit.MAX_PROTOCOL_BYTES + " bytes");
        }
        synchronized (peer().lock()) {
            peer().checkOpen("createDataChannel");
            NativeDataChannel nativeChannel = peer().createDataChannel(label, init);
            if (nativeChannel == null) {
                throw new org.peerstack.exc.OperationException(null, "libwebrtc refused data channel '" + label + "' " + init);
            }
            RTCDataChannel channel = new RTCDataChannel(nativeChannel, peer().executor(), init, peer().lock(), connection.engine.options());
            channels.add(channel);
            return channel;
        }
    }

    /** Wraps a channel the remote peer opened (on the executor, with the native lock). */
    RTCDataChannel adoptRemoteChannel(NativeDataChannel nativeChannel) {
        RTCDataChannel channel = new RTCDataChannel(nativeChannel, peer().executor(), null, peer().lock(), connection.engine.options());
        channels.add(channel);
        return channel;
    }

    /** A new sender wrapper for {@code nativeSender}, registered with this connection. */
    RTCRtpSender register(NativeSender nativeSender, LocalTrackFeed feed) {
        RTCRtpSender sender = new RTCRtpSender(connection, nativeSender, feed);
        senders.add(sender);
        return sender;
    }

    /** The sender whose feed's native track is {@code nativeTrackId}, or null. */
    RTCRtpSender senderFeeding(String nativeTrackId) {
        for (RTCRtpSender sender : senders) {
            LocalTrackFeed feed = sender.feed();
            if (feed != null && feed.nativeTrackId().equals(nativeTrackId)) {
                return sender;
            }
        }
        return null;
    }

    /**
     * Part of close(), under the native lock: releases the data channels, then takes every sender's feed
     * off its native sender. Returns the feeds, to be disposed after the native connection closed.
     */
    List<LocalTrackFeed> release() {
        for (RTCDataChannel channel : channels) {
            channel.release();
        }
        channels.clear();
        List<LocalTrackFeed> feeds = new ArrayList<>();
        for (RTCRtpSender sender : senders) {
            LocalTrackFeed feed = sender.takeFeed();
            if (feed != null) {
                feed.detach();
                if (!sender.isRemoved()) { // a removed transceiver's native sender may be freed: not touched
                    peer().removeTrack(sender.nativeSender());
                }
                feeds.add(feed);
            }
        }
        return feeds;
    }

    private static List<String> streamIds(MediaStream[] streams) {
        List<String> ids = new ArrayList<>();
        for (MediaStream stream : streams) {
            ids.add(stream.id());
        }
        return ids;
    }
}
