package org.peerstack.rtc;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.peerstack.exc.InvalidAccessException;
import org.peerstack.internal.rtc.LocalTrackFeed;
import org.peerstack.media.MediaStream;
import org.peerstack.media.MediaStreamTrack;

/**
 * What a connection sends: the bodies of addTrack, removeTrack, addTransceiver and createDataChannel.
 * Each holds the connection's native lock for its native calls and refuses to run once it is closed.
 */
final class LocalMedia {

    private final RTCPeerConnection connection;

    LocalMedia(RTCPeerConnection connection) {
        this.connection = connection;
    }

    RTCRtpSender addTrack(MediaStreamTrack track, MediaStream... streams) {
        Objects.requireNonNull(track, "track");
        for (RTCRtpSender sender : connection.senders) {
            if (sender.track() == track) {
                throw new InvalidAccessException("track " + track.id() + " already has a sender on this connection");
            }
        }
        List<String> streamIds = new ArrayList<>();
        for (MediaStream stream : streams) {
            streamIds.add(stream.id());
        }
        synchronized (connection.nativeLock) {
            connection.checkOpen("addTrack");
            LocalTrackFeed feed = new LocalTrackFeed(connection.engine.nativeFactory(), track);
            dev.onvoid.webrtc.RTCRtpSender nativeSender = connection.pc.addTrack(feed.nativeTrack(), streamIds);
            // libwebrtc reuses a transceiver that has no track yet (e.g. one a remote offer created): its
            // wrapper already has a sender, which must become this track's sender, not a second one.
            RTCRtpSender reused = connection.remote.wrappedSenderSending(feed.nativeTrack().getId());
            if (reused != null && reused.adoptFeed(feed)) {
                return reused;
            }
            RTCRtpSender sender = new RTCRtpSender(connection, nativeSender, feed);
            connection.senders.add(sender);
            connection.remote.adoptTransceivers();
            return sender;
        }
    }

    void removeTrack(RTCRtpSender sender) {
        Objects.requireNonNull(sender, "sender");
        synchronized (connection.nativeLock) {
            connection.checkOpen("removeTrack");
            if (!connection.senders.contains(sender)) {
                throw new InvalidAccessException("sender does not belong to this connection");
            }
            LocalTrackFeed feed = sender.takeFeed();
            if (feed == null) {
                return;
            }
            feed.detach();
            connection.pc.removeTrack(sender.nativeSender());
            feed.dispose();
        }
    }

    RTCRtpTransceiver addTransceiver(MediaStreamTrack track, RTCRtpTransceiverDirection direction, MediaStream... streams) {
        Objects.requireNonNull(track, "track");
        Objects.requireNonNull(direction, "direction");
        synchronized (connection.nativeLock) {
            connection.checkOpen("addTransceiver");
            LocalTrackFeed feed = new LocalTrackFeed(connection.engine.nativeFactory(), track);
            dev.onvoid.webrtc.RTCRtpTransceiverInit init = init(direction, streams);
            dev.onvoid.webrtc.RTCRtpTransceiver nativeTransceiver = connection.pc.addTransceiver(feed.nativeTrack(), init);
            RTCRtpSender sender = new RTCRtpSender(connection, nativeTransceiver.getSender(), feed);
            connection.senders.add(sender);
            connection.remote.adoptTransceivers();
            return connection.remote.transceiverOf(sender);
        }
    }

    RTCRtpTransceiver addTransceiver(org.peerstack.media.MediaKind kind, RTCRtpTransceiverDirection direction, MediaStream... streams) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(direction, "direction");
        synchronized (connection.nativeLock) {
            connection.checkOpen("addTransceiver");
            // webrtc-java 0.14.0 only adds transceivers for a track: add one with a placeholder track, then
            // detach it from the sender and free it.
            LocalTrackFeed placeholder = LocalTrackFeed.placeholder(connection.engine.nativeFactory(), kind);
            dev.onvoid.webrtc.RTCRtpTransceiverInit init = init(direction, streams);
            dev.onvoid.webrtc.RTCRtpTransceiver nativeTransceiver = connection.pc.addTransceiver(placeholder.nativeTrack(), init);
            nativeTransceiver.getSender().replaceTrack(null);
            placeholder.dispose();
            RTCRtpSender sender = new RTCRtpSender(connection, nativeTransceiver.getSender(), null);
            connection.senders.add(sender);
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
        dev.onvoid.webrtc.RTCDataChannelInit n = new dev.onvoid.webrtc.RTCDataChannelInit();
        n.ordered = init.ordered();
        n.maxPacketLifeTime = init.maxPacketLifeTime() == null ? -1 : init.maxPacketLifeTime();
        n.maxRetransmits = init.maxRetransmits() == null ? -1 : init.maxRetransmits();
        n.protocol = init.protocol();
        n.negotiated = init.negotiated();
        n.id = init.id() == null ? -1 : init.id();
        synchronized (connection.nativeLock) {
            connection.checkOpen("createDataChannel");
            dev.onvoid.webrtc.RTCDataChannel nativeChannel = connection.pc.createDataChannel(label, n);
            if (nativeChannel == null) {
                throw new org.peerstack.exc.OperationException(null, "libwebrtc refused data channel '" + label + "' " + init);
            }
            RTCDataChannel channel = new RTCDataChannel(nativeChannel, connection.executor, init, connection.nativeLock);
            connection.channels.add(channel);
            return channel;
        }
    }

    private static dev.onvoid.webrtc.RTCRtpTransceiverInit init(RTCRtpTransceiverDirection direction, MediaStream[] streams) {
        dev.onvoid.webrtc.RTCRtpTransceiverInit init = new dev.onvoid.webrtc.RTCRtpTransceiverInit();
        init.direction = Directions.toNative(direction);
        init.streamIds = new ArrayList<>();
        for (MediaStream stream : streams) {
            init.streamIds.add(stream.id());
        }
        return init;
    }
}
