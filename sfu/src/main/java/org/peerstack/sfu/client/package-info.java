/**
 * A packet-level receiving peer ({@link org.peerstack.sfu.client.RtpReceivingPeer}): answers or makes
 * recvonly SDP offers and receives RTP over ICE, DTLS-SRTP and RTCP feedback with the SFU's own transport
 * code, without libwebrtc and without decoding. For recording without re-encoding and for load clients.
 *
 * <p>Implements, in part: JSEP offer/answer (<a href="https://www.rfc-editor.org/rfc/rfc8829">RFC 8829</a>)
 * with BUNDLE (<a href="https://www.rfc-editor.org/rfc/rfc8843">RFC 8843</a>), ICE as a controlling agent
 * towards ICE-lite (<a href="https://www.rfc-editor.org/rfc/rfc8445">RFC 8445</a>), DTLS-SRTP
 * (<a href="https://www.rfc-editor.org/rfc/rfc5764">RFC 5764</a>), RTCP receiver reports
 * (<a href="https://www.rfc-editor.org/rfc/rfc3550#section-6.4.2">RFC 3550 §6.4.2</a>), NACK and PLI
 * (<a href="https://www.rfc-editor.org/rfc/rfc4585">RFC 4585</a>), RTX
 * (<a href="https://www.rfc-editor.org/rfc/rfc4588">RFC 4588</a>), and WHEP's client offer
 * (<a href="https://datatracker.ietf.org/doc/draft-ietf-wish-whep/">draft-ietf-wish-whep</a>).
 */
package org.peerstack.sfu.client;
