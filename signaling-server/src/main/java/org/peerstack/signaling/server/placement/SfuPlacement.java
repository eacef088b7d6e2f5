package org.peerstack.signaling.server.placement;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.peerstack.signaling.server.cluster.ClusterSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which node owns each SFU stream (WHIP/WHEP), in Redis under the cluster's key prefix {@code P}:
 * <ul>
 *   <li>{@code P sfu:nodes} (set): the node ids that serve streams;</li>
 *   <li>{@code P sfu:load:<node>}, {@code P sfu:url:<node>} (strings, TTL {@code cluster.node-ttl-ms}): the
 *       node's load (SFU sessions) and public URL, renewed every {@code cluster.heartbeat-interval-ms};
 *       a node whose keys expired is dead;</li>
 *   <li>{@code P sfu:room:<stream>} (string, same TTL): the owner's id, renewed by the owner while it
 *       holds the stream; it expires with the owner's heartbeat.</li>
 *   <li>{@code P sfu:placed:<node>} (counter, same TTL): streams placed on the node since its last
 *       heartbeat, added to the load that heartbeat writes.</li>
 * </ul>
 * A POST for a stream without a live owner places it, atomically (a Lua script), on the live node with
 * the lowest load, the node that received the request on a tie; the load of the chosen node goes up by
 * one at once, so placements between two heartbeats spread too.
 *
 * <p>Threads: {@link #locate} from any thread (non-blocking, the future completes on Lettuce's threads);
 * the heartbeat runs on a thread of its own.
 */
public final class SfuPlacement implements AutoCloseable {

    /** Where a stream lives, as seen by this node. */
    public record Owner(String node, String url, boolean self) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(SfuPlacement.class);

    /** ARGV: prefix, stream, self, ttl, place (1/0). Returns {owner, url} or {} when unplaced and place = 0. */
    private static final String LOCATE = String.join("\n",
            "local p, room, self, ttl, place = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4]), ARGV[5]",
            "local key = p .. 'sfu:room:' .. room",
            "local owner = redis.call('GET', key)",
            "if owner and redis.call('EXISTS', p .. 'sfu:load:' .. owner) == 1 then",
            "  return {owner, redis.call('GET', p .. 'sfu:url:' .. owner) or ''}",
            "end",
            "if place ~= '1' then return {} end",
            "local best = self",
            "local bestLoad = tonumber(redis.call('GET', p .. 'sfu:load:' .. self) or '0')",
            "for _, n in ipairs(redis.call('SMEMBERS', p .. 'sfu:nodes')) do",
            "  local l = redis.call('GET', p .. 'sfu:load:' .. n)",
            "  if not l then redis.call('SREM', p .. 'sfu:nodes', n)",
            "  elseif n ~= self and tonumber(l) < bestLoad then best, bestLoad = n, tonumber(l) end",
            "end",
            "redis.call('SET', key, best, 'PX', ttl)",
            "if redis.call('EXISTS', p .. 'sfu:load:' .. best) == 1 then",
            "  redis.call('INCR', p .. 'sfu:load:' .. best)",
            // placements since the owner's last heartbeat: that heartbeat's load may have been counted before
            // this stream's session existed, and must not undo the INCR above
            "  redis.call('INCR', p .. 'sfu:placed:' .. best)",
            "  redis.call('PEXPIRE', p .. 'sfu:placed:' .. best, ttl)",
            "end",
            "return {best, redis.call('GET', p .. 'sfu:url:' .. best) or ''}");

    /**
     * ARGV: prefix, self, ttl, load, url, streams held... Renews the node's keys and its streams' placements.
     * The load written is the node's count plus the streams placed on it since its last heartbeat: the count
     * may have been taken before their sessions existed (a heartbeat landing right after a placement set the
     * load back to 0, and the next stream went to the same node: SfuPlacementTest failed once in a suite run).
     * Those streams are counted twice for one heartbeat interval at most.
     */
    private static final String HEARTBEAT = String.join("\n",
            "local p, self, ttl = ARGV[1], ARGV[2], tonumber(ARGV[3])",
            "local placed = tonumber(redis.call('GET', p .. 'sfu:placed:' .. self) or '0')",
            "redis.call('SET', p .. 'sfu:load:' .. self, tonumber(ARGV[4]) + placed, 'PX', ttl)",
            "redis.call('DEL', p .. 'sfu:placed:' .. self)",
            "redis.call('SET', p .. 'sfu:url:' .. self, ARGV[5], 'PX', ttl)",
            "redis.call('SADD', p .. 'sfu:nodes', self)",
            "for i = 6, #ARGV do",
            "  local key = p .. 'sfu:room:' .. ARGV[i]",
            "  local owner = redis.call('GET', key)",
            "  if owner == self then redis.call('PEXPIRE', key, ttl)",
            "  elseif not owner then redis.call('SET', key, self, 'PX', ttl) end",
            "end",
            "return 1");

    /** ARGV: prefix, self. Removes the node and its placements (graceful stop). */
    private static final String LEAVE = String.join("\n",
            "local p, self = ARGV[1], ARGV[2]",
            "redis.call('DEL', p .. 'sfu:load:' .. self, p .. 'sfu:url:' .. self, p .. 'sfu:placed:' .. self)",
            "redis.call('SREM', p .. 'sfu:nodes', self)",
            "for i = 3, #ARGV do",
            "  local key = p .. 'sfu:room:' .. ARGV[i]",
            "  if redis.call('GET', key) == self then redis.call('DEL', key) end",
            "end",
            "return 1");

    /** ARGV: prefix. The nodes whose load key is alive. */
    private static final String LIVE = String.join("\n",
            "local p = ARGV[1]",
            "local live = {}",
            "for _, n in ipairs(redis.call('SMEMBERS', p .. 'sfu:nodes')) do",
            "  if redis.call('EXISTS', p .. 'sfu:load:' .. n) == 1 then live[#live + 1] = n end",
            "end",
            "return live");

    private final ClusterSettings settings;
    private final String node;
    private final Supplier<String> url;
    private final IntSupplier load;
    private final Supplier<List<String>> streams;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final RedisAsyncCommands<String, String> redis;
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "peerstack-sfu-placement");
        t.setDaemon(true);
        return t;
    });
    private volatile String lastFailure;

    /**
     * @param settings the cluster settings (Redis, prefix, heartbeat, TTL)
     * @param url      this node's public base URL (read at every heartbeat)
     * @param load     this node's load (SFU sessions now)
     * @param streams  the streams this node holds now (renewed as its own)
     */
    public SfuPlacement(ClusterSettings settings, Supplier<String> url, IntSupplier load, Supplier<List<String>> streams) {
        this(settings, newNodeId(), url, load, streams);
    }

    /**
     * As above with this node's id: the node's id in the signaling cluster, so that SFU rooms placed here
     * can be reached through the cluster's relays ({@code ClusterSfu}).
     */
    public SfuPlacement(ClusterSettings settings, String nodeId, Supplier<String> url, IntSupplier load,
                        Supplier<List<String>> streams) {
        this.settings = settings;
        this.node = nodeId;
        this.url = url;
        this.load = load;
        this.streams = streams;
        RedisURI uri = RedisURI.create(settings.redisUri());
        Duration timeout = Duration.ofMillis(settings.commandTimeoutMs());
        uri.setTimeout(timeout);
        this.client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder().timeoutOptions(TimeoutOptions.enabled(timeout))
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).build());
        this.connection = client.connect();
        this.redis = connection.async();
        beat();
        heartbeat.scheduleWithFixedDelay(this::beat, settings.heartbeatIntervalMs(), settings.heartbeatIntervalMs(),
                TimeUnit.MILLISECONDS);
    }

    private static String newNodeId() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        SecureRandom random = new SecureRandom();
        StringBuilder id = new StringBuilder(12);
        for (int i = 0; i < 12; i++) {
            id.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return id.toString();
    }

    /** This node's id in the placement keys. */
    public String nodeId() {
        return node;
    }

    /** This node's public base URL. */
    public String url() {
        return url.get();
    }

    /**
     * The owner of {@code stream}; with {@code place}, a stream without a live owner is placed first.
     * Empty when it is not placed and {@code place} is false. Fails when Redis does not answer.
     */
    public CompletableFuture<Optional<Owner>> locate(String stream, boolean place) {
        CompletableFuture<Optional<Owner>> result = new CompletableFuture<>();
        try {
            redis.<List<Object>>eval(LOCATE, ScriptOutputType.MULTI, new String[0], settings.keyPrefix(), stream, node,
                    Integer.toString(settings.nodeTtlMs()), place ? "1" : "0").whenComplete((reply, failure) -> {
                        if (failure != null) {
                            result.completeExceptionally(failure);
                        } else if (reply.isEmpty()) {
                            result.complete(Optional.empty());
                        } else {
                            String owner = String.valueOf(reply.get(0));
                            result.complete(Optional.of(new Owner(owner, String.valueOf(reply.get(1)), owner.equals(node))));
                        }
                    });
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        }
        return result;
    }

    /** The nodes alive in the placement now (their heartbeat has not expired). Fails when Redis does not answer. */
    public CompletableFuture<java.util.Set<String>> liveNodes() {
        CompletableFuture<java.util.Set<String>> result = new CompletableFuture<>();
        try {
            redis.<List<Object>>eval(LIVE, ScriptOutputType.MULTI, new String[0], settings.keyPrefix())
                    .whenComplete((reply, failure) -> {
                        if (failure != null) {
                            result.completeExceptionally(failure);
                        } else {
                            java.util.Set<String> live = new java.util.HashSet<>();
                            reply.forEach(n -> live.add(String.valueOf(n)));
                            result.complete(live);
                        }
                    });
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        }
        return result;
    }

    /** The heartbeat interval of the placement (milliseconds). */
    public int heartbeatIntervalMs() {
        return settings.heartbeatIntervalMs();
    }

    private void beat() {
        String publicUrl = url.get();
        if (publicUrl.isEmpty()) {
            return; // not bound yet: a node joins the placement only once other nodes can redirect to it
        }
        try {
            List<String> args = new ArrayList<>(List.of(settings.keyPrefix(), node, Integer.toString(settings.nodeTtlMs()),
                    Integer.toString(load.getAsInt()), publicUrl));
            args.addAll(streams.get());
            redis.eval(HEARTBEAT, ScriptOutputType.INTEGER, new String[0], args.toArray(String[]::new))
                    .whenComplete((ok, failure) -> failed(failure));
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    private void failed(Throwable failure) {
        String now = failure == null ? null : String.valueOf(failure.getMessage());
        if (now != null && lastFailure == null) {
            LOG.warn("SFU placement: the heartbeat to Redis failed ({}); streams of this node will move when it expires", now);
        } else if (now == null && lastFailure != null) {
            LOG.info("SFU placement: the heartbeat to Redis works again");
        }
        lastFailure = now;
    }

    /** Stops the heartbeat and removes this node and its placements from Redis (best effort). */
    @Override
    public void close() {
        heartbeat.shutdownNow();
        try {
            List<String> args = new ArrayList<>(List.of(settings.keyPrefix(), node));
            args.addAll(streams.get());
            redis.eval(LEAVE, ScriptOutputType.INTEGER, new String[0], args.toArray(String[]::new))
                    .toCompletableFuture().get(settings.commandTimeoutMs(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.debug("SFU placement: leaving Redis failed: {}", e.toString());
        }
        connection.close();
        client.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
