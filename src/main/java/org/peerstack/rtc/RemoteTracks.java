package org.peerstack.rtc;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.peerstack.internal.media.MediaStreamAccess;
import org.peerstack.internal.rtc.RemoteTrackSource;
import org.peerstack.media.MediaStream;

/**
 * The receiving side of one connection: transceiver and receiver wrappers keyed by their native receiver
 * track id, and the non-local {@link MediaStream}s keyed by the remote stream id (one instance per id,
 * for the life of the connection). Runs on the connection's executor with its native lock held, except
 * the read-only accessors.
 */
final class RemoteTracks {

    private final RTCPeerConnection connection;
    private final Map<String, RTCRtpTransceiver> transceivers = new LinkedHashMap<>();
    private final Map<String, MediaStream> streams = new HashMap<>();
    private final Map<String, List<MediaStream>> membership = new HashMap<>();

    RemoteTracks(RTCPeerConnection connection) {
        this.connection = connection;
    }

    /** Wraps native transceivers not seen yet (after addTrack, addTransceiver or a remote description). */
    synchronized void adoptTransceivers() {
        for (dev.onvoid.webrtc.RTCRtpTransceiver t : connection.pc.getTransceivers()) {
            dev.onvoid.webrtc.media.MediaStreamTrack receiverTrack = t.getReceiver().getTrack();
            String key = receiverTrack.getId();
            if (transceivers.containsKey(key)) {
                continue;
            }
            RTCRtpSender sender = findSender(t.getSender());
            RTCRtpReceiver receiver = new RTCRtpReceiver(connection, t.getReceiver(), new RemoteTrackSource(receiverTrack));
            transceivers.put(key, new RTCRtpTransceiver(t, sender, receiver));
        }
    }

    /** Wraps one native transceiver whose sender wrapper is already known (addTransceiver by kind). */
    synchronized void adoptTransceivers(dev.onvoid.webrtc.RTCRtpTransceiver t, RTCRtpSender sender) {
        dev.onvoid.webrtc.media.MediaStreamTrack receiverTrack = t.getReceiver().getTrack();
        RTCRtpReceiver receiver = new RTCRtpReceiver(connection, t.getReceiver(), new RemoteTrackSource(receiverTrack));
        transceivers.put(receiverTrack.getId(), new RTCRtpTransceiver(t, sender, receiver));
    }

    private RTCRtpSender findSender(dev.onvoid.webrtc.RTCRtpSender nativeSender) {
        dev.onvoid.webrtc.media.MediaStreamTrack track = nativeSender.getTrack();
        if (track != null) {
            String id = track.getId();
            for (RTCRtpSender sender : connection.senders) {
                if (sender.feed() != null && sender.feed().nativeTrack().getId().equals(id)) {
                    return sender;
                }
            }
        }
        RTCRtpSender sender = new RTCRtpSender(connection, nativeSender, null);
        connection.senders.add(sender);
        return sender;
    }

    /** A remote track starts arriving: join its streams (firing addtrack) and fire the track event. */
    void onTrack(String trackId, String mid) {
        adoptTransceivers();
        dev.onvoid.webrtc.RTCSessionDescription description = connection.pc.getRemoteDescription();
        List<String> streamIds = Msid.streamIds(description == null ? null : description.sdp, mid);
        RTCRtpTransceiver transceiver;
        List<MediaStream> joined = new ArrayList<>();
        synchronized (this) {
            transceiver = transceivers.get(trackId);
            if (transceiver == null) {
                return;
            }
            for (String id : streamIds) {
                joined.add(streams.computeIfAbsent(id, MediaStreamAccess::remoteStream));
            }
            membership.put(trackId, joined);
        }
        RTCRtpReceiver receiver = transceiver.receiver();
        for (MediaStream stream : joined) {
            MediaStreamAccess.addTrack(stream, receiver.track());
        }
        connection.events.dispatch(new RTCTrackEvent(RTCPeerConnection.TRACK, connection, receiver, joined, transceiver));
    }

    /** The remote side stopped sending a track: leave its streams (firing removetrack) and mute it. */
    void onRemoveTrack(String trackId) {
        RTCRtpTransceiver transceiver;
        List<MediaStream> left;
        synchronized (this) {
            transceiver = transceivers.get(trackId);
            left = membership.remove(trackId);
        }
        if (transceiver == null) {
            return;
        }
        if (left != null) {
            for (MediaStream stream : left) {
                MediaStreamAccess.removeTrack(stream, transceiver.receiver().track());
            }
        }
        transceiver.receiver().source().remoteMuted();
    }

    /** After a remote description: pick up new transceivers and end the tracks of stopped ones. */
    void afterRemoteDescription() {
        adoptTransceivers();
        for (RTCRtpTransceiver transceiver : transceivers()) {
            dev.onvoid.webrtc.RTCRtpTransceiverDirection current = transceiver.nativeTransceiver().getCurrentDirection();
            if (current == dev.onvoid.webrtc.RTCRtpTransceiverDirection.STOPPED) {
                transceiver.receiver().source().detachNative();
                transceiver.receiver().source().remoteEnded();
            }
        }
    }

    synchronized List<RTCRtpTransceiver> transceivers() {
        return List.copyOf(transceivers.values());
    }

    synchronized List<RTCRtpReceiver> receivers() {
        return transceivers.values().stream().map(RTCRtpTransceiver::receiver).toList();
    }

    synchronized RTCRtpTransceiver transceiverOf(RTCRtpSender sender) {
        return transceivers.values().stream().filter(t -> t.sender() == sender).findFirst().orElseThrow();
    }

    /** Stops all native sinks; the remote tracks end (their clones fire ended). Part of close(). */
    void closeAll() {
        for (RTCRtpTransceiver transceiver : transceivers()) {
            RemoteTrackSource source = transceiver.receiver().source();
            source.detachNative();
            transceiver.receiver().track().stop();
            source.remoteEnded();
        }
    }
}
