package org.peerstack.signaling.server.cluster;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's liveness in Redis, one tick per {@code heartbeat-interval-ms} on the {@link DirectoryThread}:
 * connect if not connected yet, renew the node's TTL, remove the members of nodes whose TTL ran out
 * (the other nodes' rooms hear {@code peer-left}), and register the node and all its members again when
 * needed (first start, Redis restarted or back, this node declared dead). A failure on the way makes
 * the node degraded ({@link NodeHealth}); the next tick tries again. Logs under {@link RedisDirectory}'s name.
 */
final class Heartbeat {

    private static final Logger LOG = LoggerFactory.getLogger(RedisDirectory.class);

    private final ClusterSettings settings;
    private final String node;
    private final String channel;
    private final int maxRooms;
    private final int maxMembersPerRoom;
    private final DirectoryListener listener;
    private final DirectoryThread thread;
    private final RedisLink link;
    private final Outbox outbox;
    private final NodeHealth health;
    private final CompletableFuture<Void> firstRegistration = new CompletableFuture<>();
    // directory thread only
    private boolean registeredOnce;
    private boolean rebuilding;

    Heartbeat(ClusterSettings settings, String node, String channel, int maxRooms, int maxMembersPerRoom,
              DirectoryListener listener, DirectoryThread thread, RedisLink link, Outbox outbox, NodeHealth health) {
        this.settings = settings;
        this.node = node;
        this.channel = channel;
        this.maxRooms = maxRooms;
        this.maxMembersPerRoom = maxMembersPerRoom;
        this.listener = listener;
        this.thread = thread;
        this.link = link;
        this.outbox = outbox;
        this.health = health;
    }

    /** Completes when the node is registered for the first time. */
    CompletableFuture<Void> firstRegistration() {
        return firstRegistration;
    }

    /** One heartbeat, on the directory's thread: connect if needed, renew, reap the dead, rebuild when needed. */
    void tick() {
        if (thread.closed()) {
            return;
        }
        try {
            if (!link.connected() && !connect()) {
                return;
            }
            Outbox.Call heartbeat = new Outbox.Call(Script.HEARTBEAT, ScriptOutputType.MULTI,
                    Outbox.args(settings.keyPrefix(), node, Integer.toString(settings.nodeTtlMs())), new CompletableFuture<>());
            outbox.call(heartbeat);
            heartbeat.result().whenComplete((reply, failure) -> thread.run(() -> afterHeartbeat(reply, failure)));
        } catch (RuntimeException e) {
            health.degrade("heartbeat failed: " + e);
        }
    }

    private boolean connect() {
        try {
            link.connect(channel, new Inbox(listener, LOG));
            return true;
        } catch (RuntimeException e) {
            health.degrade("cannot connect to Redis at " + link.address() + ": " + e.getMessage());
            return false;
        }
    }

    private void afterHeartbeat(Object reply, Throwable failure) {
        if (thread.closed()) {
            return;
        }
        if (failure != null) {
            health.degrade("Redis does not answer: " + failure.getMessage());
            return;
        }
        List<?> result = (List<?>) reply;
        boolean registered = ((Long) result.get(0)) == 1L;
        if (!registered || health.needsRebuild()) {
            rebuild();
            return;
        }
        for (int i = 1; i < result.size(); i++) {
            String dead = new String((byte[]) result.get(i), StandardCharsets.UTF_8);
            reap(dead);
        }
    }

    private void reap(String dead) {
        Outbox.Call reap = new Outbox.Call(Script.REAP, ScriptOutputType.INTEGER,
                Outbox.args(settings.keyPrefix(), dead, "0"), new CompletableFuture<>());
        outbox.call(reap);
        reap.result().thenAccept(removed -> {
            if (((Long) removed) >= 0) {
                LOG.atInfo().setMessage("cluster: a node stopped sending heartbeats; its members were removed")
                        .addKeyValue("node", dead).addKeyValue("members", removed).log();
            }
        });
    }

    /** Registers the node and its members again (first start, Redis restarted or back, node declared dead). */
    private void rebuild() {
        if (rebuilding) {
            return;
        }
        rebuilding = true;
        listener.remotesLost();
        RedisAsyncCommands<String, byte[]> redis = link.commands();
        redis.pubsubNumsub(channel).whenComplete((subscribers, failure) -> thread.run(() -> {
            if (failure != null || subscribers.getOrDefault(channel, 0L) == 0L) {
                rebuilding = false;
                health.degrade(failure != null ? "Redis does not answer: " + failure.getMessage()
                        : "waiting for the pub/sub subscription to be restored");
                return;
            }
            registerAll();
        }));
    }

    private void registerAll() {
        List<CompletableFuture<Object>> steps = new ArrayList<>();
        steps.add(call(Script.REGISTER, ScriptOutputType.INTEGER, settings.keyPrefix(), node,
                Integer.toString(settings.nodeTtlMs()), registeredOnce ? "0" : "1"));
        List<DirectoryListener.Registration> members = listener.localMembers();
        List<String> clean = new ArrayList<>(List.of(settings.keyPrefix(), node));
        for (DirectoryListener.Registration member : members) {
            clean.add(member.peer());
        }
        CompletableFuture<Object> cleaned = new CompletableFuture<>();
        outbox.call(new Outbox.Call(Script.CLEAN, ScriptOutputType.INTEGER, Outbox.args(clean), cleaned));
        steps.add(cleaned);
        for (DirectoryListener.Registration member : members) {
            steps.add(call(Script.JOIN, ScriptOutputType.VALUE, settings.keyPrefix(), member.room(), member.peer(), node,
                    member.name() == null ? "" : member.name(), Integer.toString(maxMembersPerRoom),
                    Integer.toString(maxRooms), "1"));
        }
        CompletableFuture.allOf(steps.toArray(new CompletableFuture<?>[0])).whenComplete((ok, failure) -> thread.run(() -> {
            rebuilding = false;
            if (failure != null) {
                health.degrade("re-registering this node failed: " + failure.getMessage());
                return;
            }
            if (((Long) steps.get(0).join()) == 0L) {
                health.degrade("another live node has this node's id " + node);
                return;
            }
            registeredOnce = true;
            health.healthy(node, members.size()); // before the start waiting below sees the node healthy
            firstRegistration.complete(null);
        }));
    }

    private CompletableFuture<Object> call(Script script, ScriptOutputType type, String... args) {
        CompletableFuture<Object> result = new CompletableFuture<>();
        outbox.call(new Outbox.Call(script, type, Outbox.args(args), result));
        return result;
    }
}
