package org.peerstack.signaling.server.cluster;

import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether this node is fully part of the cluster, and what it lost while it was not. Healthy while
 * Redis answers and this node's registrations are in place; otherwise degraded with a reason: members
 * on other nodes are forgotten ({@link DirectoryListener#remotesLost()}), joins fail at once, and the
 * next heartbeat rebuilds the registrations. One WARN when a degraded period starts and one INFO when
 * it ends; relayed messages that could not be sent are counted, with one WARN per healthy period.
 * Logs under {@link RedisDirectory}'s name. State changes run on the {@link DirectoryThread}.
 */
final class NodeHealth {

    private static final Logger LOG = LoggerFactory.getLogger(RedisDirectory.class);

    private final DirectoryThread thread;
    private final DirectoryListener listener;
    private final LongAdder dropped = new LongAdder();
    private volatile String degraded = "not connected to Redis yet";
    // directory thread only
    private boolean needsRebuild = true;
    private boolean warned;
    private boolean dropWarned;

    NodeHealth(DirectoryThread thread, DirectoryListener listener) {
        this.thread = thread;
        this.listener = listener;
    }

    /** Why this node is degraded, or null when it is fully part of the cluster (any thread). */
    String reason() {
        return degraded;
    }

    /** Relayed messages to other nodes that could not be sent (any thread). */
    long dropped() {
        return dropped.sum();
    }

    /** True until the registrations are in place again after a start or a degraded period. */
    boolean needsRebuild() {
        return needsRebuild;
    }

    /** {@code messages} relayed messages could not be sent (any thread): counted, and logged once per healthy period. */
    void lost(int messages, Throwable cause) {
        dropped.add(messages);
        thread.run(() -> {
            if (!dropWarned) {
                dropWarned = true;
                LOG.atWarn().setMessage("cluster: relayed messages to other nodes dropped (counted in"
                        + " signaling_cluster_dropped_total; logged once until the cluster is healthy again)")
                        .addKeyValue("reason", String.valueOf(cause.getMessage())).log();
            }
        });
    }

    /** Enters (or stays in) the degraded state; one WARN per degraded period. */
    void degrade(String reason) {
        if (thread.closed()) {
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

    /** The registrations of {@code node} and its {@code members} are in place (again). */
    void healthy(String node, int members) {
        needsRebuild = false;
        dropWarned = false;
        degraded = null;
        if (warned) {
            warned = false;
            LOG.atInfo().setMessage("cluster: healthy again; registrations rebuilt")
                    .addKeyValue("node", node).addKeyValue("members", members).log();
        } else {
            LOG.atInfo().setMessage("cluster: node registered").addKeyValue("node", node)
                    .addKeyValue("members", members).log();
        }
    }
}
