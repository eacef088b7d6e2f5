/**
 * SFU rooms: signaling rooms whose media goes through the server's SFU (peerstack-sfu) instead of a
 * mesh. Each member negotiates a publish connection (its offer, the SFU's answer) and a subscribe
 * connection (the SFU's offers, its answers) with the reserved peer id {@code "sfu"}; see
 * {@code docs/signaling-protocol.md}, "SFU rooms".
 *
 * @see <a href="https://www.w3.org/TR/webrtc/#session-negotiation-model">WebRTC: session negotiation model</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8829">RFC 8829: JavaScript Session Establishment Protocol</a>
 */
package org.peerstack.signaling.server.sfu;
