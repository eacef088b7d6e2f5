package org.peerstack.demo;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.peerstack.media.MediaStream;
import org.peerstack.media.MediaStreamTrack;
import org.peerstack.recorder.MediaRecorder;
import org.peerstack.recorder.MediaRecorderOptions;
import org.peerstack.rtc.RTCTrackEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code record} bot: records every remote participant to its own file with {@link MediaRecorder}
 * (WebM, VP8 + Opus, by default), one {@link ParticipantRecording} each, and reports progress.
 *
 * <p>A participant's recording starts as soon as its stream holds both an audio and a video track, or
 * {@link #START_DELAY} after its first track when it sends only one kind. The bot sends nothing: an
 * engine in the default {@code headless} audio mode decodes remote audio for a connection that only
 * receives (on a {@code dummy} engine the audio track records silence).
 */
public final class RecordBot implements Room.Handler, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RecordBot.class);

    /** Wait after a participant's first track for its second, before recording what there is. */
    public static final Duration START_DELAY = Duration.ofMillis(1500);
    /** Chunk length delivered by the recorder and written to the file (milliseconds). */
    public static final long TIMESLICE_MS = 1000;
    /** Longest wait for a recording to finish its file at close (milliseconds). */
    public static final long STOP_TIMEOUT_MS = 15_000;

    private final Path directory;
    private final String prefix;
    private final MediaRecorderOptions options;
    private final Map<String, ParticipantRecording> recordings = new ConcurrentHashMap<>();
    private final List<ParticipantRecording> finished = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Map<String, MediaStream> pending = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "peerstack-demo-record");
        t.setDaemon(true);
        return t;
    });
    /** Per peer, the stream its tracks without a stream are recorded in. */
    private final Map<String, MediaStream> streamless = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * @param directory where the files go (created if missing)
     * @param prefix    file name prefix, e.g. the room name
     * @param options   recorder options (type and bit rates)
     */
    public RecordBot(Path directory, String prefix, MediaRecorderOptions options) throws IOException {
        this.directory = Files.createDirectories(directory);
        this.prefix = prefix;
        this.options = options;
    }

    @Override
    public void track(Peer peer, RTCTrackEvent event) {
        if (recordings.containsKey(peer.id())) {
            LOG.info("{} sent another {} track; recording only the tracks it sent first", peer.name(),
                    event.track().kind().token());
            return;
        }
        MediaStream stream;
        if (event.streams().isEmpty()) {
            // No a=msid, or a=msid:- (addTrack without a stream; GStreamer webrtcbin signals streams only in
            // legacy a=ssrc lines): record the peer's stream-less tracks as one stream of that peer.
            stream = streamless.computeIfAbsent(peer.id(), id -> new MediaStream());
            stream.addTrack(event.track());
            LOG.info("{}'s {} track has no stream: recording it in one stream for that peer", peer.name(),
                    event.track().kind().token());
        } else {
            stream = event.streams().get(0);
        }
        boolean first = pending.put(peer.id(), stream) == null;
        if (!stream.getAudioTracks().isEmpty() && !stream.getVideoTracks().isEmpty()) {
            startRecording(peer);
        } else if (first) {
            timer.schedule(() -> startRecording(peer), START_DELAY.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private synchronized void startRecording(Peer peer) {
        MediaStream stream = pending.remove(peer.id());
        if (closed || stream == null || recordings.containsKey(peer.id()) || peer.pc().isClosed()) {
            return;
        }
        // Record a stream of its own: tracks the remote side adds later must not end this recording.
        List<MediaStreamTrack> tracks = new ArrayList<>(stream.getTracks());
        String safeName = peer.name().replaceAll("[^A-Za-z0-9._-]", "_");
        Path file = directory.resolve(String.format("%s-%s-%d.webm", prefix, safeName, System.currentTimeMillis()));
        try {
            ParticipantRecording recording = ParticipantRecording.start(peer.name(), new MediaStream(tracks), options,
                    file, TIMESLICE_MS);
            recordings.put(peer.id(), recording);
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot record {}: {}", peer.name(), e.toString());
        }
    }

    @Override
    public void peerClosed(Peer peer) {
        pending.remove(peer.id());
        streamless.remove(peer.id());
        ParticipantRecording recording = recordings.remove(peer.id());
        if (recording != null) {
            recording.stop(STOP_TIMEOUT_MS);
            finished.add(recording);
        }
    }

    /** Recordings running now. */
    public List<ParticipantRecording> active() {
        return List.copyOf(recordings.values());
    }

    /** Recordings finished so far (participants who left, and all of them after {@link #close()}). */
    public List<ParticipantRecording> finished() {
        return List.copyOf(finished);
    }

    /** Status text: per recording, duration, size and bit rate. */
    public String status() {
        List<ParticipantRecording> now = active();
        if (now.isEmpty()) {
            return "recording nothing yet";
        }
        StringBuilder text = new StringBuilder();
        for (ParticipantRecording r : now) {
            if (text.length() > 0) {
                text.append("; ");
            }
            text.append(r.progress());
        }
        return text.toString();
    }

    /** Stops every recording and waits until its file is complete. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        timer.shutdownNow();
        for (String id : List.copyOf(recordings.keySet())) {
            ParticipantRecording recording = recordings.remove(id);
            if (recording != null) {
                recording.stop(STOP_TIMEOUT_MS);
                finished.add(recording);
            }
        }
    }

    static void closeQuietly(OutputStream out) {
        try {
            out.close();
        } catch (IOException e) {
            LOG.warn("closing a recording file: {}", e.toString());
        }
    }
}
