package org.peerstack.signaling.server;

import java.util.ArrayList;
import java.util.List;

/**
 * The members of one room. Membership changes only inside {@link RoomRegistry}'s per-room atomic
 * sections and replaces the member array (copy on write), so lookups and fan-out never lock. In cluster
 * mode the room of a node holds its own members and those on other nodes ({@link Member#isLocal()}).
 */
final class Room {

    private final String name;
    /** An SFU room (docs/signaling-protocol.md, "SFU rooms"): fixed when the room is created. */
    private final boolean sfu;
    private volatile Member[] members = new Member[0];

    /** A mesh room. */
    Room(String name) {
        this(name, false);
    }

    Room(String name, boolean sfu) {
        this.name = name;
        this.sfu = sfu;
    }

    String name() {
        return name;
    }

    /** Whether media goes through the server's SFU in this room. */
    boolean isSfu() {
        return sfu;
    }

    /** The member with {@code id}, or null. */
    Member member(String id) {
        for (Member m : members) {
            if (m.id().equals(id)) {
                return m;
            }
        }
        return null;
    }

    /** A snapshot of the members. */
    Member[] members() {
        return members;
    }

    int size() {
        return members.length;
    }

    /** The members connected to this node. */
    Member[] localMembers() {
        Member[] all = members;
        int local = 0;
        for (Member m : all) {
            if (m.isLocal()) {
                local++;
            }
        }
        if (local == all.length) {
            return all;
        }
        Member[] result = new Member[local];
        int i = 0;
        for (Member m : all) {
            if (m.isLocal()) {
                result[i++] = m;
            }
        }
        return result;
    }

    /** Called by the registry only, inside its atomic section for this room. */
    void add(Member member) {
        Member[] current = members;
        Member[] next = java.util.Arrays.copyOf(current, current.length + 1);
        next[current.length] = member;
        members = next;
    }

    /** Called by the registry only, inside its atomic section for this room; true if it was there. */
    boolean remove(Member member) {
        Member[] current = members;
        List<Member> next = new ArrayList<>(current.length);
        for (Member m : current) {
            if (m != member) {
                next.add(m);
            }
        }
        if (next.size() == current.length) {
            return false;
        }
        members = next.toArray(new Member[0]);
        return true;
    }
}
