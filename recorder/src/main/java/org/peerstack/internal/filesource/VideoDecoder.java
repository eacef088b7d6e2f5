package org.peerstack.internal.filesource;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.peerstack.media.VideoFrame;

/**
 * Decodes the video stream into I420 {@link VideoFrame}s: YUV 4:2:0 frames are copied plane by plane;
 * other pixel formats go through swscale first. Frames without a timestamp follow the previous one by
 * one frame period. After {@link #waitForKeyframe()} packets are skipped up to the next keyframe.
 */
final class VideoDecoder extends Decoder {

    private final Timeline timeline;
    private final long periodUs;
    private SwsContext sws;
    private AVFrame converted;
    private long lastUs = Long.MIN_VALUE;
    private boolean needKeyframe;
    private long decoded;

    VideoDecoder(AVStream stream, double frameRate, Timeline timeline) throws IOException {
        super(stream);
        this.timeline = timeline;
        this.periodUs = Math.round(1e6 / frameRate);
    }

    long periodUs() {
        return periodUs;
    }

    /** Frames decoded so far. */
    long decoded() {
        return decoded;
    }

    /** Skips packets until a keyframe (the decoder cannot start in the middle of a group of pictures). */
    void waitForKeyframe() {
        needKeyframe = true;
        reset();
    }

    /** True if a packet with these flags should be skipped; clears the wait at a keyframe. */
    boolean skip(boolean keyframe) {
        if (needKeyframe && keyframe) {
            needKeyframe = false;
        }
        return needKeyframe;
    }

    @Override
    void reset() {
        super.reset();
        lastUs = Long.MIN_VALUE;
    }

    @Override
    void onFrame(AVFrame f) throws IOException {
        long us = toUs(f.best_effort_timestamp());
        if (us == Long.MIN_VALUE) {
            us = lastUs == Long.MIN_VALUE ? 0 : lastUs + periodUs;
        }
        lastUs = us;
        AVFrame src = f.format() == AV_PIX_FMT_YUV420P ? f : convert(f);
        int w = src.width();
        int h = src.height();
        VideoFrame out = VideoFrame.allocate(w, h, timeline.wallNs(us));
        try {
            int cw = (w + 1) / 2;
            int ch = (h + 1) / 2;
            copy(src, 0, w, h, out.writableY(), out.strideY());
            copy(src, 1, cw, ch, out.writableU(), out.strideU());
            copy(src, 2, cw, ch, out.writableV(), out.strideV());
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
        decoded++;
        timeline.video(us, out);
    }

    private static void copy(AVFrame src, int plane, int width, int rows, ByteBuffer dst, int dstStride) {
        int srcStride = src.linesize(plane);
        BytePointer p = src.data(plane);
        ByteBuffer in = p.capacity((long) srcStride * (rows - 1) + width).asByteBuffer();
        if (srcStride == dstStride) {
            dst.duplicate().clear().put(in);
            return;
        }
        ByteBuffer d = dst.duplicate().clear();
        for (int row = 0; row < rows; row++) {
            in.limit(row * srcStride + width).position(row * srcStride);
            d.position(row * dstStride);
            d.put(in);
        }
    }

    private AVFrame convert(AVFrame f) throws IOException {
        if (converted == null || converted.width() != f.width() || converted.height() != f.height()) {
            if (converted != null) {
                av_frame_free(converted);
            }
            converted = av_frame_alloc();
            converted.format(AV_PIX_FMT_YUV420P);
            converted.width(f.width());
            converted.height(f.height());
            FfError.check(av_frame_get_buffer(converted, 32), "allocating a video frame");
        }
        sws = sws_getCachedContext(sws, f.width(), f.height(), f.format(), f.width(), f.height(),
                AV_PIX_FMT_YUV420P, SWS_BILINEAR, null, null, (DoublePointer) null);
        if (sws == null) {
            throw new IOException("cannot convert pixel format " + f.format() + " to I420");
        }
        FfError.check(sws_scale(sws, f.data(), f.linesize(), 0, f.height(), converted.data(), converted.linesize()),
                "converting a video frame to I420");
        return converted;
    }

    @Override
    void freeMore() {
        if (sws != null) {
            sws_freeContext(sws);
            sws = null;
        }
        if (converted != null) {
            av_frame_unref(converted);
            av_frame_free(converted);
            converted = null;
        }
    }
}
