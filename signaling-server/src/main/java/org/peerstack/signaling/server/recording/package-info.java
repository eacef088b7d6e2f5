/**
 * Per-room passthrough recording in the signaling server ({@code recording:} section): every track
 * published in a matching SFU room or WHIP stream is written to a file straight from its RTP packets by
 * peerstack-sfu-recorder (no decoding, no encoding); see {@code docs/sfu-recording.md}.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc3550">RFC 3550: RTP</a>
 * @see <a href="https://www.matroska.org/technical/elements.html">Matroska / WebM elements</a>
 */
package org.peerstack.signaling.server.recording;
