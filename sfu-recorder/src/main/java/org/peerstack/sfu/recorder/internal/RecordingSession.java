package org.peerstack.sfu.recorder.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The worker of one recording: a thread that owns the reorder buffers, depacketisers and the FFmpeg
 * muxer. Packets come from the SFU's I/O thread through {@link #offer}, which only copies them into a
 * bounded queue (a full queue drops the packet; the reorder buffer then sees a loss). The container
 * header is written once every video track has a keyframe (its picture size and, for H.264, SPS/PPS);
 * frames that come before are held (at most {@link #MAX_HELD_FRAMES}). A cut (cluster/fragment written to
 * the file) follows every {@code fragmentMillis} of media.
 */
public final class RecordingSession implements AutoCloseable {

    /** Frames held while waiting for the first video keyframe; older ones are dropped beyond it. */
    public static final int MAX_HELD_FRAMES = 1000;
    /** Least time between two keyframe requests from one recording (ms). */
    public static final long KEYFRAME_REQUEST_INTERVAL_MILLIS = 500;
    /** How long close() waits for the worker to finish the file (ms). */
    public static final long CLOSE_TIMEOUT_MILLIS = 10_000;

    /** A track to record: its codec name ("VP8", "VP9", "H264", "opus") and how to ask for a keyframe. */
    public record TrackSpec(String codec, boolean video, Runnable keyframeRequester) {
    }

    /** Counters of a recording. */
    public record Stats(long framesWritten, long framesDropped, long packetsLost, long packetsDroppedQueueFull,
            long ssrcChanges, long keyframeRequests, long bytesWritten) {
    }

    /** Called once on the worker thread when the recording has ended: cleanly (null) or by an error. */
    public interface Listener {
        void stopped(Throwable error);
    }

    private record Item(int track, byte[] packet, long arrivalNanos) {
    }

    private record HeldFrame(TrackPipeline track, EncodedFrame frame, long ptsMicros) {
    }

    private static final Item END = new Item(-1, null, 0);

    private final List<TrackSpec> specs;
    private final List<TrackPipeline> tracks = new ArrayList<>();
    private final int[] streamOf;
    private final ArrayBlockingQueue<Item> queue;
    private final PassthroughMuxer muxer;
    private final OutputStream out;
    private final long fragmentMicros;
    private final Listener listener;
    private final Thread thread;
    private final ArrayDeque<HeldFrame> held = new ArrayDeque<>();
    private final AtomicLong queueDrops = new AtomicLong();
    private final long[] lastKeyframeRequest;
    private volatile Stats stats = new Stats(0, 0, 0, 0, 0, 0, 0);
    private long keyframeRequests;
    private long lastCutMicros;
    private long lastPtsMicros;
    /** Timeline position of the first frame written: the file starts at 0. */
    private long originMicros;
    private volatile boolean closing;

    public RecordingSession(List<TrackSpec> specs, String muxerFormat, OutputStream out, long fragmentMillis,
            int queueCapacity, int reorderPackets, long reorderDelayMillis, Listener listener) {
        this.specs = List.copyOf(specs);
        this.out = out;
        this.fragmentMicros = fragmentMillis * 1000;
        this.listener = listener;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        long start = System.nanoTime();
        for (int i = 0; i < specs.size(); i++) {
            TrackSpec s = specs.get(i);
            tracks.add(new TrackPipeline(i, s.codec(), s.video(), start, s.video() ? reorderPackets : Math.max(8, reorderPackets / 8),
                    TimeUnit.MILLISECONDS.toNanos(reorderDelayMillis)));
        }
        streamOf = new int[specs.size()];
        lastKeyframeRequest = new long[specs.size()];
        this.muxer = new PassthroughMuxer(muxerFormat, out);
        this.thread = new Thread(this::run, "peerstack-sfu-recorder");
        thread.setDaemon(true);
        thread.start();
    }

    /** Copies one RTP packet of track {@code track} into the queue. Any thread; never blocks. */
    public void offer(int track, byte[] b, int off, int len) {
        if (closing) {
            return;
        }
        byte[] copy = new byte[len];
        System.arraycopy(b, off, copy, 0, len);
        if (!queue.offer(new Item(track, copy, System.nanoTime()))) {
            queueDrops.incrementAndGet();
        }
    }

    public Stats stats() {
        return stats;
    }

    /** Finishes the file (trailer) and stops the worker; waits at most {@link #CLOSE_TIMEOUT_MILLIS}. */
    @Override
    public void close() {
        if (!closing) {
            closing = true;
            while (!queue.offer(END)) {
                queue.poll();
            }
        }
        if (Thread.currentThread() != thread) {
            try {
                thread.join(CLOSE_TIMEOUT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        Throwable error = null;
        try {
            boolean running = true;
            while (running) {
                Item item = queue.poll(20, TimeUnit.MILLISECONDS);
                long now = System.nanoTime();
                while (item != null) {
                    if (item == END) {
                        running = false;
                        break;
                    }
                    tracks.get(item.track).packet(item.packet, item.arrivalNanos, now, this::frame);
                    item = queue.poll();
                }
                for (TrackPipeline t : tracks) {
                    t.drain(now, !running, this::frame);
                    if (running && t.video && t.depacketizer.waitingForKeyframe()
                            && now - lastKeyframeRequest[t.index] > TimeUnit.MILLISECONDS.toNanos(KEYFRAME_REQUEST_INTERVAL_MILLIS)) {
                        lastKeyframeRequest[t.index] = now;
                        keyframeRequests++;
                        try {
                            specs.get(t.index).keyframeRequester().run();
                        } catch (RuntimeException e) {
                            // a failed request only delays the keyframe: the next one follows
                        }
                    }
                }
                updateStats();
            }
            muxer.finish();
        } catch (Throwable t) {
            error = t;
        } finally {
            try {
                muxer.close();
                out.close();
            } catch (IOException | RuntimeException e) {
                error = error == null ? e : error;
            }
            updateStats();
        }
        listener.stopped(error);
    }

    private void frame(TrackPipeline track, EncodedFrame f, long ptsMicros) {
        if (!muxer.headerWritten()) {
            held.addLast(new HeldFrame(track, f, ptsMicros));
            if (held.size() > MAX_HELD_FRAMES) {
                held.removeFirst();
            }
            if (!ready()) {
                return;
            }
            for (TrackPipeline t : tracks) {
                int[] d = t.depacketizer.dimensions();
                streamOf[t.index] = t.video ? muxer.addVideo(t.codec, d[0], d[1], t.depacketizer.codecConfig()) : muxer.addOpus();
            }
            muxer.writeHeader();
            // the file starts with the first video keyframe: audio before it is dropped, times start near 0
            long first = Long.MAX_VALUE;
            for (HeldFrame h : held) {
                if (h.track.video && h.frame.keyframe()) {
                    first = Math.min(first, h.ptsMicros);
                }
            }
            if (first == Long.MAX_VALUE) {
                first = held.peekFirst().ptsMicros;
            }
            originMicros = first;
            for (HeldFrame h : held) {
                if (h.ptsMicros >= first && (!h.track.video || h.track.framesWritten > 0 || h.frame.keyframe())) {
                    write(h.track, h.frame, h.ptsMicros);
                }
            }
            held.clear();
            lastCutMicros = 0;
            return;
        }
        write(track, f, ptsMicros);
    }

    /** Every video track has had a usable keyframe (an audio-only recording is ready at once). */
    private boolean ready() {
        for (TrackPipeline t : tracks) {
            if (t.video && t.depacketizer.dimensions() == null) {
                return false;
            }
        }
        return true;
    }

    private void write(TrackPipeline track, EncodedFrame f, long ptsMicros) {
        long pts = ptsMicros - originMicros;
        if (pts < 0) {
            return; // before the first keyframe of the file
        }
        muxer.write(streamOf[track.index], f.data(), pts, f.keyframe());
        track.written();
        lastPtsMicros = Math.max(lastPtsMicros, pts);
        if (lastPtsMicros - lastCutMicros >= fragmentMicros) {
            lastCutMicros = lastPtsMicros;
            try {
                muxer.cut();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    private void updateStats() {
        long written = 0;
        long dropped = 0;
        long lost = 0;
        long changes = 0;
        for (TrackPipeline t : tracks) {
            written += t.framesWritten;
            dropped += t.framesDropped;
            lost += t.packetsLost();
            changes += t.ssrcChanges;
        }
        stats = new Stats(written, dropped, lost, queueDrops.get(), changes, keyframeRequests, muxer.bytesWritten);
    }
}
