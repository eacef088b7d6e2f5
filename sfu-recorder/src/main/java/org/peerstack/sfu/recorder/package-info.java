/**
 * Recording of SFU tracks without re-encoding: {@link org.peerstack.sfu.recorder.SfuRecorder} rebuilds
 * encoded frames from the RTP packets of VP8 (RFC 7741), VP9 (RFC 9628), H.264 (RFC 6184) and Opus
 * (RFC 7587) and muxes them into WebM, Matroska or fragmented MP4 with FFmpeg. See docs/sfu-recording.md.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7741">RFC 7741</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9628">RFC 9628</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6184">RFC 6184</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7587">RFC 7587</a>
 */
package org.peerstack.sfu.recorder;
