package org.peerstack.signaling.server.cluster;

import java.net.URI;
import org.peerstack.exc.ConfigException;

/**
 * The {@code cluster:} section of {@code config/signaling-server.yaml}: several nodes sharing rooms
 * through Redis ({@code docs/cluster.md}). Disabled by default: one node keeps every room in memory.
 *
 * @param enabled             whether this node joins a cluster through Redis
 * @param redisUri            the Redis to use, {@code redis://[:password@]host[:port][/database]}
 * @param keyPrefix           prefix of every Redis key and pub/sub channel of this cluster
 * @param heartbeatIntervalMs how often the node renews its liveness key (milliseconds)
 * @param nodeTtlMs           lifetime of the liveness key; a node silent this long is dead (milliseconds)
 * @param commandTimeoutMs    longest wait for one Redis command (milliseconds)
 * @param maxBatchBytes       largest pub/sub message of relayed messages to another node (bytes)
 * @param maxQueuedCommands   Redis commands queued while Redis is slow; more are refused (commands)
 * @param publicUrl           this node's base URL as clients reach it ({@code http(s)://host:port}), where a
 *                            WHIP/WHEP request for a stream this node owns is redirected (307) by the other
 *                            nodes; empty = the address and port the server is bound to
 */
public record ClusterSettings(boolean enabled, String redisUri, String keyPrefix, int heartbeatIntervalMs,
                              int nodeTtlMs, int commandTimeoutMs, int maxBatchBytes, int maxQueuedCommands,
                              String publicUrl) {

    public ClusterSettings {
        redisUri = redisUri == null ? "" : redisUri;
        keyPrefix = keyPrefix == null ? "" : keyPrefix;
        publicUrl = publicUrl == null ? "" : publicUrl.strip().replaceAll("/+$", "");
        if (!publicUrl.isEmpty() && !publicUrl.matches("https?://[^/?#\\s]+")) {
            throw new ConfigException("cluster.public-url must be http(s)://host[:port] without a path; got '" + publicUrl + "'");
        }
        if (enabled) {
            URI uri;
            try {
                uri = URI.create(redisUri);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("cluster.redis-uri is not a URI: '" + redisUri + "'", e);
            }
            if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme())) {
                throw new ConfigException("cluster.redis-uri must start with redis:// or rediss://; got '" + redisUri + "'");
            }
        }
        if (keyPrefix.isEmpty()) {
            throw new ConfigException("cluster.key-prefix must not be empty");
        }
        atLeast(heartbeatIntervalMs, 10, "heartbeat-interval-ms");
        atLeast(nodeTtlMs, 2 * heartbeatIntervalMs + 1, "node-ttl-ms (more than 2 heartbeat intervals)");
        atLeast(commandTimeoutMs, 10, "command-timeout-ms");
        atLeast(maxBatchBytes, 1024, "max-batch-bytes");
        atLeast(maxQueuedCommands, 100, "max-queued-commands");
    }

    private static void atLeast(int value, int min, String key) {
        if (value < min) {
            throw new ConfigException("cluster." + key + " must be at least " + min + "; got " + value);
        }
    }

    @Override
    public String toString() {
        // the URI may hold a password
        return "ClusterSettings[enabled=" + enabled + ", redisUri=" + redisUri.replaceAll("//[^@/]*@", "//***@")
                + ", keyPrefix=" + keyPrefix + ", heartbeatIntervalMs=" + heartbeatIntervalMs + ", nodeTtlMs=" + nodeTtlMs
                + ", commandTimeoutMs=" + commandTimeoutMs + ", maxBatchBytes=" + maxBatchBytes
                + ", maxQueuedCommands=" + maxQueuedCommands + ", publicUrl=" + publicUrl + "]";
    }
}
