package org.peerstack.signaling.server;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.peerstack.exc.ErrorCode;

/**
 * All rooms, thread-safe. Joining and leaving run in {@link ConcurrentHashMap#compute}, atomic per
 * room name, so a room is created by its first member and removed with its last one, never while
 * another member is joining it. {@code max-rooms} is exact (an atomic count, checked on creation).
 */
final class RoomRegistry {

    /** The result of {@link #join}: the room joined with the members before the joiner, or an error. */
    record JoinResult(Room room, Member[] others, ErrorCode error) {
    }

    private final ConcurrentHashMap<String, Room> rooms = new ConcurrentHashMap<>();
    private final AtomicInteger roomCount = new AtomicInteger();
    private final int maxRooms;
    private final int maxMembersPerRoom;

    RoomRegistry(int maxRooms, int maxMembersPerRoom) {
        this.maxRooms = maxRooms;
        this.maxMembersPerRoom = maxMembersPerRoom;
    }

    JoinResult join(String roomName, Member member) {
        JoinResult[] result = new JoinResult[1];
        rooms.compute(roomName, (name, room) -> {
            if (room == null) {
                if (roomCount.incrementAndGet() > maxRooms) {
                    roomCount.decrementAndGet();
                    result[0] = new JoinResult(null, null, ErrorCode.TOO_MANY_ROOMS);
                    return null;
                }
                room = new Room(name);
            }
            if (room.size() >= maxMembersPerRoom) {
                result[0] = new JoinResult(null, null, ErrorCode.ROOM_FULL);
                return room;
            }
            Member[] others = room.members();
            room.add(member);
            result[0] = new JoinResult(room, others, null);
            return room;
        });
        return result[0];
    }

    /** Removes {@code member}; returns the members that remain (empty when the room is gone). */
    Member[] leave(Room room, Member member) {
        Member[][] remaining = {new Member[0]};
        rooms.computeIfPresent(room.name(), (name, current) -> {
            if (current != room) {
                return current;
            }
            current.remove(member);
            if (current.size() == 0) {
                roomCount.decrementAndGet();
                return null;
            }
            remaining[0] = current.members();
            return current;
        });
        return remaining[0];
    }

    int roomCount() {
        return roomCount.get();
    }

    /** The room named {@code name}, or null (for tests and metrics). */
    Room room(String name) {
        return rooms.get(name);
    }
}
