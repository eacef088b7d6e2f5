/**
 * Cluster mode of the signaling server: several nodes act as one through
 * <a href="https://redis.io/docs/latest/">Redis</a> (client: Lettuce). Rooms, members and node
 * liveness live in Redis and change only through atomic Lua scripts
 * (<a href="https://redis.io/docs/latest/develop/interact/programmability/eval-intro/">EVAL</a>), so the
 * room and member limits and the uniqueness of peer ids hold cluster-wide; events and relayed messages
 * travel to the node that holds the receiver over
 * <a href="https://redis.io/docs/latest/develop/interact/pubsub/">pub/sub</a>, one channel per node.
 * See {@code docs/cluster.md}.
 *
 * <p>Public for configuration only: {@link org.peerstack.signaling.server.cluster.ClusterSettings}
 * (the {@code cluster:} section of {@code config/signaling-server.yaml}). The rest is used by the
 * server's room registry and is not a stable API.
 */
package org.peerstack.signaling.server.cluster;
