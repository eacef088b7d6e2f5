package org.peerstack.internal.recorder;

import java.util.function.Consumer;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.peerstack.config.RecorderConfig;

/**
 * The worker-side state of one recording: encoders, muxer, timelines and chunk cutting. Every method
 * runs on the recorder's worker thread; {@link #close()} frees all native memory and is safe after any
 * failure. Video frames are encoded on the {@link VideoPipeline}'s thread while the worker goes on;
 * audio packets produced meanwhile are held behind the frames in flight, so the muxer sees the order a
 * serial encoder would give.
 */
final class RecordingSession implements AutoCloseable, PacketSink {

    /** Video size used when a recording with video stops or fills up with audio before any frame. */
    static final int FALLBACK_WIDTH = 640;
    static final int FALLBACK_HEIGHT = 480;
    /** Audio packets held while waiting for the first video frame before the fallback size is used (~10 s of Opus). */
    static final int MAX_HELD_PACKETS = 500;

    private final RecorderSettings settings;
    private final RecordingType type;
    private final RecorderConfig config;
    private final long timesliceMs;
    private final RecorderCounters counters;
    private final Consumer<Chunk> deliver;
    private final VideoTimeline videoTimeline;
    private final AudioTimeline audioTimeline;
    private ChunkMuxer muxer;
    private VideoEncoder video;
    private VideoPipeline pipeline;
    private AudioEncoder audio;
    private long originNs;
    private boolean hasOrigin;
    private long lastCutMs;
    /** Set by {@link #finish()}: no more slices. */
    private boolean finishing;
    private boolean firstChunkDelivered;
    private long lastTimecodeMs;

    RecordingSession(RecorderSettings settings, long timesliceMs, RecorderCounters counters, Consumer<Chunk> deliver) {
        this.settings = settings;
        this.type = settings.type();
        this.config = settings.config();
        this.timesliceMs = timesliceMs;
        this.counters = counters;
        this.deliver = deliver;
        long nominal = 1_000_000_000L / config.frameRateHint();
        long maxJump = config.maxTimestampJumpMs() * 1_000_000L;
        this.videoTimeline = new VideoTimeline(nominal, maxJump);
        this.audioTimeline = new AudioTimeline(config.audioGapFillMs() * 1_000_000L, maxJump);
    }

    /** Creates the muxer and the audio encoder; without video the header is written at once. */
    void open() {
        NativeCodecs.load();
        muxer = new ChunkMuxer(type.container());
        if (type.hasAudio()) {
            audio = new AudioEncoder(type.audioCodec().orElseThrow(), settings.audioBitsPerSecond(),
                    muxer.needsGlobalHeader());
        }
        if (!type.hasVideo()) {
            muxer.addAudio(audio.context());
            muxer.writeHeader();
        }
    }

    /**
     * Places and encodes one frame; {@code release} runs exactly once, when the frame's array is no
     * longer needed (at once if the frame is dropped, else after the encoder has copied it).
     */
    void video(I420Frame frame, Runnable release) throws InterruptedException {
        boolean submitted = false;
        try {
            submitted = placeAndSubmit(frame, release);
        } finally {
            if (!submitted) {
                release.run();
            }
        }
    }

    private boolean placeAndSubmit(I420Frame frame, Runnable release) throws InterruptedException {
        if (!type.hasVideo()) {
            return false;
        }
        if (!hasOrigin) {
            originNs = frame.timestampNs();
            hasOrigin = true;
        }
        long position = videoTimeline.place(frame.timestampNs(), originNs);
        if (position == VideoTimeline.DROP) {
            counters.videoFramesMisTimed.incrementAndGet();
            return false;
        }
        counters.videoJumpsClosed.set(videoTimeline.jumpsClosed());
        if (video == null) {
            openVideo(frame.width(), frame.height());
        }
        if (frame.width() != video.width() || frame.height() != video.height()) {
            counters.videoFramesRescaled.incrementAndGet();
        }
        pipeline.submit(frame, position, release, this::writeNow);
        return true;
    }

    /** Writes the packets of the frames in flight and the audio held behind them (slices cut as usual). */
    void settle() throws InterruptedException {
        if (pipeline != null) {
            pipeline.settle(this::writeNow);
        }
    }

    void audio(PcmChunk chunk) {
        if (audio == null) {
            return;
        }
        if (!hasOrigin) {
            originNs = chunk.timestampNs();
            hasOrigin = true;
        }
        long silenceNs = audioTimeline.place(chunk.timestampNs(), chunk.durationNs(), originNs);
        if (silenceNs < 0) {
            counters.audioBuffersMisTimed.incrementAndGet();
            return;
        }
        if (silenceNs > 0) {
            audio.silence(silenceNs * AudioEncoder.SAMPLE_RATE / 1_000_000_000L, this);
            counters.audioSilenceMs.addAndGet(silenceNs / 1_000_000L);
        }
        audio.encode(chunk, this);
        counters.audioBuffersEncoded.incrementAndGet();
        if (type.hasVideo() && video == null && muxer.heldPackets() > MAX_HELD_PACKETS) {
            openVideo(FALLBACK_WIDTH, FALLBACK_HEIGHT);
        }
    }

    void resume() {
        videoTimeline.resume();
        audioTimeline.resume();
    }

    private void openVideo(int width, int height) {
        video = new VideoEncoder(type.videoCodec().orElseThrow(), width, height, settings.videoBitsPerSecond(),
                config, muxer.needsGlobalHeader());
        pipeline = new VideoPipeline(video, Thread.currentThread().getName() + "-video", config.closeTimeoutMs(),
                counters.videoFramesEncoded::incrementAndGet);
        muxer.addVideo(video.context());
        if (audio != null) {
            muxer.addAudio(audio.context());
        }
        muxer.writeHeader();
    }

    /**
     * Writes a packet; with a timeslice, a packet at or past the next slice boundary first cuts the
     * chunk, so it opens the next one (every chunk covers its slice, and the final chunk is never empty
     * when media arrived after the last cut).
     */
    @Override
    public void write(AVPacket packet, boolean isVideo) {
        if (!isVideo && pipeline != null && pipeline.hasPending()) {
            pipeline.holdAudio(packet);
            return;
        }
        writeNow(packet, isVideo);
    }

    private void writeNow(AVPacket packet, boolean isVideo) {
        if (timesliceMs > 0 && muxer.headerWritten() && !finishing) {
            long at = muxer.positionOf(packet, isVideo);
            if (at >= 0 && at - lastCutMs >= timesliceMs) {
                cutAt(at);
            }
        }
        muxer.write(packet, isVideo);
    }

    /** Cuts a chunk now ({@code requestData}); an empty one is delivered only when {@code always}. */
    void cut(boolean always) throws InterruptedException {
        settle();
        ChunkMuxer.Taken taken = muxer.cut();
        lastCutMs = muxer.positionMs();
        if (taken.data().length > 0 || always) {
            emit(taken, false);
        }
    }

    private void cutAt(long positionMs) {
        ChunkMuxer.Taken taken = muxer.cut();
        lastCutMs = positionMs;
        if (taken.data().length > 0) {
            emit(taken, false);
        }
    }

    /**
     * Flushes encoders, writes the trailer and delivers the final chunk. What the flush writes is not
     * cut at slice boundaries: it belongs to the final chunk, which must directly follow a stop or an
     * error (W3C: error, dataavailable, stop).
     */
    void finish() throws InterruptedException {
        settle();
        finishing = true;
        if (type.hasVideo() && video == null) {
            openVideo(FALLBACK_WIDTH, FALLBACK_HEIGHT);
        }
        if (video != null) {
            video.flush(this);
        }
        if (audio != null) {
            audio.flush(this);
        }
        emit(muxer.finish(), true);
    }

    private void emit(ChunkMuxer.Taken taken, boolean last) {
        long timecode;
        if (!firstChunkDelivered) {
            timecode = 0;
        } else {
            timecode = taken.firstPacketMs() >= 0 ? taken.firstPacketMs() : lastTimecodeMs;
        }
        firstChunkDelivered = true;
        lastTimecodeMs = Math.max(lastTimecodeMs, timecode);
        Chunk chunk = new Chunk(taken.data(), type.mimeType(), timecode, last);
        deliver.accept(chunk);
        counters.chunks.incrementAndGet();
        counters.bytes.addAndGet(chunk.size());
    }

    @Override
    public void close() {
        if (pipeline != null) {
            pipeline.close();
        } else if (video != null) {
            video.close();
        }
        if (audio != null) {
            audio.close();
        }
        if (muxer != null) {
            muxer.close();
        }
    }
}
