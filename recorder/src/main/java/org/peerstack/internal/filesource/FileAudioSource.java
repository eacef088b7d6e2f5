package org.peerstack.internal.filesource;

import java.nio.file.Path;
import org.peerstack.media.AudioData;
import org.peerstack.media.MediaKind;
import org.peerstack.media.MediaTrackCapabilities;
import org.peerstack.media.MediaTrackSettings;

/** A file's audio stream as a microphone, in 10 ms chunks of 16-bit PCM. */
final class FileAudioSource extends FileMediaSource {

    FileAudioSource(FfmpegFileSourceProvider provider, Path path, boolean loop, FileStreams streams, String id,
                    String group) {
        super(MediaKind.AUDIO, provider, path, loop, capabilities(streams, id, group), defaults(streams, id, group));
    }

    static MediaTrackCapabilities capabilities(FileStreams s, String id, String group) {
        return MediaTrackCapabilities.newBuilder().sampleRate(s.sampleRate(), s.sampleRate())
                .channelCount(s.channels(), s.channels())
                .sampleSize(AudioData.BITS_PER_SAMPLE, AudioData.BITS_PER_SAMPLE)
                .echoCancellation(false).autoGainControl(false).noiseSuppression(false)
                .deviceId(id).groupId(group).build();
    }

    static MediaTrackSettings defaults(FileStreams s, String id, String group) {
        return MediaTrackSettings.newBuilder().sampleRate(s.sampleRate()).channelCount(s.channels())
                .sampleSize(AudioData.BITS_PER_SAMPLE).echoCancellation(false).autoGainControl(false)
                .noiseSuppression(false).deviceId(id).groupId(group).build();
    }

    /** Delivers a chunk (called on the player thread). */
    void push(AudioData chunk) {
        deliverAudio(chunk);
    }
}
