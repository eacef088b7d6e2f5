package org.peerstack.signaling.server.sfu;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.peerstack.sfu.SfuPublisher;
import org.peerstack.sfu.SfuRoom;
import org.peerstack.sfu.SfuTrack;

/**
 * One SFU room as the signaling server sees it: its {@link SfuRoom}, its members, and which member
 * publishes which MediaStream (the {@code streams} map of the SFU's offers). Closes the SFU room with
 * its last member. Bridge thread only (see {@link SfuRooms}).
 */
final class SfuRoomBridge {

    private final SfuRooms rooms;
    private final Object key;
    private final String name;
    private final SfuRoom room;
    private final List<SfuRoomMember> members = new ArrayList<>();
    /** SFU publisher id -> its member's peer id and tracks, for the live publishers. */
    private final Map<String, Published> publishers = new LinkedHashMap<>();
    private boolean closed;

    private record Published(String peerId, List<SfuTrack> tracks) {
    }

    SfuRoomBridge(SfuRooms rooms, Object key, String name, SfuRoom room) {
        this.rooms = rooms;
        this.key = key;
        this.name = name;
        this.room = room;
        rooms.metrics().roomOpened(name, room);
    }

    Object key() {
        return key;
    }

    String name() {
        return name;
    }

    SfuRoom room() {
        return room;
    }

    SfuRooms rooms() {
        return rooms;
    }

    void add(SfuRoomMember member) {
        members.add(member);
    }

    /** The member left; the last one closes the SFU room. */
    void remove(SfuRoomMember member) {
        members.remove(member);
        if (members.isEmpty()) {
            close();
            rooms.forget(this);
        }
    }

    /** {@code owner}'s publisher is live: the others subscribe to it. */
    void published(SfuRoomMember owner, SfuPublisher publisher) {
        publishers.put(publisher.id(), new Published(owner.peerId(), publisher.tracks()));
        for (SfuRoomMember m : List.copyOf(members)) {
            if (m != owner) {
                m.othersChanged();
            }
        }
    }

    /** {@code owner}'s publisher closed: the others get an offer without its tracks. */
    void unpublished(SfuRoomMember owner, SfuPublisher publisher) {
        if (publishers.remove(publisher.id()) == null) {
            return;
        }
        for (SfuRoomMember m : List.copyOf(members)) {
            if (m != owner) {
                m.othersChanged();
            }
        }
    }

    /** Whether a member other than {@code peerId} publishes now. */
    boolean hasTracksNotOf(String peerId) {
        for (Published p : publishers.values()) {
            if (!p.peerId().equals(peerId) && !p.tracks().isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The {@code streams} member of an offer: for every {@code a=msid:<stream> <track>} of {@code sdp},
     * the peer id of the member publishing that stream (streams no live publisher has are left out).
     */
    Map<String, String> streams(String sdp) {
        Map<String, String> streams = new LinkedHashMap<>();
        for (String line : sdp.split("\r?\n")) {
            if (line.startsWith("a=msid:")) {
                int space = line.indexOf(' ');
                String stream = line.substring("a=msid:".length(), space < 0 ? line.length() : space);
                String owner = ownerOf(stream);
                if (owner != null) {
                    streams.put(stream, owner);
                }
            }
        }
        return streams;
    }

    private String ownerOf(String streamId) {
        String owner = null;
        for (Published p : publishers.values()) {
            for (SfuTrack t : p.tracks()) {
                if (t.streamId().equals(streamId)) {
                    owner = p.peerId(); // the latest publisher wins if two members use one stream id
                }
            }
        }
        return owner;
    }

    /** Closes the SFU room (every publisher and subscriber in it). Idempotent. */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (SfuRoomMember m : List.copyOf(members)) {
            m.roomClosed();
        }
        members.clear();
        publishers.clear();
        room.close();
        rooms.metrics().roomClosed(name, room);
    }

    @Override
    public String toString() {
        return "SfuRoomBridge[" + name + ", members=" + members.size() + ", publishers=" + publishers.size() + "]";
    }
}
