package org.peerstack.demo;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.peerstack.media.MediaStream;
import org.peerstack.recorder.MediaRecorder;
import org.peerstack.recorder.MediaRecorderOptions;

/**
 * One participant's recording to one file: a {@link MediaRecorder} whose chunks are appended to the file
 * as they come (so a crash keeps everything recorded so far), with its progress.
 */
public final class ParticipantRecording {

    private final String participant;
    private final Path file;
    private final MediaRecorder recorder;
    private final OutputStream out;
    private final long startedNanos = System.nanoTime();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong audioChunks = new AtomicLong();
    private final AtomicLong loudAudioChunks = new AtomicLong();
    private final AtomicLong videoFrames = new AtomicLong();
    private final AtomicReference<String> error = new AtomicReference<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile long stoppedNanos;

    private ParticipantRecording(String participant, Path file, MediaRecorder recorder, OutputStream out) {
        this.participant = participant;
        this.file = file;
        this.recorder = recorder;
        this.out = out;
    }

    /** Starts recording {@code stream} into {@code file}, a chunk every {@code timesliceMs}. */
    static ParticipantRecording start(String participant, MediaStream stream, MediaRecorderOptions options, Path file,
                                      long timesliceMs) throws IOException {
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(file));
        MediaRecorder recorder;
        try {
            recorder = new MediaRecorder(stream, options);
        } catch (RuntimeException e) {
            RecordBot.closeQuietly(out);
            throw e;
        }
        ParticipantRecording recording = new ParticipantRecording(participant, file, recorder, out);
        stream.getAudioTracks().forEach(track -> track.addSink((org.peerstack.media.AudioSink) data -> {
            recording.audioChunks.incrementAndGet();
            if (!data.isSilent()) {
                recording.loudAudioChunks.incrementAndGet();
            }
        }));
        stream.getVideoTracks().forEach(track -> track.addSink((org.peerstack.media.VideoSink) frame -> {
            if (recording.stoppedNanos == 0) {
                recording.videoFrames.incrementAndGet();
            }
        }));
        recorder.setBlobSink(chunk -> {
            chunk.writeTo(out);
            out.flush();
            recording.bytes.addAndGet(chunk.size());
        });
        recorder.addEventListener(MediaRecorder.ERROR, e -> recording.error.compareAndSet(null, e.toString()));
        recorder.addEventListener(MediaRecorder.STOP, e -> recording.finish());
        try {
            recorder.start(timesliceMs);
        } catch (RuntimeException e) {
            recorder.close();
            RecordBot.closeQuietly(out);
            throw e;
        }
        return recording;
    }

    private void finish() {
        stoppedNanos = System.nanoTime();
        RecordBot.closeQuietly(out);
        stopped.countDown();
    }

    /** Stops the recorder and waits (at most {@code timeoutMs}) until the file is complete. */
    void stop(long timeoutMs) {
        try {
            recorder.stop();
        } catch (RuntimeException e) {
            // already inactive (it ended by itself): the stop event has fired or will
        }
        try {
            if (!stopped.await(timeoutMs, TimeUnit.MILLISECONDS)) {
                error.compareAndSet(null, "recording did not finish within " + timeoutMs + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            recorder.close();
            if (stopped.getCount() > 0) {
                finish();
            }
        }
    }

    /** Who is recorded. */
    public String participant() {
        return participant;
    }

    /** The output file. */
    public Path file() {
        return file;
    }

    /** The recorder's MIME type, e.g. {@code video/webm;codecs=vp8,opus}. */
    public String mimeType() {
        return recorder.mimeType();
    }

    /** Bytes written to the file so far. */
    public long bytes() {
        return bytes.get();
    }

    /** Wall-clock time recorded so far (until the stop, once stopped). */
    public Duration duration() {
        long end = stoppedNanos == 0 ? System.nanoTime() : stoppedNanos;
        return Duration.ofNanos(end - startedNanos);
    }

    /** Share of the received 10 ms audio chunks that were not silence (0..1; 0 when no audio came). */
    public double audibleShare() {
        long all = audioChunks.get();
        return all == 0 ? 0 : loudAudioChunks.get() / (double) all;
    }

    /**
     * Video frames the recorded tracks delivered to this recording so far (0 while no video arrived: the
     * connection is still being set up, or the sender sends none). Counted until the stop.
     */
    public long videoFrames() {
        return videoFrames.get();
    }

    /** The first error the recorder reported, if any. */
    public java.util.Optional<String> error() {
        return java.util.Optional.ofNullable(error.get());
    }

    /**
     * {@code Alice's file 12.0 s 1.52 MB 1.01 Mbit/s, 356 video frames, 37% audible}-style progress: the
     * recording of that participant so far (its length is wall-clock time since the recording started,
     * which includes any time before the first media arrived), the video frames it received
     * ({@link #videoFrames()}) and the share of its 10 ms audio blocks that are not silence
     * ({@link #audibleShare()}).
     */
    public String progress() {
        double seconds = duration().toMillis() / 1000.0;
        return String.format("%s's file %.1f s %.2f MB %s, %d video frames, %d%% audible", participant, seconds,
                bytes() / 1e6, CallStats.bitrate(seconds > 0 ? bytes() * 8 / seconds : 0), videoFrames(),
                Math.round(audibleShare() * 100));
    }

    /** What {@link #progress()} shows, for a legend line. */
    public static final String PROGRESS_LEGEND = "NAME's file = the recording of NAME so far (length, size, bit rate,"
            + " video frames received); audible = share of its 10 ms audio blocks that are not silence";
}
