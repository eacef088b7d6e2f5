/**
 * The peerstack signaling server: a Netty WebSocket server
 * (<a href="https://www.rfc-editor.org/rfc/rfc6455">RFC 6455</a>) that relays the messages of
 * {@link org.peerstack.signaling.SignalingMessage} between the members of a room
 * ({@code docs/signaling-protocol.md}), with HTTP {@code /healthz}, {@code /metrics} (Prometheus text
 * format) and static files on the same port.
 *
 * <p>Public API: {@link org.peerstack.signaling.server.SignalingServer} (start, port, uri, close),
 * {@link org.peerstack.signaling.server.SignalingServerConfig} and its section records bound from
 * {@code config/signaling-server.yaml} ({@link org.peerstack.signaling.server.SignalingLimits},
 * {@link org.peerstack.signaling.server.ConnectionSettings}, {@link org.peerstack.signaling.server.AuthSettings}, ...), and the
 * command line {@link org.peerstack.signaling.server.SignalingServerMain}. Everything else is the
 * pipeline, one handler per concern (see {@code SignalingServerInitializer}).
 *
 * <p>Cluster mode ({@code cluster.enabled}, {@code docs/cluster.md}): {@code ClusterRoomRegistry} shares
 * rooms with other nodes through Redis ({@link org.peerstack.signaling.server.cluster}); the default
 * {@code RoomRegistry} keeps one node's rooms in memory. With {@code sfu.enabled} too, {@code ClusterSfu}
 * places each SFU room on one node ({@link org.peerstack.signaling.server.placement}) and relays the
 * messages of members on other nodes to its SFU and back ({@code docs/cluster.md}, "SFU rooms across nodes").
 *
 * <p>This module runs without media natives: it depends on peerstack-core with webrtc-java and
 * bytedeco excluded.
 */
package org.peerstack.signaling.server;
