package org.peerstack.signaling.server;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.peerstack.exc.ErrorCode;

/**
 * All rooms of a single node (the default, {@code cluster.enabled: false}), thread-safe. Joining and
 * leaving run in {@link ConcurrentHashMap#compute}, atomic per room name, so a room is created by its
 * first member and removed with its last one, never while another member is joining it.
 * {@code max-rooms} is exact (an atomic count, checked on creation). Joins complete at once.
 *
 * <p>{@link ClusterRoomRegistry} overrides every method to share rooms with other nodes through Redis.
 */
class RoomRegistry implements AutoCloseable {

    /**
     * The result of {@link #join}: the room joined, the member as registered (its id may differ from the
     * one asked for in cluster mode, where ids are unique cluster-wide) and the members before it; or an
     * error, with a reason for the client when the caller has none of its own.
     */
    record JoinResult(Room room, Member member, Member[] others, ErrorCode error, String reason) {

        static JoinResult refused(ErrorCode error, String reason) {
            return new JoinResult(null, null, null, error, reason);
        }
    }

    /**
     * The result of {@link #leave}: the members of this node that remain in the room (empty when the room
     * is gone from this node), and {@code recorded}, which completes once the leave holds wherever the
     * room's limits are counted: at once on one node; in cluster mode when Redis has run the leave, or
     * exceptionally when Redis did not confirm it (any thread). The member is out of the room on this
     * node either way, from the moment {@link #leave} returns.
     */
    record Departure(Member[] remaining, CompletableFuture<Void> recorded) {
    }

    /** The {@code recorded} of a departure that needs no one else's confirmation. */
    static final CompletableFuture<Void> RECORDED = CompletableFuture.completedFuture(null);

    private final ConcurrentHashMap<String, Room> rooms = new ConcurrentHashMap<>();
    private final AtomicInteger roomCount = new AtomicInteger();
    private final int maxRooms;
    private final int maxMembersPerRoom;
    private final int maxSfuMembersPerRoom;

    RoomRegistry(int maxRooms, int maxMembersPerRoom) {
        this(maxRooms, maxMembersPerRoom, maxMembersPerRoom);
    }

    /** {@code maxSfuMembersPerRoom}: the member limit of SFU rooms ({@code sfu.max-members-per-room}). */
    RoomRegistry(int maxRooms, int maxMembersPerRoom, int maxSfuMembersPerRoom) {
        this.maxRooms = maxRooms;
        this.maxMembersPerRoom = maxMembersPerRoom;
        this.maxSfuMembersPerRoom = maxSfuMembersPerRoom;
    }

    /** Adds {@code member} to the room named {@code roomName}. The future never fails: errors are results. */
    CompletableFuture<JoinResult> join(String roomName, Member member) {
        return joinHere(roomName, member, false, false);
    }

    /**
     * As {@link #join(String, Member)} where SFU rooms exist (one node only): a room this join creates is an
     * SFU room if {@code sfuIfNew}; {@code sfuRequired} (the join said {@code "sfu": true}) refuses an
     * existing mesh room with {@link ErrorCode#ROOM_MODE}. An SFU room's limit is its own.
     */
    CompletableFuture<JoinResult> join(String roomName, Member member, boolean sfuIfNew, boolean sfuRequired) {
        if (!sfuIfNew && !sfuRequired) {
            return join(roomName, member); // as before (a cluster's registry overrides it)
        }
        return joinHere(roomName, member, sfuIfNew, sfuRequired);
    }

    private CompletableFuture<JoinResult> joinHere(String roomName, Member member, boolean sfuIfNew, boolean sfuRequired) {
        JoinResult[] result = new JoinResult[1];
        rooms.compute(roomName, (name, room) -> {
            if (room == null) {
                if (roomCount.incrementAndGet() > maxRooms) {
                    roomCount.decrementAndGet();
                    result[0] = JoinResult.refused(ErrorCode.TOO_MANY_ROOMS, null);
                    return null;
                }
                room = new Room(name, sfuIfNew || sfuRequired);
            } else if (sfuRequired && !room.isSfu()) {
                result[0] = JoinResult.refused(ErrorCode.ROOM_MODE, "room '" + name
                        + "' is a mesh room; join it without \"sfu\": true, or use another room");
                return room;
            }
            int limit = room.isSfu() ? maxSfuMembersPerRoom : maxMembersPerRoom;
            if (room.size() >= limit) {
                result[0] = JoinResult.refused(ErrorCode.ROOM_FULL, room.isSfu() ? "SFU room '" + name + "' has "
                        + limit + " members already" : null);
                return room;
            }
            Member[] others = room.members();
            room.add(member);
            result[0] = new JoinResult(room, member, others, null, null);
            return room;
        });
        return CompletableFuture.completedFuture(result[0]);
    }

    /** Removes {@code member} (at once); on one node the leave is {@link Departure#recorded() recorded} at once too. */
    Departure leave(Room room, Member member) {
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
        return new Departure(remaining[0], RECORDED);
    }

    /**
     * Sends {@code message} (a text frame, whose reference it takes, or a message record) from a member
     * of {@code room} to {@code target}, a member on another node. Cluster mode only.
     */
    void relayRemote(Room room, Member target, Object message) {
        throw new IllegalStateException("member " + target.id() + " is on another node, but this node is not in a cluster");
    }

    /** Why this node cannot serve everything now (cluster mode without Redis), or null. */
    String degradedReason() {
        return null;
    }

    /** Rooms with at least one member on this node. */
    int roomCount() {
        return roomCount.get();
    }

    /** The room named {@code name}, or null (for tests and metrics). */
    Room room(String name) {
        return rooms.get(name);
    }

    @Override
    public void close() {
    }
}
