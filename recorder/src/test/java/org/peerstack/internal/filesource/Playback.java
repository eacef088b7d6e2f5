package org.peerstack.internal.filesource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.peerstack.internal.media.CaptureDevice;
import org.peerstack.media.AudioData;
import org.peerstack.media.MediaDeviceKind;
import org.peerstack.media.MediaStreamTrack;
import org.peerstack.media.MediaTrackConstraints;
import org.peerstack.media.MediaTrackSource;

/**
 * Plays a file through a provider's devices the way MediaDevices does (open, start, createTrack) and
 * records what the tracks receive: per frame its size, centre luma and arrival time; audio chunks.
 */
final class Playback {

    /** One video frame as seen by the sink. */
    record Frame(int width, int height, int centreLuma, long arrivalNs, long timestampNs) {
    }

    /** One audio chunk and its arrival time. */
    record Chunk(AudioData data, long arrivalNs) {
    }

    final List<Frame> frames = java.util.Collections.synchronizedList(new ArrayList<>());
    final List<Chunk> chunks = java.util.Collections.synchronizedList(new ArrayList<>());
    final List<MediaStreamTrack> tracks = new ArrayList<>();
    private final CountDownLatch ended;

    Playback(FfmpegFileSourceProvider provider, Path file, boolean loop, MediaDeviceKind... kinds) throws IOException {
        List<CaptureDevice> devices = provider.devices(file, loop);
        ended = new CountDownLatch(kinds.length);
        for (MediaDeviceKind kind : kinds) {
            CaptureDevice device = devices.stream().filter(d -> d.kind() == kind).findFirst().orElseThrow(
                    () -> new AssertionError(file + " offers no " + kind));
            MediaTrackSource source = device.open();
            source.start(MediaTrackConstraints.empty());
            MediaStreamTrack track = source.createTrack();
            track.addEventListener(MediaStreamTrack.ENDED, e -> ended.countDown());
            if (kind == MediaDeviceKind.VIDEO_INPUT) {
                track.addVideoSink(f -> frames.add(new Frame(f.width(), f.height(),
                        f.dataY().get(f.height() / 2 * f.strideY() + f.width() / 2) & 0xff, System.nanoTime(),
                        f.timestampNs())));
            } else {
                track.addAudioSink(a -> chunks.add(new Chunk(a, System.nanoTime())));
            }
            tracks.add(track);
        }
    }

    /** Waits until every track fired {@code ended}. */
    boolean awaitEnded(long seconds) throws InterruptedException {
        return ended.await(seconds, TimeUnit.SECONDS);
    }

    void stop() {
        tracks.forEach(MediaStreamTrack::stop);
    }

    /** Channel 0 of every chunk, concatenated. */
    short[] channel0() {
        List<Chunk> copy;
        synchronized (chunks) {
            copy = List.copyOf(chunks);
        }
        int n = copy.stream().mapToInt(c -> c.data().frameCount()).sum();
        short[] out = new short[n];
        int i = 0;
        for (Chunk c : copy) {
            var s = c.data().samples();
            for (int f = 0; f < c.data().frameCount(); f++) {
                out[i++] = s.get(f * c.data().channelCount());
            }
        }
        return out;
    }
}
