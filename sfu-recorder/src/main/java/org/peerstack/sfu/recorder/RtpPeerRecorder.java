package org.peerstack.sfu.recorder;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.peerstack.sfu.SfuTrack;
import org.peerstack.sfu.client.ReceivedTrack;
import org.peerstack.sfu.client.RtpReceivingPeer;
import org.peerstack.sfu.client.RtpTrackListener;

/**
 * Passthrough recording of what arrives over the network: an {@link RtpReceivingPeer} whose tracks are
 * written to files straight from their packets, with the same depacketisers and muxer as
 * {@link SfuRecorder} (no decoding, no encoding; a loss waits for the next keyframe, asked for with a
 * PLI; an SSRC change starts a new source on the same timeline; the file is valid after a kill).
 *
 * <p>The tracks of one MediaStream ({@code a=msid} stream id; the mid for tracks without one) go into
 * one file: its first video and first audio track, from the stream's first packet on; the file name
 * comes from {@code files}, given the tracks it will hold. A recording finishes when all its tracks
 * ended (the sender removed them, e.g. an SFU room member left) or at {@link #close()}.
 *
 * <pre>{@code
 * try (RtpPeerRecorder rec = RtpPeerRecorder.open(new InetSocketAddress("0.0.0.0", 0),
 *         tracks -> Path.of(tracks.get(0).streamId() + ".webm"), SfuRecordingOptions.defaults())) {
 *     String answer = rec.peer().answer(offer).get();   // to the sender, over its signaling
 *     ...
 * }   // every file finalised
 * }</pre>
 */
public final class RtpPeerRecorder implements AutoCloseable {

    /** One file: the tracks of one stream. I/O thread, but for the recording reference. */
    private static final class StreamFile {
        final List<ReceivedTrack> tracks = new ArrayList<>();
        SfuRecorder.Started started;
        boolean failed;
    }

    private final Function<List<ReceivedTrack>, Path> files;
    private final SfuRecordingOptions options;
    private final Map<String, StreamFile> streams = new LinkedHashMap<>();
    private final Map<String, StreamFile> byMid = new HashMap<>();
    private final List<SfuRecording> recordings = new CopyOnWriteArrayList<>();
    private final List<Exception> failures = new CopyOnWriteArrayList<>();
    private volatile RtpReceivingPeer peer;

    private RtpPeerRecorder(Function<List<ReceivedTrack>, Path> files, SfuRecordingOptions options) {
        this.files = files;
        this.options = options;
    }

    /**
     * Opens the receiving peer on {@code bind} (see {@link RtpReceivingPeer#open}); negotiate through
     * {@link #peer()}.
     */
    public static RtpPeerRecorder open(InetSocketAddress bind, Function<List<ReceivedTrack>, Path> files, SfuRecordingOptions options) {
        RtpPeerRecorder recorder = new RtpPeerRecorder(Objects.requireNonNull(files, "files"), Objects.requireNonNull(options, "options"));
        recorder.peer = RtpReceivingPeer.open(bind, recorder.new Listener());
        return recorder;
    }

    /** The receiving peer: answer the sender's offer or make an offer with it. */
    public RtpReceivingPeer peer() {
        return peer;
    }

    /** The recordings started so far (one per stream), finished ones included. */
    public List<SfuRecording> recordings() {
        return List.copyOf(recordings);
    }

    /** Why a stream could not be recorded (its codecs do not fit the format, the file cannot be created). */
    public List<Exception> failures() {
        return List.copyOf(failures);
    }

    /** Closes the peer, then finishes every file (blocks, bounded per file). Idempotent. */
    @Override
    public void close() {
        RtpReceivingPeer p = peer;
        if (p != null) {
            p.close();
        }
        for (SfuRecording r : recordings) {
            r.close();
        }
    }

    private final class Listener implements RtpTrackListener {

        @Override
        public void onTrack(ReceivedTrack track) {
            String key = track.streamId().isEmpty() || track.streamId().equals("-") ? "mid:" + track.mid() : track.streamId();
            StreamFile f = streams.computeIfAbsent(key, k -> new StreamFile());
            boolean haveKind = f.tracks.stream().anyMatch(t -> t.kind().equals(track.kind()));
            if (f.started == null && !haveKind) {
                f.tracks.add(track);
                byMid.put(track.mid(), f);
            }
        }

        @Override
        public void onRtp(ReceivedTrack track, byte[] packet, int offset, int length) {
            StreamFile f = byMid.get(track.mid());
            if (f == null || f.failed) {
                return;
            }
            if (f.started == null) {
                start(f);
                if (f.started == null) {
                    return;
                }
            }
            int index = f.tracks.indexOf(track);
            if (index >= 0) {
                f.started.session().offer(index, packet, offset, length);
            }
        }

        @Override
        public void onTrackEnded(ReceivedTrack track) {
            StreamFile f = byMid.remove(track.mid());
            if (f != null && f.started != null && f.tracks.contains(track)) {
                f.started.recording().trackEnded();
            }
        }

        private void start(StreamFile f) {
            // video first, audio second: the stream order SfuRecorder writes
            f.tracks.sort(java.util.Comparator.comparing(t -> !t.isVideo()));
            List<SfuTrack> tracks = new ArrayList<>();
            for (ReceivedTrack t : f.tracks) {
                tracks.add(new SfuTrack(t.mid(), t.kind(), "", t.streamId().isEmpty() ? "-" : t.streamId(),
                        t.trackId().isEmpty() ? t.mid() : t.trackId(), t.codec()));
            }
            List<ReceivedTrack> fixed = List.copyOf(f.tracks);
            try {
                f.started = SfuRecorder.begin(tracks, files.apply(fixed), options, index -> () -> {
                    RtpReceivingPeer p = peer;
                    if (p != null) {
                        p.requestKeyframe(fixed.get(index));
                    }
                });
                recordings.add(f.started.recording());
                peer.requestKeyframe(fixed.stream().filter(ReceivedTrack::isVideo).findFirst().orElse(fixed.get(0)));
            } catch (RuntimeException e) {
                f.failed = true;
                failures.add(e);
            }
        }
    }
}
