package org.peerstack.internal.filesource;

/**
 * What a probed file offers: its best video and audio stream (index -1 when absent) and the format
 * each is played in.
 *
 * @param videoIndex    index of the video stream, or -1
 * @param width         video width (pixels)
 * @param height        video height (pixels)
 * @param frameRate     video frame rate (frames per second; 30 when the file does not say)
 * @param audioIndex    index of the audio stream, or -1
 * @param sampleRate    rate the audio is played at (Hz): the file's when it is a multiple of 100, else 48 kHz
 * @param channels      channels the audio is played with: the file's, at most 2 (more are downmixed)
 * @param durationUs    the container's duration (microseconds), or -1 when unknown
 * @param description   the container and codecs, for logs (e.g. {@code "mov,mp4 h264 1280x720 + aac"})
 */
record FileStreams(int videoIndex, int width, int height, double frameRate, int audioIndex, int sampleRate,
                   int channels, long durationUs, String description) {

    /** Highest number of channels played; more are downmixed. */
    static final int MAX_CHANNELS = 2;
    /** Rate used when the file's rate cannot be cut into 10 ms chunks of whole samples. */
    static final int FALLBACK_SAMPLE_RATE = 48_000;

    boolean hasVideo() {
        return videoIndex >= 0;
    }

    boolean hasAudio() {
        return audioIndex >= 0;
    }

    /** The rate audio at {@code fileRate} Hz is played at. */
    static int playbackRate(int fileRate) {
        return fileRate > 0 && fileRate % 100 == 0 ? fileRate : FALLBACK_SAMPLE_RATE;
    }
}
