package org.peerstack.signaling.server.cluster;

import java.util.List;

/**
 * What a {@link RedisDirectory} tells the node's rooms. Every method but {@link #localMembers()} is
 * called on the directory's one pub/sub thread, in the order Redis published the events; they must be
 * fast and must not block or throw.
 */
public interface DirectoryListener {

    /**
     * A join of this node's {@code peer} succeeded (or was re-registered); {@code others} were there before
     * it; {@code sfu}: the room is an SFU room (as recorded in Redis; a re-registration after a Redis loss
     * says false, and the node keeps what it knew).
     */
    void welcome(String room, String peer, List<Peer> others, boolean sfu);

    /** {@code peer}, on another node, joined {@code room}. */
    void peerJoined(String room, Peer peer);

    /** {@code peer}, on another node, left {@code room} (or its node died). */
    void peerLeft(String room, String peer);

    /** A message for this node's member {@code to} in {@code room}: {@code length} JSON bytes of {@code batch} from {@code offset}. */
    void relayed(String room, String to, byte[] batch, int offset, int length);

    /** The end of one pub/sub message: what the calls before it sent may be flushed. */
    void flush();

    /**
     * Members on other nodes can no longer be reached (Redis is unreachable, or this node was declared
     * dead): forget them. They come back through {@link #welcome} once the registrations are rebuilt.
     * Called on the directory's own thread.
     */
    void remotesLost();

    /** This node's members, to register again after a Redis restart or loss (called on the directory's thread). */
    List<Registration> localMembers();

    /**
     * A member of this node.
     *
     * @param room room name
     * @param peer peer id
     * @param name display name, or null
     */
    record Registration(String room, String peer, String name) {
    }
}
