package org.peerstack.internal.recorder;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.bytedeco.javacpp.Pointer;
import org.peerstack.exc.ChunkDeliveryException;
import org.peerstack.exc.EncodingException;
import org.peerstack.exc.PeerstackException;
import org.peerstack.exc.RecorderQueueFullException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The encoding and muxing engine behind {@code MediaRecorder}: takes raw I420 video and 16-bit PCM
 * audio, encodes and muxes them on its own worker thread, and hands out chunks of the file.
 *
 * <h2>Threading</h2>
 * One worker thread per engine ({@code peerstack-recorder-N}) owns every native FFmpeg context; it
 * is started by {@link #start(long)} and ends after {@link RecorderListener#onStop}. A recording with
 * video also has a video thread ({@code peerstack-recorder-N-video}, see {@link VideoPipeline}) that
 * encodes one frame at a time while the worker goes on; the worker hands it the frame and takes back
 * its packets, so the encoder is never used by two threads at once. The push methods
 * may be called from any thread (track sinks): they validate and copy the input, then enqueue the copy
 * and return; the caller's buffers can be released at once. The queue is bounded
 * ({@code recorder.max-queue-bytes}, {@code recorder.max-queue-items}); when it is full a push waits
 * up to {@link RecorderSettings#producerWaitMs()} and then reports a
 * {@link RecorderQueueFullException} through {@link RecorderListener#onError} and stops the recording.
 * Control methods enqueue in order with the media, so a {@code pause()} takes effect exactly between
 * the pushes before and after it. All listener calls happen on the worker thread.
 *
 * <h2>Lifecycle</h2>
 * {@code new} (nothing native yet) → {@link #start(long)} → pushes, {@link #pause()},
 * {@link #resume()}, {@link #requestData()} → {@link #stop()} (final chunk, then
 * {@link RecorderListener#onStop}). {@link #close()} stops if needed and waits for the worker to free
 * native memory; it is idempotent and the engine cannot be restarted.
 */
public final class RecorderEngine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RecorderEngine.class);
    private static final AtomicInteger THREADS = new AtomicInteger();
    /** How often an idle worker wakes to check for a stop (milliseconds). */
    private static final long IDLE_POLL_MS = 1_000;

    /** Where an engine is in its life. */
    public enum State { INACTIVE, RECORDING, PAUSED, STOPPING, STOPPED }

    private final RecorderSettings settings;
    private final RecorderListener listener;
    private final CommandQueue queue;
    private final RecorderCounters counters = new RecorderCounters();
    private final BufferPool framePool = new BufferPool();
    private final CompletableFuture<RecorderStats> stopped = new CompletableFuture<>();
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private final AtomicBoolean overflowReported = new AtomicBoolean();
    private volatile State state = State.INACTIVE;
    /** Worker-thread only: the listener hears about one failure per recording. */
    private boolean errorReported;
    private Thread worker;

    public RecorderEngine(RecorderSettings settings, RecorderListener listener) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.queue = new CommandQueue(settings.config().maxQueueBytes(), settings.config().maxQueueItems());
    }

    /** The MIME type this engine writes, e.g. {@code video/webm;codecs=vp8,opus}. */
    public String mimeType() {
        return settings.type().mimeType();
    }

    public RecorderSettings settings() {
        return settings;
    }

    /**
     * Where the recording is: the one state machine of a recording. {@code MediaRecorder.state()} and the
     * recording's sinks read it; nothing else keeps a copy.
     */
    public State state() {
        return state;
    }

    /** True while recording or paused: media may still arrive and {@code stop()} has not been called. */
    public boolean isActive() {
        State s = state;
        return s == State.RECORDING || s == State.PAUSED;
    }

    /** Counters so far (safe from any thread). */
    public RecorderStats stats() {
        counters.workerIdleMs.set(queue.waitedNanos() / 1_000_000);
        return counters.snapshot();
    }

    /** Completes with the final counters after {@link RecorderListener#onStop} has run. */
    public CompletableFuture<RecorderStats> stopped() {
        return stopped;
    }

    /**
     * Starts the worker. With {@code timesliceMs > 0} a chunk is cut each time the recording's timeline
     * advances by {@code max(timesliceMs, recorder.min-timeslice-ms)}; with 0, one chunk at stop
     * (plus any {@link #requestData()}).
     *
     * @throws IllegalStateException if already started
     */
    public synchronized void start(long timesliceMs) {
        if (state != State.INACTIVE) {
            throw new IllegalStateException("recorder already started (" + state + ")");
        }
        long slice = timesliceMs <= 0 ? 0 : Math.max(timesliceMs, settings.config().minTimesliceMs());
        state = State.RECORDING;
        worker = new Thread(() -> run(slice), "peerstack-recorder-" + THREADS.incrementAndGet());
        worker.setDaemon(true);
        worker.start();
    }

    /**
     * Queues a copy of one I420 frame. Buffers are read from their positions and not modified.
     *
     * @return true if queued; false if dropped: not recording, paused, invalid (counted in
     *         {@link RecorderStats#videoFramesInvalid()}), or the queue overflowed (reported as an error)
     */
    public boolean pushVideo(ByteBuffer y, int strideY, ByteBuffer u, int strideU, ByteBuffer v, int strideV,
                             int width, int height, long timestampNs) {
        if (!acceptingMedia()) {
            return false;
        }
        String[] problem = new String[1];
        Optional<I420Frame> frame = I420Frame.copyOf(y, strideY, u, strideU, v, strideV, width, height,
                timestampNs, problem, framePool);
        if (frame.isEmpty()) {
            warnInvalid(counters.videoFramesInvalid.incrementAndGet(), "video frame", problem[0]);
            return false;
        }
        return enqueue(new Command.Video(frame.get()));
    }

    /**
     * Queues a copy of interleaved signed 16-bit PCM in native byte order ({@code frames * channels}
     * samples from {@code pcm}'s position). Rate and channel count may differ from the encoder's and may
     * change between calls.
     *
     * @return true if queued; false if dropped (as for {@link #pushVideo})
     */
    public boolean pushAudio(ByteBuffer pcm, int sampleRate, int channels, int frames, long timestampNs) {
        if (!acceptingMedia()) {
            return false;
        }
        String[] problem = new String[1];
        Optional<PcmChunk> chunk = PcmChunk.copyOf(pcm, sampleRate, channels, frames, timestampNs, problem);
        if (chunk.isEmpty()) {
            warnInvalid(counters.audioBuffersInvalid.incrementAndGet(), "audio buffer", problem[0]);
            return false;
        }
        return enqueue(new Command.Audio(chunk.get()));
    }

    private boolean acceptingMedia() {
        State s = state;
        if (s == State.PAUSED) {
            counters.droppedWhilePaused.incrementAndGet();
        }
        return s == State.RECORDING;
    }

    private boolean enqueue(Command media) {
        boolean queued;
        try {
            queued = queue.offerMedia(media, TimeUnit.MILLISECONDS.toNanos(settings.producerWaitMs()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        if (!queued && overflowReported.compareAndSet(false, true) && state != State.STOPPED) {
            fail(new RecorderQueueFullException("recorder input queue full (limits: "
                    + settings.config().maxQueueBytes() + " bytes, " + settings.config().maxQueueItems()
                    + " items; see recorder.max-queue-bytes/-items): the encoder cannot keep up"));
        }
        return queued;
    }

    /** Drops media pushed from now on until {@link #resume()}; the paused time is not recorded. */
    public synchronized void pause() {
        if (state == State.RECORDING) {
            state = State.PAUSED;
            queue.putControl(new Command.Pause());
        }
    }

    /** Records again; the timeline continues where it paused. */
    public synchronized void resume() {
        if (state == State.PAUSED) {
            queue.putControl(new Command.Resume());
            state = State.RECORDING;
        }
    }

    /** Cuts a chunk with everything encoded so far (possibly empty); the next chunk starts after it. */
    public synchronized void requestData() {
        if (state == State.RECORDING || state == State.PAUSED) {
            queue.putControl(new Command.RequestData());
        }
    }

    /** Ends the recording: encoders are flushed, the final chunk delivered, then onStop. */
    public CompletableFuture<RecorderStats> stop() {
        requestStop(null);
        return stopped;
    }

    /**
     * Ends the recording because of {@code reason} (for example the recorded stream's track set
     * changed): the worker first cuts the chunks of the media already queued, then reports
     * {@code reason} through {@link RecorderListener#onError}, then delivers the final chunk and stops.
     * So the listener sees chunks, error, final chunk, stop in the order the W3C spec gives.
     */
    public CompletableFuture<RecorderStats> stop(PeerstackException reason) {
        requestStop(java.util.Objects.requireNonNull(reason, "reason"));
        return stopped;
    }

    private void fail(PeerstackException failure) {
        requestStop(failure);
    }

    private synchronized void requestStop(PeerstackException failure) {
        if (state == State.STOPPED) {
            return;
        }
        if (state == State.INACTIVE) {
            state = State.STOPPED;
            if (failure != null) {
                reportError(failure); // never started: no chunk to order it against
            }
            stopped.complete(counters.snapshot());
            return;
        }
        if (stopRequested.compareAndSet(false, true)) {
            state = State.STOPPING;
            queue.putControl(new Command.Stop(failure));
            queue.close();
        }
    }

    /**
     * Stops if needed and waits up to {@code recorder.close-timeout-ms} for the worker to end and free
     * native memory. Idempotent. Must not be called from a listener method.
     */
    @Override
    public void close() {
        if (Thread.currentThread() == worker) {
            throw new IllegalStateException("close() from a RecorderListener callback would deadlock");
        }
        stop();
        try {
            stopped.get(settings.config().closeTimeoutMs(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // reported through the listener already
        } catch (TimeoutException e) {
            LOG.error("recorder worker {} did not stop within {} ms; its native memory is freed when it ends",
                    worker.getName(), settings.config().closeTimeoutMs());
        }
    }

    private void run(long timesliceMs) {
        RecordingSession session = new RecordingSession(settings, timesliceMs, counters, this::deliver);
        try {
            session.open();
            listener.onStart(mimeType());
            boolean paused = false;
            while (true) {
                Command c = queue.poll(IDLE_POLL_MS);
                if (c == null) {
                    continue;
                }
                if (c instanceof Command.Video v) {
                    if (!paused) {
                        byte[] data = v.frame().data();
                        session.video(v.frame(), () -> framePool.give(data));
                    } else {
                        counters.droppedWhilePaused.incrementAndGet();
                        framePool.give(v.frame().data());
                    }
                } else if (c instanceof Command.Audio a) {
                    if (!paused) {
                        session.audio(a.chunk());
                    } else {
                        counters.droppedWhilePaused.incrementAndGet();
                    }
                } else if (c instanceof Command.Pause) {
                    paused = true;
                } else if (c instanceof Command.Resume) {
                    paused = false;
                    session.resume();
                } else if (c instanceof Command.RequestData) {
                    session.cut(true);
                } else if (c instanceof Command.Stop stop) {
                    if (stop.failure() != null) {
                        session.settle(); // the frames still encoding predate the error: their slices first
                        reportError(stop.failure());
                    }
                    session.finish();
                    break;
                }
            }
        } catch (ChunkDeliveryException e) {
            reportError(e);
        } catch (PeerstackException e) {
            reportError(e);
            finishAfterFailure(session);
        } catch (InterruptedException e) {
            reportError(new EncodingException("recorder worker interrupted", e));
        } catch (RuntimeException | Error e) {
            reportError(new EncodingException("recorder failed: " + e, e));
            finishAfterFailure(session);
        } finally {
            synchronized (this) {
                stopRequested.set(true);
                state = State.STOPPING;
            }
            queue.close();
            queue.clear();
            try {
                session.close();
                // Each worker thread gets its own glibc malloc arena; without a trim the freed encoder
                // memory stays in the arena (RSS plateaued at ~470 MiB over 1,500 recorders, ~230 with it).
                Pointer.trimMemory();
            } catch (RuntimeException | Error e) {
                LOG.error("freeing the recorder's native memory failed", e);
            }
        }
        markStopped();
        counters.workerIdleMs.set(queue.waitedNanos() / 1_000_000);
        RecorderStats stats = counters.snapshot();
        try {
            listener.onStop(stats);
        } catch (RuntimeException e) {
            LOG.warn("RecorderListener.onStop threw", e);
        }
        stopped.complete(stats);
    }

    /** An error ends the recording: from now on it is no longer active (its media is refused). */
    private synchronized void endActive() {
        if (state == State.RECORDING || state == State.PAUSED) {
            state = State.STOPPING;
        }
    }

    private synchronized void markStopped() {
        stopRequested.set(true);
        state = State.STOPPED;
    }

    /** After an encoder/muxer failure: deliver what can still be written as the final chunk, best effort. */
    private void finishAfterFailure(RecordingSession session) {
        try {
            session.finish();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.debug("no final chunk after the failure: interrupted");
        } catch (RuntimeException | Error e) {
            LOG.debug("no final chunk after the failure: {}", e.toString());
        }
    }

    private void deliver(Chunk chunk) {
        try {
            listener.onData(chunk);
        } catch (RuntimeException | Error e) {
            throw new ChunkDeliveryException("the chunk consumer failed on " + chunk + ": " + e, e);
        }
    }

    private void reportError(PeerstackException error) {
        if (errorReported) {
            LOG.warn("recording failed again (not reported, the first error was): {}", error.getMessage());
            return;
        }
        errorReported = true;
        endActive();
        LOG.warn("recording failed: {}", error.getMessage());
        try {
            listener.onError(error);
        } catch (RuntimeException e) {
            LOG.warn("RecorderListener.onError threw", e);
        }
    }

    private static void warnInvalid(long count, String what, String problem) {
        if (count == 1 || count % 1000 == 0) {
            LOG.warn("dropped invalid {} #{}: {}", what, count, problem);
        }
    }
}
