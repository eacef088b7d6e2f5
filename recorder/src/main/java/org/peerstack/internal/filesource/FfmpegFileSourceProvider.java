package org.peerstack.internal.filesource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.peerstack.internal.media.CaptureDevice;
import org.peerstack.internal.media.FileSourceProvider;
import org.peerstack.media.MediaDeviceKind;

/**
 * Plays media files with FFmpeg: the {@link FileSourceProvider} service of this package (registered in
 * {@code META-INF/services}). A file is probed once per size and modification time; sources on one
 * file share one {@link FilePlayer} while any of them runs.
 */
public final class FfmpegFileSourceProvider implements FileSourceProvider {

    private final double speed;
    private final Map<Path, Probe> probes = new ConcurrentHashMap<>();
    private final Map<Path, FilePlayer> players = new HashMap<>();

    /** Plays files in real time (the service constructor). */
    public FfmpegFileSourceProvider() {
        this(1.0);
    }

    /** Plays files {@code speed} times faster than real time (a test seam). */
    FfmpegFileSourceProvider(double speed) {
        this.speed = speed;
    }

    @Override
    public List<CaptureDevice> devices(Path path, boolean loop) throws IOException {
        Path file = path.toAbsolutePath().normalize();
        FileStreams streams = probe(file);
        String group = CaptureDevice.stableId("file-group:" + file);
        String name = file.getFileName().toString();
        List<CaptureDevice> out = new ArrayList<>(2);
        if (streams.hasVideo()) {
            String id = CaptureDevice.stableId("file-camera:" + file);
            out.add(new CaptureDevice(MediaDeviceKind.VIDEO_INPUT, id, group, name,
                    FileVideoSource.capabilities(streams, id, group),
                    () -> new FileVideoSource(this, file, loop, streams, id, group)));
        }
        if (streams.hasAudio()) {
            String id = CaptureDevice.stableId("file-microphone:" + file);
            out.add(new CaptureDevice(MediaDeviceKind.AUDIO_INPUT, id, group, name,
                    FileAudioSource.capabilities(streams, id, group),
                    () -> new FileAudioSource(this, file, loop, streams, id, group)));
        }
        return out;
    }

    /**
     * The streams of {@code file}, read again only when its size or modification time changed.
     *
     * @throws IOException naming why it cannot be played
     */
    FileStreams probe(Path file) throws IOException {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            probes.remove(file);
            throw new IOException("no such file");
        }
        Probe cached = probes.get(file);
        if (cached == null || cached.size != attrs.size() || cached.modified != attrs.lastModifiedTime().toMillis()) {
            FileStreams streams = null;
            String problem = null;
            try {
                streams = Demuxer.probe(file);
                if (!streams.hasVideo() && !streams.hasAudio()) {
                    problem = "it has no video or audio stream FFmpeg can decode (" + streams.description() + ")";
                }
            } catch (IOException e) {
                problem = e.getMessage();
            }
            cached = new Probe(attrs.size(), attrs.lastModifiedTime().toMillis(), streams, problem);
            probes.put(file, cached);
        }
        if (cached.problem != null) {
            throw new IOException(cached.problem);
        }
        return cached.streams;
    }

    /** Attaches {@code source} to the player of {@code file}, starting one if none runs. */
    FilePlayer attach(Path file, boolean loop, FileMediaSource source) {
        synchronized (players) {
            FilePlayer player = players.get(file);
            if (player == null || !player.attach(source)) {
                player = new FilePlayer(file, loop, speed, this);
                player.attach(source);
                players.put(file, player);
            }
            return player;
        }
    }

    /** Called by a player whose last source detached. */
    void stopped(Path file, FilePlayer player) {
        synchronized (players) {
            players.remove(file, player);
        }
    }

    @Override
    public void close() {
        List<FilePlayer> running;
        synchronized (players) {
            running = List.copyOf(players.values());
        }
        running.forEach(FilePlayer::endSources);
    }

    private record Probe(long size, long modified, FileStreams streams, String problem) {
    }
}
