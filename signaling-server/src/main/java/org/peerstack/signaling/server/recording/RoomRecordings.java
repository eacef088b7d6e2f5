package org.peerstack.signaling.server.recording;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.peerstack.exc.ConfigException;
import org.peerstack.sfu.SfuRoom;
import org.peerstack.sfu.SfuTrack;
import org.peerstack.sfu.recorder.SfuRecorder;
import org.peerstack.sfu.recorder.SfuRecording;
import org.peerstack.sfu.recorder.SfuRecordingOptions;
import org.peerstack.signaling.server.sfu.RoomGlobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's passthrough recordings ({@code recording:}): {@link #attach} is called for every SFU room
 * (signaling SFU rooms and WHIP streams) with its name; in a room whose name matches
 * {@code recording.rooms}, each publisher is recorded from its first published tracks (one video, one
 * audio) into {@code <dir>/<room>-<publisher>-<UTC time>.webm} (or {@code .mp4} with H.264) by
 * {@link SfuRecorder}. A recording finalises itself when its publisher leaves; {@link #close()}
 * finalises the others (server stop).
 *
 * <p>Threads: {@link #attach} from any thread; tracks are seen on the peerstack event thread.
 */
public final class RoomRecordings implements AutoCloseable {

    /** How long {@link #close()} waits for the recordings to write their last cluster (milliseconds). */
    public static final long CLOSE_TIMEOUT_MS = 5_000;

    private static final Logger LOG = LoggerFactory.getLogger(RoomRecordings.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final RecordingSettings settings;
    private final RoomGlobs globs;
    private final Path dir;
    private final Clock clock;
    /** Rooms attached, with the publishers seen in each (each is recorded once); weak: closed rooms go away. */
    private final Map<SfuRoom, Set<String>> attached = Collections.synchronizedMap(new WeakHashMap<>());
    private final Set<SfuRecording> running = ConcurrentHashMap.newKeySet();
    private final List<Path> files = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean closed;

    public RoomRecordings(RecordingSettings settings, Clock clock) {
        this.settings = settings;
        this.globs = new RoomGlobs(settings.rooms());
        this.dir = Path.of(settings.dir());
        this.clock = clock;
        if (settings.enabled()) {
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new ConfigException("recording.dir " + dir.toAbsolutePath() + " cannot be created: " + e.getMessage(), e);
            }
        }
    }

    /** Whether the room or stream {@code name} is recorded. */
    public boolean matches(String name) {
        return globs.matches(name);
    }

    /** Records the publishers of {@code room} (named {@code name}) when the name matches; idempotent. */
    public void attach(SfuRoom room, String name) {
        if (closed || !globs.matches(name)) {
            return;
        }
        Set<String> publishers = ConcurrentHashMap.newKeySet();
        if (attached.putIfAbsent(room, publishers) != null) {
            return;
        }
        room.addEventListener(SfuRoom.TRACK_ADDED, e -> {
            String publisher = e.track().publisherId();
            if (publishers.add(publisher)) {
                start(room, name, publisher);
            }
        });
        room.tracks().thenAccept(tracks -> tracks.forEach(t -> {
            if (publishers.add(t.publisherId())) {
                start(room, name, t.publisherId());
            }
        }));
    }

    private void start(SfuRoom room, String name, String publisher) {
        if (closed) {
            return;
        }
        if (running.size() >= settings.maxRecordings()) {
            LOG.warn("recording.max-recordings ({}) reached: publisher {} of {} is not recorded", settings.maxRecordings(),
                    publisher, name);
            return;
        }
        room.tracks().thenCompose(all -> {
            List<SfuTrack> chosen = choose(all, publisher);
            boolean h264 = chosen.stream().anyMatch(t -> t.codec().equalsIgnoreCase("H264"));
            Path path = fileFor(name, publisher, h264 ? "mp4" : "webm");
            return SfuRecorder.record(room, chosen, path, SfuRecordingOptions.defaults());
        }).whenComplete((rec, failure) -> {
            if (failure != null) {
                LOG.warn("cannot record publisher {} of {}: {}", publisher, name, failure.getMessage());
                return;
            }
            running.add(rec);
            files.add(rec.path());
            rec.addEventListener(SfuRecording.ERROR, ev -> LOG.warn("recording {} failed: {}", rec.path(), ev.error().map(Throwable::getMessage).orElse("unknown")));
            rec.stopped().whenComplete((v, x) -> running.remove(rec));
            LOG.atInfo().setMessage("recording started").addKeyValue("room", name).addKeyValue("publisher", publisher)
                    .addKeyValue("file", rec.path()).log();
            if (closed) {
                rec.close();
            }
        });
    }

    private static List<SfuTrack> choose(List<SfuTrack> all, String publisher) {
        SfuTrack video = null;
        SfuTrack audio = null;
        for (SfuTrack t : all) {
            if (t.publisherId().equals(publisher)) {
                if (t.isVideo() && video == null) {
                    video = t;
                } else if (!t.isVideo() && audio == null) {
                    audio = t;
                }
            }
        }
        List<SfuTrack> chosen = new ArrayList<>(2);
        if (video != null) {
            chosen.add(video);
        }
        if (audio != null) {
            chosen.add(audio);
        }
        return chosen;
    }

    private Path fileFor(String room, String publisher, String extension) {
        String base = safe(room) + "-" + safe(publisher) + "-" + TIME.format(clock.instant());
        Path path = dir.resolve(base + "." + extension);
        for (int i = 1; Files.exists(path); i++) {
            path = dir.resolve(base + "-" + i + "." + extension);
        }
        return path;
    }

    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** Recordings running now. */
    public int runningCount() {
        return running.size();
    }

    /** The files being written now. */
    public List<Path> runningPaths() {
        return running.stream().map(SfuRecording::path).toList();
    }

    /** Every file started so far (tests, logs). */
    public List<Path> files() {
        synchronized (files) {
            return List.copyOf(files);
        }
    }

    /** Finalises every running recording, waiting up to {@value #CLOSE_TIMEOUT_MS} ms. Idempotent. */
    @Override
    public void close() {
        closed = true;
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        for (SfuRecording rec : List.copyOf(running)) {
            rec.close();
            stops.add(rec.stopped());
        }
        try {
            CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)).get(CLOSE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn("{} recording(s) not finalised within {} ms", running.size(), CLOSE_TIMEOUT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            LOG.warn("a recording failed while closing: {}", e.getCause().getMessage());
        }
    }
}
