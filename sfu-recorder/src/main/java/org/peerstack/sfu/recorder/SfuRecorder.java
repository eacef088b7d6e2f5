package org.peerstack.sfu.recorder;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.IntFunction;
import org.peerstack.exc.NotFoundException;
import org.peerstack.exc.NotSupportedException;
import org.peerstack.exc.OperationException;
import org.peerstack.sfu.SfuRoom;
import org.peerstack.sfu.SfuRtpListener;
import org.peerstack.sfu.SfuTap;
import org.peerstack.sfu.SfuTrack;
import org.peerstack.sfu.recorder.internal.RecordingSession;

/**
 * Records tracks of an SFU room into a file straight from their RTP packets: no decoding, no encoding.
 *
 * <pre>{@code
 * SfuRecording rec = SfuRecorder.record(room, publisher.id(), Path.of("out.webm"), SfuRecordingOptions.defaults()).get();
 * ...
 * rec.close(); // finalises the file
 * }</pre>
 */
public final class SfuRecorder {

    private SfuRecorder() {
    }

    /**
     * Records the first video and the first audio track that {@code publisherId} publishes in {@code room}.
     * The future fails with {@link NotFoundException} when it publishes nothing, {@link NotSupportedException}
     * when the chosen format cannot hold its codecs, {@link OperationException} "io-error" when the file cannot
     * be created.
     */
    public static CompletableFuture<SfuRecording> record(SfuRoom room, String publisherId, Path path, SfuRecordingOptions options) {
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(publisherId, "publisherId");
        return room.tracks().thenApply(all -> {
            SfuTrack video = null;
            SfuTrack audio = null;
            for (SfuTrack t : all) {
                if (t.publisherId().equals(publisherId)) {
                    if (t.isVideo() && video == null) {
                        video = t;
                    } else if (!t.isVideo() && audio == null) {
                        audio = t;
                    }
                }
            }
            List<SfuTrack> chosen = new ArrayList<>();
            if (video != null) {
                chosen.add(video);
            }
            if (audio != null) {
                chosen.add(audio);
            }
            if (chosen.isEmpty()) {
                throw new NotFoundException("The publisher " + publisherId + " publishes nothing in " + room.id());
            }
            return chosen;
        }).thenCompose(chosen -> record(room, chosen, path, options));
    }

    /** Records the given tracks of {@code room} (at most one video and one audio track) into one file. */
    public static CompletableFuture<SfuRecording> record(SfuRoom room, List<SfuTrack> tracks, Path path, SfuRecordingOptions options) {
        CompletableFuture<SfuRecording> result = new CompletableFuture<>();
        SfuTap[] tapOf = new SfuTap[tracks.size()];
        Started started;
        try {
            started = begin(tracks, path, options, index -> () -> {
                SfuTap tap = tapOf[index];
                if (tap != null) {
                    tap.requestKeyframe();
                }
            });
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
            return result;
        }
        SfuRecording recording = started.recording();
        RecordingSession session = started.session();
        List<SfuTap> taps = new ArrayList<>();
        CompletableFuture<Void> all = CompletableFuture.completedFuture(null);
        for (int i = 0; i < tracks.size(); i++) {
            int index = i;
            SfuRtpListener listener = new SfuRtpListener() {
                @Override
                public void onRtp(byte[] packet, int offset, int length) {
                    session.offer(index, packet, offset, length);
                }

                @Override
                public void onEnded() {
                    recording.trackEnded();
                }
            };
            all = all.thenCompose(v -> room.tap(tracks.get(index).id(), listener).thenAccept(tap -> {
                tapOf[index] = tap;
                synchronized (taps) {
                    taps.add(tap);
                }
                tap.requestKeyframe();
            }));
        }
        all.whenComplete((v, e) -> {
            recording.start(session, taps);
            if (e != null) {
                recording.close();
                result.completeExceptionally(e instanceof CompletionException && e.getCause() != null ? e.getCause() : e);
            } else {
                result.complete(recording);
            }
        });
        return result;
    }

    /** A recording whose worker runs and whose packets go to {@code session.offer(trackIndex, ...)}. */
    record Started(SfuRecording recording, RecordingSession session) {
    }

    /**
     * Checks the format against the codecs, creates the file and starts the worker. {@code keyframe} gives,
     * per track index, how to ask its sender for a keyframe.
     *
     * @throws NotSupportedException when the format cannot hold the codecs, or for more than one track of a kind
     * @throws OperationException "io-error" when the file cannot be created
     */
    static Started begin(List<SfuTrack> tracks, Path path, SfuRecordingOptions options, IntFunction<Runnable> keyframe) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(options, "options");
        SfuRecordingFormat format = options.format();
        boolean h264 = tracks.stream().anyMatch(t -> t.codec().equalsIgnoreCase("H264"));
        String muxer = format == SfuRecordingFormat.AUTO ? (h264 ? "mp4" : "webm") : format.muxer();
        for (SfuTrack t : tracks) {
            if (!format.accepts(t.codec()) || (muxer.equals("mp4") && t.codec().equalsIgnoreCase("VP8"))) {
                throw new NotSupportedException(format + " cannot hold " + t.codec() + " (track " + t.id() + ")");
            }
        }
        if (tracks.stream().filter(SfuTrack::isVideo).count() > 1 || tracks.stream().filter(t -> !t.isVideo()).count() > 1) {
            throw new NotSupportedException("A recording holds at most one video and one audio track");
        }
        OutputStream out;
        try {
            out = new BufferedOutputStream(Files.newOutputStream(path), 64 * 1024);
        } catch (IOException | RuntimeException e) {
            throw new OperationException("io-error", "Cannot create " + path + ": " + e.getMessage());
        }
        SfuRecording recording = new SfuRecording(path, tracks);
        List<RecordingSession.TrackSpec> specs = new ArrayList<>();
        for (int i = 0; i < tracks.size(); i++) {
            specs.add(new RecordingSession.TrackSpec(tracks.get(i).codec(), tracks.get(i).isVideo(), keyframe.apply(i)));
        }
        RecordingSession session = new RecordingSession(specs, muxer, out, options.fragmentInterval().toMillis(),
                options.queueCapacity(), options.reorderPackets(), options.reorderDelay().toMillis(), recording::stopped);
        recording.start(session, List.of());
        return new Started(recording, session);
    }
}
