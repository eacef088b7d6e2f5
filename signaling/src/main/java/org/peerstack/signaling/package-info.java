/**
 * The peerstack signaling protocol and its Java client.
 *
 * <p>{@link org.peerstack.signaling.SignalingMessage} holds the protocol's messages (JSON over
 * WebSocket, subprotocol {@code peerstack-signaling.v1}, specified with an example of every message in
 * {@code docs/signaling-protocol.md}); {@link org.peerstack.signaling.SignalingCodec} reads and writes
 * them with limits for untrusted input; {@link org.peerstack.signaling.SignalingClient} is the client
 * used by bots and tests; {@link org.peerstack.signaling.RoomToken} mints room tokens (JWTs signed with
 * HS256) and checks them (HS256, HS384 or HS512).
 *
 * <p>Threads: a {@code SignalingClient} owns one I/O thread and one thread its futures complete on;
 * its events follow the {@code org.peerstack.event} contract. The codec and the messages are immutable
 * and thread-safe.
 *
 * <p>The messages carry the W3C WebRTC dictionaries unchanged: {@code sdp} of an
 * <a href="https://www.w3.org/TR/webrtc/#dom-rtcsessiondescriptioninit">RTCSessionDescriptionInit</a>
 * and the members of an
 * <a href="https://www.w3.org/TR/webrtc/#dom-rtcicecandidateinit">RTCIceCandidateInit</a>. The
 * transport is <a href="https://www.rfc-editor.org/rfc/rfc6455">RFC 6455</a> WebSocket.
 */
package org.peerstack.signaling;
