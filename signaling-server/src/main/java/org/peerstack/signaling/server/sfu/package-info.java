/**
 * SFU rooms: signaling rooms whose media goes through the server's SFU (peerstack-sfu) instead of a
 * mesh. Each member negotiates ONE connection with the reserved peer id {@code "sfu"}, carrying what it
 * publishes and what it receives, renegotiated by perfect negotiation (its offers when it publishes, the
 * SFU's when others' tracks come or go; the server impolite); see {@code docs/signaling-protocol.md},
 * "SFU rooms".
 *
 * @see <a href="https://www.w3.org/TR/webrtc/#session-negotiation-model">WebRTC: session negotiation model</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8829">RFC 8829: JavaScript Session Establishment Protocol</a>
 */
package org.peerstack.signaling.server.sfu;
