/**
 * The recording engine behind {@code MediaRecorder}
 * (<a href="https://www.w3.org/TR/mediastream-recording/">W3C MediaStream Recording</a>): encoders
 * (libvpx VP8/VP9, OpenH264, libaom AV1, libopus, AAC, PCM) and muxers (WebM, fragmented MP4, Matroska, Ogg) from FFmpeg through
 * {@code org.bytedeco:ffmpeg} (LGPL build), driven from one worker thread per recorder.
 *
 * <p>Entry points: {@link org.peerstack.internal.recorder.RecordingTypes} (isTypeSupported, type
 * selection), {@link org.peerstack.internal.recorder.RecorderSettings} (bitrates),
 * {@link org.peerstack.internal.recorder.RecorderEngine} (start, push media, pause, resume,
 * requestData, stop) and {@link org.peerstack.internal.recorder.RecorderListener} (chunks, errors,
 * stop). See {@code docs/recording.md}.
 */
package org.peerstack.internal.recorder;
