package org.peerstack.signaling.server.cluster;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.lettuce.core.resource.DefaultClientResources;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's view of the cluster's directory in Redis (Lettuce): it registers the node and renews its
 * heartbeat, joins and removes members through atomic scripts ({@link Script}), publishes relayed
 * messages to other nodes ({@link Outbox}), receives its own channel ({@link Inbox}), removes the
 * members of dead nodes, and rebuilds its registrations after Redis comes back.
 *
 * <p>Health: {@link #degradedReason()} is null while Redis answers and this node's registrations are in
 * place. Otherwise the node is degraded: members on other nodes are forgotten
 * ({@link DirectoryListener#remotesLost()}), joins fail at once, rooms whose members are all on this
 * node keep working, and each heartbeat tries again. One WARN when that starts, one INFO when it ends.
 *
 * <p>Threads: one thread of its own runs the heartbeat, the rebuild and every command (so commands
 * reach Redis in order); Lettuce's threads deliver replies and pub/sub messages.
 */
public final class RedisDirectory implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RedisDirectory.class);
    private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
    /** Random bytes in a node id (unit: bytes; 9 bytes = 12 base64url characters). */
    static final int NODE_ID_BYTES = 9;

    private final ClusterSettings settings;
    private final int maxRooms;
    private final int maxMembersPerRoom;
    private final DirectoryListener listener;
    private final String node;
    private final String channel;
    private final ScheduledExecutorService executor;
    private final ClientResources resources;
    private final RedisClient client;
    private final Outbox outbox;
    private final RelayBuffers relays;
    private final LongAdder dropped = new LongAdder();
    private final CompletableFuture<Void> firstRegistration = new CompletableFuture<>();
    private volatile StatefulRedisConnection<String, byte[]> connection;
    private volatile StatefulRedisPubSubConnection<String, byte[]> pubsub;
    private volatile String degraded = "not connected to Redis yet";
    private volatile boolean closed;
    // directory thread only
    private boolean needsRebuild = true;
    private boolean registeredOnce;
    private boolean rebuilding;
    private boolean warned;
    private boolean dropWarned;

    private RedisDirectory(ClusterSettings settings, int maxRooms, int maxMembersPerRoom, DirectoryListener listener) {
        this.settings = settings;
        this.maxRooms = maxRooms;
        this.maxMembersPerRoom = maxMembersPerRoom;
        this.listener = listener;
        byte[] id = new byte[NODE_ID_BYTES];
        new SecureRandom().nextBytes(id);
        this.node = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
        this.channel = settings.keyPrefix() + "to:" + node;
        this.executor = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("signaling-cluster", true));
        Duration timeout = Duration.ofMillis(settings.commandTimeoutMs());
        this.resources = DefaultClientResources.builder()
                .ioThreadPoolSize(2)
                .computationThreadPoolSize(1)
                .reconnectDelay(Delay.exponential(Duration.ofMillis(50), Duration.ofMillis(settings.heartbeatIntervalMs()),
                        2, TimeUnit.MILLISECONDS))
                .build();
        RedisURI uri = RedisURI.create(settings.redisUri());
        uri.setTimeout(timeout);
        this.client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .requestQueueSize(settings.maxQueuedCommands())
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .socketOptions(SocketOptions.builder().connectTimeout(timeout).build())
                .build());
        client.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisDisconnected(io.lettuce.core.RedisChannelHandler<?, ?> connection) {
                onDirectoryThread(() -> degrade("lost the connection to Redis"));
            }

            @Override
            public void onRedisConnected(io.lettuce.core.RedisChannelHandler<?, ?> connection, SocketAddress address) {
            }

            @Override
            public void onRedisExceptionCaught(io.lettuce.core.RedisChannelHandler<?, ?> connection, Throwable cause) {
            }
        });
        this.outbox = new Outbox(executor, this::commands, settings.maxQueuedCommands());
        this.relays = new RelayBuffers(this::commands, settings.keyPrefix() + "to:", settings.maxBatchBytes(), this::lost);
    }

    /**
     * Starts the directory and waits up to {@code command-timeout-ms} for its first registration; if
     * Redis is unreachable it returns degraded and keeps trying on every heartbeat.
     */
    public static RedisDirectory start(ClusterSettings settings, int maxRooms, int maxMembersPerRoom,
                                       DirectoryListener listener) {
        RedisDirectory directory = new RedisDirectory(settings, maxRooms, maxMembersPerRoom, listener);
        directory.executor.scheduleWithFixedDelay(directory::tick, 0, settings.heartbeatIntervalMs(), TimeUnit.MILLISECONDS);
        try {
            directory.firstRegistration.get(settings.commandTimeoutMs() * 2L, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // degraded: logged once by degrade(); every heartbeat tries again
        }
        return directory;
    }

    /** This node's id, unique among the live nodes. */
    public String nodeId() {
        return node;
    }

    /** Why this node is degraded, or null when it is fully part of the cluster. */
    public String degradedReason() {
        return degraded;
    }

    /** Relayed messages to other nodes that could not be sent (Redis unreachable or too slow). */
    public long dropped() {
        return dropped.sum();
    }

    /**
     * Registers {@code peer} of this node in {@code room}, atomically within the cluster-wide limits.
     * Completes with "ok" ({@link DirectoryListener#welcome} has run before for this peer) or a
     * refusal: "id-taken", "room-full", "too-many-rooms"; fails when Redis is unreachable.
     */
    public CompletableFuture<String> join(String room, String peer, String name) {
        String reason = degraded;
        if (reason != null) {
            return CompletableFuture.failedFuture(new IllegalStateException(reason));
        }
        CompletableFuture<Object> reply = new CompletableFuture<>();
        outbox.call(new Outbox.Call(Script.JOIN, ScriptOutputType.VALUE, Outbox.args(settings.keyPrefix(), room, peer,
                node, name == null ? "" : name, Integer.toString(maxMembersPerRoom), Integer.toString(maxRooms), "0"), reply));
        return reply.thenApply(value -> new String((byte[]) value, StandardCharsets.UTF_8));
    }

    /**
     * Removes {@code peer} of this node from {@code room}, after the messages it sent before: call it on
     * the thread that relayed them (the member's event loop). Queued even while degraded, so that it
     * runs after a rebuild that may have registered the member again.
     */
    public void leave(String room, String peer) {
        relays.flush();
        outbox.call(new Outbox.Call(Script.LEAVE, ScriptOutputType.INTEGER,
                Outbox.args(settings.keyPrefix(), room, peer, node), new CompletableFuture<>()));
    }

    /**
     * Sends {@code json} to member {@code to} of {@code room} on {@code target} (another node), after
     * the messages this thread relayed before; published when the calling event loop is done with
     * what it is doing ({@link RelayBuffers}).
     */
    public void relay(String target, String room, String to, byte[] json) {
        String reason = degraded;
        if (reason != null) {
            lost(1, new IllegalStateException(reason));
            return;
        }
        relays.add(target, room.getBytes(StandardCharsets.UTF_8), to.getBytes(StandardCharsets.US_ASCII), json);
    }

    /** Runs {@code task} on the directory's thread; nothing once the directory is closed. */
    private void onDirectoryThread(Runnable task) {
        if (closed) {
            return;
        }
        try {
            executor.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closed meanwhile
        }
    }

    private RedisAsyncCommands<String, byte[]> commands() {
        StatefulRedisConnection<String, byte[]> c = connection;
        return c == null ? null : c.async();
    }

    private void lost(int messages, Throwable cause) {
        dropped.add(messages);
        onDirectoryThread(() -> {
            if (!dropWarned) {
                dropWarned = true;
                LOG.atWarn().setMessage("cluster: relayed messages to other nodes dropped (counted in"
                        + " signaling_cluster_dropped_total; logged once until the cluster is healthy again)")
                        .addKeyValue("reason", String.valueOf(cause.getMessage())).log();
            }
        });
    }

    /** Heartbeat, on the directory's thread: connect if needed, renew, reap the dead, rebuild when needed. */
    private void tick() {
        if (closed) {
            return;
        }
        try {
            if (connection == null && !connect()) {
                return;
            }
            Outbox.Call heartbeat = new Outbox.Call(Script.HEARTBEAT, ScriptOutputType.MULTI,
                    Outbox.args(settings.keyPrefix(), node, Integer.toString(settings.nodeTtlMs())), new CompletableFuture<>());
            outbox.call(heartbeat);
            heartbeat.result().whenComplete((reply, failure) -> onDirectoryThread(() -> afterHeartbeat(reply, failure)));
        } catch (RuntimeException e) {
            degrade("heartbeat failed: " + e);
        }
    }

    private boolean connect() {
        try {
            StatefulRedisPubSubConnection<String, byte[]> sub = client.connectPubSub(CODEC);
            sub.addListener(new Inbox(listener, LOG));
            sub.sync().subscribe(channel);
            pubsub = sub;
            connection = client.connect(CODEC);
            return true;
        } catch (RuntimeException e) {
            StatefulRedisPubSubConnection<String, byte[]> sub = pubsub;
            if (sub != null) {
                sub.closeAsync();
                pubsub = null;
            }
            degrade("cannot connect to Redis at " + redisAddress() + ": " + e.getMessage());
            return false;
        }
    }

    /** The Redis URI without its password. */
    private String redisAddress() {
        return settings.redisUri().replaceAll("//[^@/]*@", "//***@");
    }

    private void afterHeartbeat(Object reply, Throwable failure) {
        if (closed) {
            return;
        }
        if (failure != null) {
            degrade("Redis does not answer: " + failure.getMessage());
            return;
        }
        List<?> result = (List<?>) reply;
        boolean registered = ((Long) result.get(0)) == 1L;
        if (!registered || needsRebuild) {
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
        RedisAsyncCommands<String, byte[]> redis = commands();
        redis.pubsubNumsub(channel).whenComplete((subscribers, failure) -> onDirectoryThread(() -> {
            if (failure != null || subscribers.getOrDefault(channel, 0L) == 0L) {
                rebuilding = false;
                degrade(failure != null ? "Redis does not answer: " + failure.getMessage()
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
        CompletableFuture.allOf(steps.toArray(new CompletableFuture<?>[0])).whenComplete((ok, failure) -> onDirectoryThread(() -> {
            rebuilding = false;
            if (failure != null) {
                degrade("re-registering this node failed: " + failure.getMessage());
                return;
            }
            if (((Long) steps.get(0).join()) == 0L) {
                degrade("another live node has this node's id " + node);
                return;
            }
            registeredOnce = true;
            needsRebuild = false;
            dropWarned = false;
            degraded = null;
            firstRegistration.complete(null);
            if (warned) {
                warned = false;
                LOG.atInfo().setMessage("cluster: healthy again; registrations rebuilt")
                        .addKeyValue("node", node).addKeyValue("members", members.size()).log();
            } else {
                LOG.atInfo().setMessage("cluster: node registered").addKeyValue("node", node)
                        .addKeyValue("members", members.size()).log();
            }
        }));
    }

    private CompletableFuture<Object> call(Script script, ScriptOutputType type, String... args) {
        CompletableFuture<Object> result = new CompletableFuture<>();
        outbox.call(new Outbox.Call(script, type, Outbox.args(args), result));
        return result;
    }

    /** On the directory's thread: enter (or stay in) the degraded state; one WARN per degraded period. */
    private void degrade(String reason) {
        if (closed) {
            return;
        }
        boolean wasHealthy = degraded == null;
        degraded = reason;
        needsRebuild = true;
        if (wasHealthy) {
            listener.remotesLost();
        }
        if (!warned) {
            warned = true;
            LOG.atWarn().setMessage("cluster: degraded; rooms whose members are all on this node keep working,"
                    + " joins are refused until Redis answers again").addKeyValue("reason", reason).log();
        }
    }

    /** Leaves the cluster (the other nodes tell this node's members' peers {@code peer-left} at once) and disconnects. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        CompletableFuture<Object> left = new CompletableFuture<>();
        if (degraded == null) {
            outbox.call(new Outbox.Call(Script.REAP, ScriptOutputType.INTEGER, Outbox.args(settings.keyPrefix(), node, "1"), left));
        } else {
            left.complete(null);
        }
        try {
            left.get(settings.commandTimeoutMs(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.atDebug().setMessage("cluster: could not deregister on close").addKeyValue("reason", e.toString()).log();
        }
        closed = true;
        executor.shutdown();
        try {
            executor.awaitTermination(settings.commandTimeoutMs(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        StatefulRedisConnection<String, byte[]> c = connection;
        if (c != null) {
            c.close();
        }
        StatefulRedisPubSubConnection<String, byte[]> sub = pubsub;
        if (sub != null) {
            sub.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
