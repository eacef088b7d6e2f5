package org.peerstack.rtc;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.peerstack.internal.media.MediaStreamAccess;
import org.peerstack.internal.rtc.NativeSender;
import org.peerstack.internal.rtc.NativeTransceiver;
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
    /** Keys of transceivers stopped by negotiation: never wrapped again (see {@link #endStoppedTransceivers}). */
    private final Set<String> removedKeys = new HashSet<>();
    private final Map<String, MediaStream> streams = new HashMap<>();
    private final Map<String, List<MediaStream>> membership = new HashMap<>();
    private volatile RTCSessionDescription applying;

    RemoteTracks(RTCPeerConnection connection) {
        this.connection = connection;
    }

    /** Wraps native transceivers not seen yet (after addTrack, addTransceiver, or on getTransceivers). */
    void adoptTransceivers() {
        for (NativeTransceiver t : connection.peer.transceivers()) {
            adopt(t, null);
        }
    }

    /** Wraps one native transceiver whose sender wrapper is already known (addTransceiver by kind). */
    void adoptTransceivers(NativeTransceiver t, RTCRtpSender sender) {
        adopt(t, sender);
    }

    private RTCRtpTransceiver adopt(NativeTransceiver t, RTCRtpSender knownSender) {
        String key = t.key();
        synchronized (this) {
            if (removedKeys.contains(key)) {
                return null;
            }
            RTCRtpTransceiver known = transceivers.get(key);
            if (known != null) {
                return known;
            }
        }
        RTCRtpSender sender = knownSender != null ? knownSender : findSender(t.sender());
        RemoteTrackSource source = t.receiver().newSource();
        RTCRtpTransceiver wrapped = new RTCRtpTransceiver(connection, t, sender,
                new RTCRtpReceiver(connection, t.receiver(), source));
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
        for (NativeTransceiver t : connection.peer.transceivers()) {
            String sending = t.sender().sendingTrackId();
            if (sending != null && sending.equals(nativeTrackId)) {
                RTCRtpTransceiver known;
                synchronized (this) {
                    known = transceivers.get(t.key());
                }
                return known == null ? null : known.sender();
            }
        }
        return null;
    }

    private RTCRtpSender findSender(NativeSender nativeSender) {
        String id = nativeSender.sendingTrackId();
        if (id != null) {
            RTCRtpSender sender = connection.media.senderFeeding(id);
            if (sender != null) {
                return sender;
            }
        }
        return connection.media.register(nativeSender, null);
    }

    /** The remote description being applied (its a=msid lines name the streams of arriving tracks). */
    void applying(RTCSessionDescription description) {
        this.applying = description;
    }

    /**
     * A remote track starts arriving: join its streams (firing addtrack) and fire the track event. Runs on
     * libwebrtc's signalling thread, inside {@code OnTrack}.
     */
    void onTrack(NativeTransceiver nativeTransceiver) {
        RTCSessionDescription description = applying;
        List<String> streamIds = Msid.streamIds(description == null ? null : description.sdp(), nativeTransceiver.mid());
        RTCRtpTransceiver transceiver = adopt(nativeTransceiver, null);
        if (transceiver == null) {
            return; // stopped by negotiation already
        }
        List<MediaStream> joined = new ArrayList<>();
        synchronized (this) {
            for (String id : streamIds) {
                joined.add(streams.computeIfAbsent(id, MediaStreamAccess::remoteStream));
            }
            membership.put(nativeTransceiver.key(), joined);
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

    /**
     * After a remote description: end the tracks of transceivers it stopped. libwebrtc frees a stopped
     * transceiver when negotiation removes it (possibly after this runs), and the handles wrapped earlier
     * then dangle: a native read through one crashed the JVM. So only the handles libwebrtc lists now are
     * read, and a transceiver that is stopped or no longer listed is removed, as W3C removes stopped
     * transceivers from the connection's set: marked so that it makes no native call again, dropped from
     * {@link #transceivers()} (never wrapped again), its track ended without touching the native track.
     */
    void endStoppedTransceivers() {
        Map<String, RTCRtpTransceiverDirection> live = new HashMap<>();
        for (NativeTransceiver t : connection.peer.transceivers()) {
            live.put(t.key(), t.currentDirection());
        }
        List<RTCRtpTransceiver> removed = new ArrayList<>();
        synchronized (this) {
            for (var it = transceivers.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<String, RTCRtpTransceiver> entry = it.next();
                if (!live.containsKey(entry.getKey()) || live.get(entry.getKey()) == RTCRtpTransceiverDirection.STOPPED) {
                    entry.getValue().markRemoved();
                    entry.getValue().sender().markRemoved();
                    it.remove();
                    removedKeys.add(entry.getKey());
                    removed.add(entry.getValue());
                }
            }
        }
        for (RTCRtpTransceiver transceiver : removed) {
            transceiver.receiver().source().forgetNative();
            transceiver.receiver().source().remoteEnded();
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
