/**
 * peerstack's selective forwarding unit (SFU): a pure-Java media plane that forwards RTP from
 * publishers to subscribers without decoding.
 *
 * <p>Implements, in part: ICE-lite (<a href="https://www.rfc-editor.org/rfc/rfc8445#section-2.5">RFC 8445 §2.5</a>),
 * STUN (<a href="https://www.rfc-editor.org/rfc/rfc8489">RFC 8489</a>), consent freshness
 * (<a href="https://www.rfc-editor.org/rfc/rfc7675">RFC 7675</a>), DTLS-SRTP
 * (<a href="https://www.rfc-editor.org/rfc/rfc5764">RFC 5764</a>), SRTP
 * (<a href="https://www.rfc-editor.org/rfc/rfc3711">RFC 3711</a>, <a href="https://www.rfc-editor.org/rfc/rfc7714">RFC 7714</a>),
 * RTP/RTCP (<a href="https://www.rfc-editor.org/rfc/rfc3550">RFC 3550</a>,
 * <a href="https://www.rfc-editor.org/rfc/rfc4585">RFC 4585</a>, <a href="https://www.rfc-editor.org/rfc/rfc5104">RFC 5104</a>,
 * <a href="https://www.rfc-editor.org/rfc/rfc4588">RFC 4588</a>), JSEP offer/answer
 * (<a href="https://www.rfc-editor.org/rfc/rfc8829">RFC 8829</a>) with BUNDLE
 * (<a href="https://www.rfc-editor.org/rfc/rfc8843">RFC 8843</a>). The entry point is {@link org.peerstack.sfu.SfuServer};
 * docs/sfu.md describes the design and what is not implemented.
 */
package org.peerstack.sfu;
