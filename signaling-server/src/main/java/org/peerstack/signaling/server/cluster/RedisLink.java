package org.peerstack.signaling.server.cluster;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubListener;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * This node's two connections to Redis (Lettuce): one for commands (scripts and relayed messages, in
 * order) and one subscribed to this node's channel. Lettuce reconnects both by itself (backoff from
 * 50 ms up to the heartbeat interval); commands issued while disconnected fail at once, and at most
 * {@code max-queued-commands} wait for a reply. Keys are text, values bytes.
 */
final class RedisLink implements AutoCloseable {

    private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

    private final ClusterSettings settings;
    private final ClientResources resources;
    private final RedisClient client;
    private volatile StatefulRedisConnection<String, byte[]> connection;
    private volatile StatefulRedisPubSubConnection<String, byte[]> pubsub;

    /** {@code onDisconnected} runs on a Lettuce thread whenever a connection to Redis is lost. */
    RedisLink(ClusterSettings settings, Runnable onDisconnected) {
        this.settings = settings;
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
                onDisconnected.run();
            }

            @Override
            public void onRedisConnected(io.lettuce.core.RedisChannelHandler<?, ?> connection, SocketAddress address) {
            }

            @Override
            public void onRedisExceptionCaught(io.lettuce.core.RedisChannelHandler<?, ?> connection, Throwable cause) {
            }
        });
    }

    /** True once {@link #connect} has succeeded (Lettuce keeps the connections from then on). */
    boolean connected() {
        return connection != null;
    }

    /**
     * Opens both connections, subscribing {@code inbox} to {@code channel} first; on failure nothing
     * stays open and the exception is thrown.
     */
    void connect(String channel, RedisPubSubListener<String, byte[]> inbox) {
        try {
            StatefulRedisPubSubConnection<String, byte[]> sub = client.connectPubSub(CODEC);
            sub.addListener(inbox);
            sub.sync().subscribe(channel);
            pubsub = sub;
            connection = client.connect(CODEC);
        } catch (RuntimeException e) {
            StatefulRedisPubSubConnection<String, byte[]> sub = pubsub;
            if (sub != null) {
                sub.closeAsync();
                pubsub = null;
            }
            throw e;
        }
    }

    /** The command interface, or null before the first {@link #connect}. */
    RedisAsyncCommands<String, byte[]> commands() {
        StatefulRedisConnection<String, byte[]> c = connection;
        return c == null ? null : c.async();
    }

    /** The Redis URI without its password. */
    String address() {
        return settings.redisUri().replaceAll("//[^@/]*@", "//***@");
    }

    @Override
    public void close() {
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
