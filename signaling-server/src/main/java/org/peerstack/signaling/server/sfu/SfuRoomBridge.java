package org.peerstack.signaling.server.sfu;

import java.util.ArrayList;
import java.util.List;
import org.peerstack.sfu.SfuRoom;

/**
 * One SFU room as the signaling server sees it: its {@link SfuRoom} and its members (the SFU itself
 * knows which member publishes which MediaStream: the {@code streams} map of its offers). Closes the
 * SFU room with its last member. Bridge thread only (see {@link SfuRooms}).
 */
final class SfuRoomBridge {

    private final SfuRooms rooms;
    private final Object key;
    private final String name;
    private final SfuRoom room;
    private final List<SfuRoomMember> members = new ArrayList<>();
    private boolean closed;

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
        room.close();
        rooms.metrics().roomClosed(name, room);
    }

    @Override
    public String toString() {
        return "SfuRoomBridge[" + name + ", members=" + members.size() + "]";
    }
}
