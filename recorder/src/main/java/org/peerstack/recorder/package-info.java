/**
 * <a href="https://www.w3.org/TR/mediastream-recording/">W3C MediaStream Recording</a>:
 * {@link org.peerstack.recorder.MediaRecorder} records a {@code MediaStream} into WebM (VP8/VP9/AV1 + Opus),
 * fragmented MP4 (H.264/VP9/AV1 + AAC/Opus), Matroska (VP8/VP9/H.264/AV1 + Opus/PCM) or Ogg (Opus) chunks, delivered as {@link org.peerstack.recorder.BlobEvent}s
 * carrying a {@link org.peerstack.media.Blob}. Events follow the {@code org.peerstack.event} contract.
 * The encoding engine is {@code org.peerstack.internal.recorder}; see {@code docs/recording.md}.
 */
package org.peerstack.recorder;
