package org.peerstack.signaling.server.cluster;

/**
 * A member of a room as the cluster's directory knows it.
 *
 * @param id   server-assigned peer id, unique in the cluster while it is a member
 * @param name display name, or null
 * @param node id of the node its connection is on
 */
public record Peer(String id, String name, String node) {
}
