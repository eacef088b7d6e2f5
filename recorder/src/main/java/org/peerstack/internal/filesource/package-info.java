/**
 * Media files played as camera and microphone sources with FFmpeg (bytedeco): every container FFmpeg
 * demuxes (WebM, MP4, MKV, MOV, Ogg, MP3, WAV, Y4M, ...), decoded on one worker thread per file and paced
 * by one media clock, so a file's video and audio tracks stay in sync.
 *
 * <p>Self-contained: everything here that touches FFmpeg stays in this package, and the only way in is
 * {@link org.peerstack.internal.filesource.FfmpegFileSourceProvider}, registered as a
 * {@link org.peerstack.internal.media.FileSourceProvider} service, so the package can move whole into
 * the FFmpeg module. It uses only the public media API ({@code MediaTrackSource}, {@code VideoFrame},
 * {@code AudioData}) and {@code CaptureDevice}.
 *
 * <p>Specs: sources for <a href="https://www.w3.org/TR/mediacapture-streams/">Media Capture and
 * Streams</a> tracks ({@code ended} at end of file when not looping).
 */
package org.peerstack.internal.filesource;
