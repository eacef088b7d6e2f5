package org.peerstack.internal.recorder;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_move_ref;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.peerstack.exc.EncodingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link VideoEncoder} on its own thread so that a recording's video encoding overlaps with
 * everything else its worker does (audio encoding, muxing, chunk delivery, taking the next command).
 * The FFmpeg command line gets the same overlap from its threaded pipeline; without it the worker did
 * all of that in series (issue 6: 0.89× the bundled {@code ffmpeg} in wall time, 0.95× with one frame
 * in flight, see BENCHMARKS.md).
 *
 * <p>Up to {@link #MAX_FRAMES_IN_FLIGHT} frames are queued to the video thread, so it goes from one
 * frame to the next without waiting for the worker. Each frame's packets are held on this side; audio
 * packets the worker produces while frames are in flight are held behind them ({@link #holdAudio}).
 * Everything is written to the worker's sink in submission order, so the muxer sees exactly the order
 * a serial encoder gives (chunk cuts fall where they did). Only the video thread touches the encoder
 * while frames are in flight; the worker uses it (flush) only after {@link #settle}. Not thread-safe:
 * every method but the encoding itself runs on the worker.
 */
final class VideoPipeline implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(VideoPipeline.class);

    /** Frames queued to or being encoded by the video thread at most (count). */
    static final int MAX_FRAMES_IN_FLIGHT = 2;

    private final VideoEncoder encoder;
    private final ExecutorService thread;
    private final long closeTimeoutMs;
    private final Runnable onFrameWritten;
    /** Frames in flight and audio packets held behind them, in the order they are to be written. */
    private final ArrayDeque<Object> pending = new ArrayDeque<>();
    private int framesInFlight;
    private boolean closed;

    /** One frame given to the video thread, and the packets it produced. */
    private static final class Job {
        final List<AVPacket> packets = new ArrayList<>();
        Future<?> done;

        /** Video-thread side of the sink: takes the packet's data into a held packet. */
        void hold(AVPacket packet) {
            packets.add(moved(packet, "a video packet"));
        }

        void free() {
            packets.forEach(p -> av_packet_free(p));
            packets.clear();
        }
    }

    /**
     * @param onFrameWritten runs on the worker after each frame's packets were written
     */
    VideoPipeline(VideoEncoder encoder, String threadName, long closeTimeoutMs, Runnable onFrameWritten) {
        this.encoder = encoder;
        this.closeTimeoutMs = closeTimeoutMs;
        this.onFrameWritten = onFrameWritten;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    VideoEncoder encoder() {
        return encoder;
    }

    /**
     * Whether frames are in flight or packets wait to be written: audio packets must then be
     * {@linkplain #holdAudio held} behind them.
     */
    boolean hasPending() {
        return !pending.isEmpty();
    }

    /**
     * Queues {@code frame} to the video thread, first writing the oldest pending frame (and the audio
     * behind it) to {@code sink} when {@link #MAX_FRAMES_IN_FLIGHT} are already in flight.
     * {@code release} runs on the video thread once the encoder has copied the frame (whether or not
     * encoding succeeded), so its array can be reused.
     *
     * @throws EncodingException (or the encoder's runtime exception) if an older frame written now failed
     */
    void submit(I420Frame frame, long positionNs, Runnable release, PacketSink sink) throws InterruptedException {
        while (framesInFlight >= MAX_FRAMES_IN_FLIGHT) {
            writeHead(sink);
        }
        Job job = new Job();
        PacketSink collect = (packet, video) -> job.hold(packet);
        job.done = thread.submit(() -> {
            try {
                encoder.encode(frame, positionNs, collect);
            } finally {
                release.run();
            }
        });
        pending.addLast(job);
        framesInFlight++;
    }

    /** Holds an audio packet (its data is moved out) to be written after the frames in flight. */
    void holdAudio(AVPacket packet) {
        pending.addLast(moved(packet, "an audio packet"));
    }

    /**
     * Waits for every frame in flight and writes all pending packets to {@code sink} in order.
     *
     * @throws EncodingException (or the encoder's runtime exception) if encoding a frame failed: that
     *         frame's packets are dropped; what is pending behind it stays pending for the next call
     */
    void settle(PacketSink sink) throws InterruptedException {
        while (!pending.isEmpty()) {
            writeHead(sink);
        }
    }

    private void writeHead(PacketSink sink) throws InterruptedException {
        Object head = pending.peekFirst();
        if (head instanceof AVPacket audio) {
            pending.pollFirst();
            try {
                sink.write(audio, false);
            } finally {
                av_packet_free(audio);
            }
            return;
        }
        Job job = (Job) head;
        try {
            job.done.get();
        } catch (ExecutionException e) {
            pending.pollFirst();
            framesInFlight--;
            job.free();
            throw unwrap(e.getCause());
        }
        pending.pollFirst();
        framesInFlight--;
        try {
            for (AVPacket p : job.packets) {
                sink.write(p, true);
            }
        } finally {
            job.free();
        }
        onFrameWritten.run();
    }

    private static RuntimeException unwrap(Throwable cause) {
        if (cause instanceof RuntimeException re) {
            return re;
        }
        if (cause instanceof Error err) {
            throw err;
        }
        return new EncodingException("video encoding failed: " + cause, cause);
    }

    private static AVPacket moved(AVPacket packet, String what) {
        AVPacket held = av_packet_alloc();
        if (held == null) {
            av_packet_unref(packet);
            throw new EncodingException("out of native memory holding " + what);
        }
        av_packet_move_ref(held, packet);
        return held;
    }

    /**
     * Waits (up to the close timeout) for the frames in flight, ends the thread and frees everything
     * pending. The encoder itself is not closed here.
     *
     * @return false if the thread did not end in time: the encoder may still be in use and must not be freed
     */
    boolean shutDown() {
        if (closed) {
            return true;
        }
        closed = true;
        thread.shutdown();
        boolean ended;
        try {
            ended = thread.awaitTermination(closeTimeoutMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ended = false;
        }
        if (!ended) {
            LOG.error("the video encoder thread did not finish within {} ms; its encoder and packets are left"
                    + " allocated", closeTimeoutMs);
            return false;
        }
        for (Object p : pending) {
            if (p instanceof Job job) {
                job.free();
            } else {
                av_packet_free((AVPacket) p);
            }
        }
        pending.clear();
        framesInFlight = 0;
        return true;
    }

    /** {@link #shutDown()}, then frees the encoder if the thread ended. */
    @Override
    public void close() {
        if (shutDown()) {
            encoder.close();
        }
    }
}
