package org.peerstack.internal.recorder;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_GLOBAL_HEADER;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.peerstack.config.RecorderConfig;
import org.peerstack.exc.EncodingException;

/**
 * One video encoder (libvpx VP8/VP9 or OpenH264) with its scaler. The output size is fixed at the
 * first frame's size (rounded down to even); frames of any other size are rescaled to it with
 * swscale. Owned by the recorder's worker thread; {@link #close()} frees all native memory.
 */
final class VideoEncoder implements AutoCloseable {

    /** Encoder time base: the 90 kHz RTP video clock. */
    static final int TIME_BASE_DEN = 90_000;

    private final AVCodecContext ctx;
    private final AVFrame frame;
    private final AVPacket packet;
    private final long nominalTicks;
    private SwsContext sws;
    private BytePointer staging;
    private final PointerPointer<BytePointer> srcPlanes = new PointerPointer<>(4);
    private final IntPointer srcStrides = new IntPointer(4);
    private long lastPts = Long.MIN_VALUE;
    private boolean closed;

    VideoEncoder(RecorderCodec codec, int width, int height, long bitsPerSecond, RecorderConfig config,
                 boolean globalHeader) {
        AVCodec encoder = avcodec_find_encoder_by_name(codec.encoderName());
        if (encoder == null) {
            throw new EncodingException("this FFmpeg build has no " + codec.encoderName() + " encoder");
        }
        ctx = avcodec_alloc_context3(encoder);
        frame = av_frame_alloc();
        packet = av_packet_alloc();
        if (ctx == null || frame == null || packet == null) {
            freeNatives();
            throw new EncodingException("out of native memory opening the " + codec + " encoder");
        }
        try {
            int w = Math.max(2, width & ~1);
            int h = Math.max(2, height & ~1);
            ctx.width(w);
            ctx.height(h);
            ctx.pix_fmt(AV_PIX_FMT_YUV420P);
            ctx.time_base(av_make_q(1, TIME_BASE_DEN));
            ctx.framerate(av_make_q(config.frameRateHint(), 1));
            ctx.bit_rate(bitsPerSecond);
            ctx.gop_size(config.keyframeIntervalFrames());
            ctx.max_b_frames(0);
            ctx.thread_count(config.encoderThreads());
            if (globalHeader) {
                ctx.flags(ctx.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
            }
            nominalTicks = TIME_BASE_DEN / config.frameRateHint();
            AVDictionary options = new AVDictionary(null);
            try {
                if (codec == RecorderCodec.VP8 || codec == RecorderCodec.VP9) {
                    av_dict_set(options, "deadline", "realtime", 0);
                    int limit = codec == RecorderCodec.VP9 ? 8 : 16; // FFmpeg's libvpx-vp9 option range is -8..8
                    av_dict_set(options, "cpu-used",
                            Integer.toString(Math.max(-limit, Math.min(config.vpxCpuUsed(), limit))), 0);
                    av_dict_set(options, "lag-in-frames", "0", 0);
                    if (codec == RecorderCodec.VP9) {
                        av_dict_set(options, "row-mt", "1", 0);
                    }
                } else if (codec == RecorderCodec.AV1) {
                    av_dict_set(options, "usage", "realtime", 0);
                    av_dict_set(options, "cpu-used", "8", 0);
                    av_dict_set(options, "lag-in-frames", "0", 0);
                    av_dict_set(options, "row-mt", "1", 0);
                } else if (codec == RecorderCodec.H264) {
                    av_dict_set(options, "rc_mode", "bitrate", 0);
                    av_dict_set(options, "allow_skip_frames", "0", 0);
                }
                Ff.check(avcodec_open2(ctx, encoder, options), "opening the " + codec.encoderName() + " encoder");
            } finally {
                av_dict_free(options);
            }
            frame.format(AV_PIX_FMT_YUV420P);
            frame.width(w);
            frame.height(h);
            Ff.check(av_frame_get_buffer(frame, 0), "allocating a video frame");
        } catch (RuntimeException e) {
            freeNatives();
            throw e;
        }
    }

    AVCodecContext context() {
        return ctx;
    }

    AVRational timeBase() {
        return ctx.time_base();
    }

    int width() {
        return ctx.width();
    }

    int height() {
        return ctx.height();
    }

    /** Encodes one frame at {@code positionNs} from the origin; packets go to {@code sink}. */
    void encode(I420Frame in, long positionNs, PacketSink sink) {
        long pts = positionNs * TIME_BASE_DEN / 1_000_000_000L;
        if (pts <= lastPts) {
            pts = lastPts + 1;
        }
        lastPts = pts;
        Ff.check(av_frame_make_writable(frame), "making the video frame writable");
        if (in.width() == ctx.width() && in.height() == ctx.height()) {
            copyPlanes(in);
        } else {
            scale(in);
        }
        frame.pts(pts);
        frame.duration(nominalTicks);
        Ff.check(avcodec_send_frame(ctx, frame), "encoding a video frame");
        drain(sink);
    }

    /** Same size: copy the packed planes straight into the frame (one JNI copy per plane when unpadded). */
    private void copyPlanes(I420Frame in) {
        byte[] data = in.data();
        int offset = 0;
        for (int plane = 0; plane < 3; plane++) {
            int rowBytes = plane == 0 ? in.width() : in.chromaWidth();
            int rows = plane == 0 ? in.height() : in.chromaHeight();
            int linesize = frame.linesize(plane);
            BytePointer dst = frame.data(plane);
            if (linesize == rowBytes) {
                dst.position(0).put(data, offset, rowBytes * rows);
                offset += rowBytes * rows;
            } else {
                for (int r = 0; r < rows; r++) {
                    dst.position((long) r * linesize).put(data, offset, rowBytes);
                    offset += rowBytes;
                }
            }
        }
    }

    /** Another size: stage the planes natively and rescale them with swscale into the frame. */
    private void scale(I420Frame in) {
        int need = in.data().length;
        if (staging == null || staging.capacity() < need) {
            if (staging != null) {
                staging.close();
            }
            staging = new BytePointer(need);
        }
        staging.position(0).put(in.data(), 0, need);
        int ySize = in.width() * in.height();
        int cSize = in.chromaWidth() * in.chromaHeight();
        srcPlanes.put(0, staging.getPointer(0));
        srcPlanes.put(1, staging.getPointer(ySize));
        srcPlanes.put(2, staging.getPointer(ySize + cSize));
        srcStrides.put(0, in.width()).put(1, in.chromaWidth()).put(2, in.chromaWidth());
        sws = sws_getCachedContext(sws, in.width(), in.height(), AV_PIX_FMT_YUV420P, ctx.width(), ctx.height(),
                AV_PIX_FMT_YUV420P, SWS_BILINEAR, null, null, (DoublePointer) null);
        if (sws == null) {
            throw new EncodingException("cannot scale " + in.width() + "x" + in.height() + " to "
                    + ctx.width() + "x" + ctx.height());
        }
        Ff.check(sws_scale(sws, srcPlanes, srcStrides, 0, in.height(), frame.data(), frame.linesize()),
                "scaling a video frame");
    }

    /** Sends end-of-stream and writes the delayed packets. */
    void flush(PacketSink sink) {
        int ret = avcodec_send_frame(ctx, null);
        if (ret != AVERROR_EOF) {
            Ff.check(ret, "flushing the video encoder");
        }
        drain(sink);
    }

    private void drain(PacketSink sink) {
        while (true) {
            int ret = avcodec_receive_packet(ctx, packet);
            if (ret == Ff.EAGAIN || ret == AVERROR_EOF) {
                return;
            }
            Ff.check(ret, "receiving a video packet");
            if (packet.duration() <= 0) {
                // OpenH264 leaves it unset; a fragmented-MP4 flush needs it for the last sample.
                packet.duration(nominalTicks);
            }
            sink.write(packet, true);
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            freeNatives();
        }
    }

    private void freeNatives() {
        if (sws != null) {
            sws_freeContext(sws);
            sws = null;
        }
        if (staging != null) {
            staging.close();
            staging = null;
        }
        srcPlanes.close();
        srcStrides.close();
        if (packet != null) {
            av_packet_free(packet);
        }
        if (frame != null) {
            av_frame_free(frame);
        }
        if (ctx != null) {
            avcodec_free_context(ctx);
        }
    }
}
