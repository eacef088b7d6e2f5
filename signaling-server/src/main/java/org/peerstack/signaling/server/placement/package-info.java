/**
 * SFU streams across cluster nodes: each WHIP/WHEP stream (and each signaling SFU room, the same
 * namespace) is owned by one node, placed on the least loaded live node and recorded in Redis with the
 * node heartbeat's TTL; HTTP requests reaching another node are redirected to the owner with
 * {@code 307 Temporary Redirect}. See {@code docs/cluster.md}, "SFU streams across nodes" and "SFU rooms
 * across nodes".
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9725#section-4.5">RFC 9725 §4.5: load balancing and redirections</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9110#section-15.4.8">RFC 9110 §15.4.8: 307 Temporary Redirect</a>
 */
package org.peerstack.signaling.server.placement;
