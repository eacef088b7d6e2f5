package org.peerstack.sfu.recorder.internal;

/**
 * One recorded track: reorder buffer, depacketiser and the mapping of RTP time to the file's timeline.
 * A new SSRC (the publisher restarted its encoder or the source changed) resets the reorder buffer and
 * the depacketiser, which then waits for a keyframe; the new source's first frame is placed at its
 * arrival time on the file's timeline, after the last frame written, so time stays continuous.
 * Recording worker thread only.
 */
final class TrackPipeline {

    interface FrameSink {
        void frame(TrackPipeline track, EncodedFrame frame, long ptsMicros);
    }

    /** Least time between two frames of a track in the file (µs): Matroska's timestamp resolution. */
    static final long MIN_STEP_MICROS = 1000;
    /** Least time between the last frame of a source and the first of the next (µs): one frame at 30 fps. */
    static final long NEW_SOURCE_GAP_VIDEO_MICROS = 33_333;
    /** The same for audio: one 20 ms Opus frame. */
    static final long NEW_SOURCE_GAP_AUDIO_MICROS = 20_000;

    /** Largest forward step of RTP time between two frames taken as continuous (s); more is a discontinuity. */
    static final long MAX_TIMESTAMP_JUMP_SECONDS = 10;

    final int index;
    final String codec;
    final boolean video;
    final Depacketizer depacketizer;
    private final long clockRate;
    private final ReorderBuffer reorder;
    private final long startNanos;
    private boolean haveSsrc;
    private int ssrc;
    private final java.util.Set<Integer> retired = new java.util.HashSet<>();
    private boolean mapped;
    private long baseTimestamp;
    private long lastTimestamp;
    private long offsetMicros;
    private long lastPtsMicros = -1;
    long framesWritten;
    long framesDropped;
    long ssrcChanges;
    long malformed;
    long timestampJumps;

    TrackPipeline(int index, String codec, boolean video, long startNanos, int reorderPackets, long reorderDelayNanos) {
        this.index = index;
        this.codec = codec;
        this.video = video;
        this.depacketizer = Depacketizer.forCodec(codec);
        this.clockRate = video ? 90_000 : 48_000;
        this.reorder = new ReorderBuffer(reorderPackets, reorderDelayNanos);
        this.startNanos = startNanos;
    }

    void packet(byte[] p, long arrivalNanos, long nowNanos, FrameSink sink) {
        if (!Rtp.valid(p, 0, p.length)) {
            malformed++;
            return;
        }
        int s = Rtp.ssrc(p, 0);
        if (!haveSsrc || s != ssrc) {
            if (retired.contains(s)) {
                return; // a straggler of a source already replaced
            }
            if (haveSsrc) {
                reorder.drain(nowNanos, true, (q, loss, a) -> deliver(q, loss, a, sink));
                retired.add(ssrc);
                ssrcChanges++;
                reorder.reset();
                depacketizer.reset();
                mapped = false;
            }
            haveSsrc = true;
            ssrc = s;
        }
        reorder.add(p, arrivalNanos);
        drain(nowNanos, false, sink);
    }

    void drain(long nowNanos, boolean force, FrameSink sink) {
        reorder.drain(nowNanos, force, (q, loss, a) -> deliver(q, loss, a, sink));
    }

    private void deliver(byte[] p, boolean lossBefore, long arrivalNanos, FrameSink sink) {
        boolean waiting = depacketizer.waitingForKeyframe();
        EncodedFrame f = depacketizer.push(p, 0, p.length, lossBefore, arrivalNanos);
        if (f == null) {
            if (Rtp.marker(p, 0) && video && waiting) {
                framesDropped++;
            }
            return;
        }
        sink.frame(this, f, ptsMicros(f));
    }

    private long ptsMicros(EncodedFrame f) {
        long ts = f.rtpTimestamp();
        if (!mapped) {
            mapped = true;
            baseTimestamp = ts;
            lastTimestamp = ts;
            long afterLast = lastPtsMicros < 0 ? 0 : lastPtsMicros + (video ? NEW_SOURCE_GAP_VIDEO_MICROS : NEW_SOURCE_GAP_AUDIO_MICROS);
            offsetMicros = Math.max((f.arrivalNanos() - startNanos) / 1000, afterLast);
        }
        // unwrap 32-bit RTP time relative to the last frame
        long delta = (int) (ts - (lastTimestamp & 0xFFFFFFFFL));
        if (delta < 0 || delta > MAX_TIMESTAMP_JUMP_SECONDS * clockRate) {
            // frames come in sequence order, so RTP time going back (or leaping ahead) is a discontinuity of the
            // sender's (or a forwarder's rewritten) clock: continue the file's timeline one frame after the last
            baseTimestamp = ts;
            lastTimestamp = ts;
            offsetMicros = lastPtsMicros + (video ? NEW_SOURCE_GAP_VIDEO_MICROS : NEW_SOURCE_GAP_AUDIO_MICROS);
            timestampJumps++;
            delta = 0;
        }
        lastTimestamp = lastTimestamp + delta;
        long pts = offsetMicros + (lastTimestamp - baseTimestamp) * 1_000_000 / clockRate;
        if (pts < lastPtsMicros + MIN_STEP_MICROS) {
            pts = lastPtsMicros + MIN_STEP_MICROS; // containers count in milliseconds: never two frames in one
        }
        lastPtsMicros = pts;
        return pts;
    }

    void written() {
        framesWritten++;
    }

    long packetsLost() {
        return reorder.lost();
    }
}
