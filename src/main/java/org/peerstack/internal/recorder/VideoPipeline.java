package org.peerstack.internal.recorder;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_move_ref;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;

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
 * Runs a {@link VideoEncoder} on its own thread, one frame at a time, so that a recording's video
 * encoding overlaps with everything else its worker does (audio encoding, muxing, chunk delivery,
 * taking the next command). The FFmpeg CLI gets the same overlap from its threaded pipeline; without
 * it the worker did all of that in series (issue 6: 0.89× the bundled {@code ffmpeg} in wall time).
 *
 * <p>At most one frame is in flight. Its packets are held on this side and handed to the worker's
 * sink by {@link #settle}, which the worker calls before the next frame, a cut or the end; the worker
 * holds back audio packets produced meanwhile and writes them after, so the muxer sees packets in
 * exactly the order a serial encoder gives (chunk cuts fall where they did). The encoder is
 * never used by two threads at once: the worker touches it only when nothing is in flight.
 */
final class VideoPipeline implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(VideoPipeline.class);

    private final VideoEncoder encoder;
    private final ExecutorService thread;
    private final List<AVPacket> packets = new ArrayList<>();
    private final PacketSink collect = this::hold;
    private final long closeTimeoutMs;
    private Future<?> inFlight;
    private boolean closed;

    VideoPipeline(VideoEncoder encoder, String threadName, long closeTimeoutMs) {
        this.encoder = encoder;
        this.closeTimeoutMs = closeTimeoutMs;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    VideoEncoder encoder() {
        return encoder;
    }

    boolean inFlight() {
        return inFlight != null;
    }

    /**
     * Starts encoding {@code frame} on the video thread; {@code done} runs there once the encoder has
     * copied the frame (whether or not encoding succeeded), so its array can be reused.
     *
     * @throws IllegalStateException if a frame is still in flight ({@link #settle} first)
     */
    void submit(I420Frame frame, long positionNs, Runnable done) {
        if (inFlight != null) {
            throw new IllegalStateException("a video frame is still in flight");
        }
        inFlight = thread.submit(() -> {
            try {
                encoder.encode(frame, positionNs, collect);
            } finally {
                done.run();
            }
        });
    }

    /**
     * Waits for the frame in flight, if any, and writes its packets to {@code sink} in order.
     *
     * @return true if a frame was in flight and has been encoded
     * @throws EncodingException (or the encoder's own runtime exception) if encoding that frame failed;
     *         its packets are then dropped and the encoder is idle again
     */
    boolean settle(PacketSink sink) throws InterruptedException {
        if (inFlight == null) {
            return false;
        }
        Future<?> f = inFlight;
        try {
            f.get();
        } catch (ExecutionException e) {
            inFlight = null;
            freePackets();
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new EncodingException("video encoding failed: " + cause, cause);
        }
        inFlight = null;
        try {
            for (AVPacket p : packets) {
                sink.write(p, true);
            }
        } finally {
            freePackets();
        }
        return true;
    }

    /** Video-thread side of the sink: takes the packet's data into a held packet. */
    private void hold(AVPacket packet, boolean video) {
        AVPacket held = av_packet_alloc();
        if (held == null) {
            av_packet_unref(packet);
            throw new EncodingException("out of native memory holding a video packet");
        }
        av_packet_move_ref(held, packet);
        packets.add(held);
    }

    private void freePackets() {
        for (AVPacket p : packets) {
            av_packet_free(p);
        }
        packets.clear();
    }

    /**
     * Waits (up to the close timeout) for the frame in flight, ends the thread and frees held packets.
     * The encoder itself is not closed here.
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
            LOG.error("the video encoder thread did not finish its frame within {} ms; its encoder is left allocated",
                    closeTimeoutMs);
            return false;
        }
        inFlight = null;
        freePackets();
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
