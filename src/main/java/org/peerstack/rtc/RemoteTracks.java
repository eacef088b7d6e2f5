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
 * for the life of the connection).
 *
 * <p>Locking rule: this object's monitor guards the maps only and is never held across a native call.
 * {@link #onTrack} runs on libwebrtc's signalling thread (inside its callback, where native calls on the
 * connection's objects are direct calls), so holding a monitor there that a user thread holds while it
 * waits for the signalling thread would deadlock.
 */
final class RemoteTracks {

    private final RTCPeerConnection connection;
    private final Map<String, RTCRtpTransceiver> transceivers = new LinkedHashMap<>();
    private final Map<String, MediaStream> streams = new HashMap<>();
    private final Map<String, List<MediaStream>> membership = new HashMap<>();
    private volatile RTCSessionDescription applying;

    RemoteTracks(RTCPeerConnection connection) {
        this.connection = connection;
    }

    /** Wraps native transceivers not seen yet (after addTrack, addTransceiver, or on getTransceivers). */
    void adoptTransceivers() {
        for (dev.onvoid.webrtc.RTCRtpTransceiver t : connection.pc.getTransceivers()) {
            adopt(t, t.getReceiver().getTrack(), null);
        }
    }

    /** Wraps one native transceiver whose sender wrapper is already known (addTransceiver by kind). */
    void adoptTransceivers(dev.onvoid.webrtc.RTCRtpTransceiver t, RTCRtpSender sender) {
        adopt(t, t.getReceiver().getTrack(), sender);
    }

    private RTCRtpTransceiver adopt(dev.onvoid.webrtc.RTCRtpTransceiver t,
                                    dev.onvoid.webrtc.media.MediaStreamTrack receiverTrack, RTCRtpSender knownSender) {
        String key = receiverTrack.getId();
        synchronized (this) {
            RTCRtpTransceiver known = transceivers.get(key);
            if (known != null) {
                return known;
            }
        }
        RTCRtpSender sender = knownSender != null ? knownSender : findSender(t.getSender());
        RemoteTrackSource source = new RemoteTrackSource(receiverTrack);
        RTCRtpTransceiver wrapped = new RTCRtpTransceiver(connection, t, sender, new RTCRtpReceiver(connection, t.getReceiver(), source));
        synchronized (this) {
            RTCRtpTransceiver raced = transceivers.putIfAbsent(key, wrapped);
            if (raced == null) {
                return wrapped;
            }
        }
        source.detachNative();
        source.remoteEnded();
        return transceivers.get(key);
    }

    /**
     * The sender wrapper of an already wrapped transceiver whose native sender now sends the native
     * track {@code nativeTrackId}, or null: libwebrtc's addTrack reuses a transceiver a remote offer
     * created, and the W3C sender of that transceiver must be the one addTrack returns.
     */
    RTCRtpSender wrappedSenderSending(String nativeTrackId) {
        for (dev.onvoid.webrtc.RTCRtpTransceiver t : connection.pc.getTransceivers()) {
            dev.onvoid.webrtc.media.MediaStreamTrack sending = t.getSender().getTrack();
            if (sending != null && sending.getId().equals(nativeTrackId)) {
                RTCRtpTransceiver known;
                synchronized (this) {
                    known = transceivers.get(t.getReceiver().getTrack().getId());
                }
                return known == null ? null : known.sender();
            }
        }
        return null;
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

    /** The remote description being applied (its a=msid lines name the streams of arriving tracks). */
    void applying(RTCSessionDescription description) {
        this.applying = description;
    }

    /**
     * A remote track starts arriving: join its streams (firing addtrack) and fire the track event. Runs on
     * libwebrtc's signalling thread, inside {@code OnTrack}.
     */
    void onTrack(dev.onvoid.webrtc.RTCRtpTransceiver nativeTransceiver,
                 dev.onvoid.webrtc.media.MediaStreamTrack receiverTrack, String mid) {
        RTCSessionDescription description = applying;
        List<String> streamIds = Msid.streamIds(description == null ? null : description.sdp(), mid);
        RTCRtpTransceiver transceiver = adopt(nativeTransceiver, receiverTrack, null);
        List<MediaStream> joined = new ArrayList<>();
        synchronized (this) {
            for (String id : streamIds) {
                joined.add(streams.computeIfAbsent(id, MediaStreamAccess::remoteStream));
            }
            membership.put(receiverTrack.getId(), joined);
        }
        RTCRtpReceiver receiver = transceiver.receiver();
        receiver.source().remoteResumed();
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

    /** After a remote description: end the tracks of transceivers it stopped. */
    void endStoppedTransceivers() {
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

    /** Stops all native sinks; the remote tracks end (their clones fire ended). Part of close(); idempotent. */
    void closeAll() {
        for (RTCRtpTransceiver transceiver : transceivers()) {
            RemoteTrackSource source = transceiver.receiver().source();
            source.detachNative();
            transceiver.receiver().track().stop();
            source.remoteEnded();
        }
    }
}
