package org.peerstack.internal.filesource;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_flush_buffers;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale;

import java.io.IOException;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;

/**
 * One stream's FFmpeg decoder: packets in, frames out to {@link #onFrame}. Owned by the player thread.
 * Subclasses turn frames into peerstack media.
 */
abstract class Decoder implements AutoCloseable {

    protected final AVCodecContext ctx;
    private final AVFrame frame;
    private final int tbNum;
    private final int tbDen;
    private boolean closed;

    Decoder(AVStream stream) throws IOException {
        AVCodec codec = avcodec_find_decoder(stream.codecpar().codec_id());
        if (codec == null) {
            throw new IOException("no decoder for stream " + stream.index());
        }
        ctx = avcodec_alloc_context3(codec);
        try {
            FfError.check(avcodec_parameters_to_context(ctx, stream.codecpar()), "configuring the decoder");
            ctx.pkt_timebase(stream.time_base());
            ctx.thread_count(0);
            FfError.check(avcodec_open2(ctx, codec, (AVDictionary) null), "opening the decoder");
        } catch (IOException | RuntimeException e) {
            avcodec_free_context(ctx);
            throw e;
        }
        AVRational tb = stream.time_base();
        tbNum = tb.num();
        tbDen = tb.den();
        frame = av_frame_alloc();
    }

    /** {@code ts} in the stream's time base as microseconds, or {@link Long#MIN_VALUE} when unset. */
    final long toUs(long ts) {
        return ts == AV_NOPTS_VALUE ? Long.MIN_VALUE : av_rescale(ts, 1_000_000L * tbNum, tbDen);
    }

    /** Decodes {@code packet} (null: end of stream, flush the delayed frames). */
    final void decode(AVPacket packet) throws IOException {
        int ret = avcodec_send_packet(ctx, packet);
        if (ret < 0 && ret != FfError.EAGAIN && ret != AVERROR_EOF) {
            // A damaged packet: FFmpeg's own tools skip it too.
            return;
        }
        while (true) {
            ret = avcodec_receive_frame(ctx, frame);
            if (ret == FfError.EAGAIN || ret == AVERROR_EOF) {
                return;
            }
            FfError.check(ret, "decoding");
            try {
                onFrame(frame);
            } finally {
                av_frame_unref(frame);
            }
        }
    }

    /** Forgets buffered frames (after a seek, or after {@code decode(null)}). */
    void reset() {
        avcodec_flush_buffers(ctx);
    }

    /** Handles one decoded frame; it is unreferenced afterwards. */
    abstract void onFrame(AVFrame frame) throws IOException;

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            freeMore();
            av_frame_free(frame);
            avcodec_free_context(ctx);
        }
    }

    /** Frees what a subclass allocated. */
    void freeMore() {
    }
}
