package org.peerstack.signaling.server.cluster;

import io.lettuce.core.ScriptOutputType;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's view of the cluster's directory in Redis: the node's rooms ask it to join and remove
 * members (atomic scripts, {@link Script}, sent in order by the {@link Outbox}) and to relay messages to
 * other nodes ({@link RelayBuffers}); it tells them what other nodes do ({@link Inbox}, through the
 * {@link DirectoryListener}). The parts it wires together, one concern each:
 * <ul>
 *   <li>{@link RedisLink}: the connections to Redis;</li>
 *   <li>{@link DirectoryThread}: the one thread that orders heartbeats, rebuilds and scripts;</li>
 *   <li>{@link Heartbeat}: liveness, removing dead nodes' members, rebuilding registrations;</li>
 *   <li>{@link NodeHealth}: healthy or degraded, and the relayed messages lost.</li>
 * </ul>
 *
 * <p>Health: {@link #degradedReason()} is null while Redis answers and this node's registrations are in
 * place (a leave Redis did not confirm means they are not). Otherwise the node is degraded: members on other nodes are forgotten
 * ({@link DirectoryListener#remotesLost()}), joins fail at once, rooms whose members are all on this
 * node keep working, and each heartbeat tries again. One WARN when that starts, one INFO when it ends.
 *
 * <p>Threads: one thread of its own runs the heartbeat, the rebuild and every command (so commands
 * reach Redis in order); Lettuce's threads deliver replies and pub/sub messages.
 */
public final class RedisDirectory implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RedisDirectory.class);
    /** Random bytes in a node id (unit: bytes; 9 bytes = 12 base64url characters). */
    static final int NODE_ID_BYTES = 9;

    private final ClusterSettings settings;
    private final int maxRooms;
    private final int maxMembersPerRoom;
    private final int maxSfuMembersPerRoom;
    private final String node;
    private final DirectoryThread thread = new DirectoryThread();
    private final NodeHealth health;
    private final RedisLink link;
    private final Outbox outbox;
    private final RelayBuffers relays;
    private final Heartbeat heartbeat;

    private RedisDirectory(ClusterSettings settings, int maxRooms, int maxMembersPerRoom, int maxSfuMembersPerRoom,
                           DirectoryListener listener) {
        this.settings = settings;
        this.maxRooms = maxRooms;
        this.maxMembersPerRoom = maxMembersPerRoom;
        this.maxSfuMembersPerRoom = maxSfuMembersPerRoom;
        byte[] id = new byte[NODE_ID_BYTES];
        new SecureRandom().nextBytes(id);
        this.node = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
        this.health = new NodeHealth(thread, listener);
        this.link = new RedisLink(settings, () -> thread.run(() -> health.degrade("lost the connection to Redis")));
        this.outbox = new Outbox(thread.executor(), link::commands, settings.maxQueuedCommands());
        this.relays = new RelayBuffers(link::commands, settings.keyPrefix() + "to:", settings.maxBatchBytes(), health::lost);
        this.heartbeat = new Heartbeat(settings, node, settings.keyPrefix() + "to:" + node, maxRooms, maxMembersPerRoom,
                listener, thread, link, outbox, health);
    }

    /**
     * Starts the directory and waits up to {@code command-timeout-ms} for its first registration; if
     * Redis is unreachable it returns degraded and keeps trying on every heartbeat.
     */
    public static RedisDirectory start(ClusterSettings settings, int maxRooms, int maxMembersPerRoom,
                                       DirectoryListener listener) {
        return start(settings, maxRooms, maxMembersPerRoom, maxMembersPerRoom, listener);
    }

    /** As above, with the member limit of SFU rooms ({@code sfu.max-members-per-room}). */
    public static RedisDirectory start(ClusterSettings settings, int maxRooms, int maxMembersPerRoom, int maxSfuMembersPerRoom,
                                       DirectoryListener listener) {
        RedisDirectory directory = new RedisDirectory(settings, maxRooms, maxMembersPerRoom, maxSfuMembersPerRoom, listener);
        directory.thread.every(directory.heartbeat::tick, settings.heartbeatIntervalMs());
        try {
            directory.heartbeat.firstRegistration().get(settings.commandTimeoutMs() * 2L, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // degraded: logged once by NodeHealth; every heartbeat tries again
        }
        return directory;
    }

    /** This node's id, unique among the live nodes. */
    public String nodeId() {
        return node;
    }

    /** Why this node is degraded, or null when it is fully part of the cluster. */
    public String degradedReason() {
        return health.reason();
    }

    /** Relayed messages to other nodes that could not be sent (Redis unreachable or too slow). */
    public long dropped() {
        return health.dropped();
    }

    /**
     * Registers {@code peer} of this node in {@code room}, atomically within the cluster-wide limits.
     * Completes with "ok" ({@link DirectoryListener#welcome} has run before for this peer) or a
     * refusal: "id-taken", "room-full", "too-many-rooms"; fails when Redis is unreachable.
     */
    public CompletableFuture<String> join(String room, String peer, String name) {
        return join(room, peer, name, "");
    }

    /**
     * As {@link #join(String, String, String)} with the room mode wanted: "" a mesh room if new, "s" an
     * SFU room if new, "S" an SFU room (refused with "room-mode" when the room is a mesh room). The
     * mode is fixed by the join that creates the room, cluster-wide.
     */
    public CompletableFuture<String> join(String room, String peer, String name, String mode) {
        String reason = health.reason();
        if (reason != null) {
            return CompletableFuture.failedFuture(new IllegalStateException(reason));
        }
        CompletableFuture<Object> reply = new CompletableFuture<>();
        outbox.call(new Outbox.Call(Script.JOIN, ScriptOutputType.VALUE, Outbox.args(settings.keyPrefix(), room, peer,
                node, name == null ? "" : name, Integer.toString(maxMembersPerRoom), Integer.toString(maxRooms), "0", mode,
                Integer.toString(maxSfuMembersPerRoom)), reply));
        return reply.thenApply(value -> new String((byte[]) value, StandardCharsets.UTF_8));
    }

    /**
     * Removes {@code peer} of this node from {@code room}, after the messages it sent before: call it on
     * the thread that relayed them (the member's event loop). Queued even while degraded, so that it
     * runs after a rebuild that may have registered the member again.
     *
     * <p>Completes (on a Lettuce thread; at once when it cannot even be queued) once Redis has run the
     * leave: from then on the member's seat is free for joins on every node, and the other nodes of the
     * room have been sent its {@code peer-left}.
     * Fails when Redis did not confirm it (unreachable, too slow, too many commands queued); the node
     * then becomes degraded ({@link NodeHealth}) so that the next heartbeat's rebuild removes the member
     * from Redis, as it does for members that left during an outage.
     */
    public CompletableFuture<Void> leave(String room, String peer) {
        relays.flush();
        CompletableFuture<Object> reply = new CompletableFuture<>();
        outbox.call(new Outbox.Call(Script.LEAVE, ScriptOutputType.INTEGER,
                Outbox.args(settings.keyPrefix(), room, peer, node), reply));
        return reply.handle((removed, failure) -> {
            if (failure != null) {
                String reason = "Redis did not confirm a leave: " + failure.getMessage();
                thread.run(() -> health.degrade(reason));
                throw new CompletionException(failure);
            }
            return null;
        });
    }

    /**
     * Sends {@code json} to member {@code to} of {@code room} on {@code target} (another node), after
     * the messages this thread relayed before; published when the calling event loop is done with
     * what it is doing ({@link RelayBuffers}).
     */
    public void relay(String target, String room, String to, byte[] json) {
        String reason = health.reason();
        if (reason != null) {
            health.lost(1, new IllegalStateException(reason));
            return;
        }
        relays.add(target, room.getBytes(StandardCharsets.UTF_8), to.getBytes(StandardCharsets.US_ASCII), json);
    }

    /** Leaves the cluster (the other nodes tell this node's members' peers {@code peer-left} at once) and disconnects. */
    @Override
    public void close() {
        if (thread.closed()) {
            return;
        }
        CompletableFuture<Object> left = new CompletableFuture<>();
        if (health.reason() == null) {
            outbox.call(new Outbox.Call(Script.REAP, ScriptOutputType.INTEGER, Outbox.args(settings.keyPrefix(), node, "1"), left));
        } else {
            left.complete(null);
        }
        try {
            left.get(settings.commandTimeoutMs(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.atDebug().setMessage("cluster: could not deregister on close").addKeyValue("reason", e.toString()).log();
        }
        thread.close(settings.commandTimeoutMs());
        link.close();
    }
}
