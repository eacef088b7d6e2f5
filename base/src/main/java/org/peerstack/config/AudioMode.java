package org.peerstack.config;

/**
 * Which audio device module backs a {@code WebRtcEngine} ({@code webrtc.audio-mode} in
 * {@code config/peerstack.yaml}). A machine without a sound card needs one of these two: libwebrtc's
 * default module aborts the JVM there. Neither touches a sound server.
 */
public enum AudioMode {
    /**
     * libwebrtc's dummy module: remote audio is not decoded (remote audio tracks deliver nothing). For
     * engines that carry only video, data or outgoing audio, to save the decoding CPU.
     */
    DUMMY,
    /**
     * The default: a headless module. Remote audio is decoded to the remote tracks' sinks (and so to
     * recordings) whether or not the engine also sends audio, and sending audio is safe.
     */
    HEADLESS
}
