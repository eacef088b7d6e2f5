package org.peerstack.config;

/**
 * Which audio device module backs a {@code WebRtcEngine} ({@code webrtc.audio-mode} in
 * {@code config/peerstack.yaml}). A machine without a sound card needs one of these two: libwebrtc's
 * default module aborts the JVM there.
 */
public enum AudioMode {
    /**
     * libwebrtc's dummy module: never touches a sound server, safe for video, data and sending synthetic
     * audio; remote audio is not decoded.
     */
    DUMMY,
    /**
     * A headless module that decodes remote audio (playout runs without a device). Do not send audio from
     * a peerstack source on such an engine: webrtc-java 0.14.0 aborts the JVM in {@code audio_send_stream.cc}.
     */
    HEADLESS
}
