/**
 * WHIP and WHEP clients over peerstack's {@link org.peerstack.rtc.RTCPeerConnection}.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9725">RFC 9725: WebRTC-HTTP Ingestion Protocol (WHIP)</a>
 * @see <a href="https://datatracker.ietf.org/doc/draft-ietf-wish-whep/">draft-ietf-wish-whep: WebRTC-HTTP Egress Protocol</a>
 */
package org.peerstack.whip;
