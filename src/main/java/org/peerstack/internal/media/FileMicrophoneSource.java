package org.peerstack.internal.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.ScheduledExecutorService;
import org.peerstack.media.AudioData;
import org.peerstack.media.MediaKind;
import org.peerstack.media.MediaTrackCapabilities;
import org.peerstack.media.MediaTrackSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A 16-bit PCM WAV file played as a microphone in 10 ms chunks. At end of file it starts again
 * ({@code loop}) or ends its tracks, which fire {@code ended}.
 */
final class FileMicrophoneSource extends PeriodicSource {

    private static final Logger LOG = LoggerFactory.getLogger(FileMicrophoneSource.class);

    private final Path path;
    private final boolean loop;
    private final MediaTrackCapabilities capabilities;
    private final MediaTrackSettings defaults;
    private WavFile file;
    private long samples;

    FileMicrophoneSource(Path path, boolean loop, MediaTrackCapabilities capabilities, MediaTrackSettings defaults,
                         ScheduledExecutorService scheduler) {
        super(MediaKind.AUDIO, path.getFileName().toString(), scheduler);
        this.path = path;
        this.loop = loop;
        this.capabilities = capabilities;
        this.defaults = defaults;
    }

    static MediaTrackCapabilities capabilities(WavFile f, String id, String group) {
        return MediaTrackCapabilities.newBuilder().sampleRate(f.sampleRate, f.sampleRate)
                .channelCount(f.channels, f.channels)
                .sampleSize(AudioData.BITS_PER_SAMPLE, AudioData.BITS_PER_SAMPLE)
                .echoCancellation(false).autoGainControl(false).noiseSuppression(false)
                .deviceId(id).groupId(group).build();
    }

    static MediaTrackSettings defaults(WavFile f, String id, String group) {
        return MediaTrackSettings.newBuilder().sampleRate(f.sampleRate).channelCount(f.channels)
                .sampleSize(AudioData.BITS_PER_SAMPLE).echoCancellation(false).autoGainControl(false)
                .noiseSuppression(false).deviceId(id).groupId(group).build();
    }

    @Override
    public MediaTrackCapabilities capabilities() {
        return capabilities;
    }

    @Override
    protected MediaTrackSettings defaultSettings() {
        return defaults;
    }

    @Override
    protected void onStart(MediaTrackSettings settings) throws IOException {
        file = WavFile.open(path);
        schedule(AudioData.CHUNK_MS * 1_000_000L);
    }

    @Override
    void tick() {
        WavFile f = file;
        int frames = f.sampleRate * AudioData.CHUNK_MS / 1000;
        try {
            byte[] pcm = f.next(frames);
            if (pcm == null && loop) {
                f.rewind();
                pcm = f.next(frames);
            }
            if (pcm == null) {
                end();
                return;
            }
            long t = samples * 1_000_000L / f.sampleRate;
            samples += pcm.length / 2 / f.channels;
            deliverAudio(AudioData.ofBytes(pcm, f.sampleRate, f.channels, t));
        } catch (IOException e) {
            LOG.warn("reading {} failed; ending its tracks", path, e);
            end();
        }
    }

    @Override
    void released() {
        try {
            if (file != null) {
                file.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
