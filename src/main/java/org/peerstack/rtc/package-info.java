/**
 * W3C WebRTC 1.0 peer connections over libwebrtc:
 * <a href="https://www.w3.org/TR/webrtc/#interface-definition">RTCPeerConnection</a>,
 * <a href="https://www.w3.org/TR/webrtc/#rtcrtpsender-interface">RTCRtpSender</a>,
 * <a href="https://www.w3.org/TR/webrtc/#rtcrtpreceiver-interface">RTCRtpReceiver</a>,
 * <a href="https://www.w3.org/TR/webrtc/#rtcrtptransceiver-interface">RTCRtpTransceiver</a>,
 * <a href="https://www.w3.org/TR/webrtc/#rtcdatachannel">RTCDataChannel</a> and
 * <a href="https://www.w3.org/TR/webrtc-stats/">getStats</a>, with the W3C names and semantics:
 * promises are {@code CompletableFuture}s completed with {@code org.peerstack.exc} exceptions, events
 * follow {@code org.peerstack.event}. {@link org.peerstack.rtc.PerfectNegotiation} is the
 * <a href="https://www.w3.org/TR/webrtc/#perfect-negotiation-example">perfect negotiation</a> pattern.
 *
 * <p>No type of this package exposes libwebrtc: the native side of a connection lives behind it in
 * {@code org.peerstack.internal.rtc} (see docs/ARCHITECTURE.md). A connection runs on a
 * {@link org.peerstack.rtc.WebRtcEngine} (one libwebrtc factory with its threads and audio module).
 */
package org.peerstack.rtc;
