/**
 * WHIP ingest and WHEP playback on the signaling server's HTTP port, over the server's SFU
 * (peerstack-sfu).
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9725">RFC 9725: WebRTC-HTTP Ingestion Protocol (WHIP)</a>
 * @see <a href="https://datatracker.ietf.org/doc/draft-ietf-wish-whep/">draft-ietf-wish-whep: WebRTC-HTTP Egress Protocol</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8840">RFC 8840: trickle ICE SDP fragments</a>
 */
package org.peerstack.signaling.server.whip;
