package org.peerstack.internal.recorder;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_GLOBAL_HEADER;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLTP;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16;
import static org.bytedeco.ffmpeg.global.avutil.av_audio_fifo_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_audio_fifo_free;
import static org.bytedeco.ffmpeg.global.avutil.av_audio_fifo_read;
import static org.bytedeco.ffmpeg.global.avutil.av_audio_fifo_size;
import static org.bytedeco.ffmpeg.global.avutil.av_audio_fifo_write;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_copy;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_uninit;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_samples_set_silence;
import static org.bytedeco.ffmpeg.global.swresample.swr_alloc_set_opts2;
import static org.bytedeco.ffmpeg.global.swresample.swr_convert;
import static org.bytedeco.ffmpeg.global.swresample.swr_free;
import static org.bytedeco.ffmpeg.global.swresample.swr_get_out_samples;
import static org.bytedeco.ffmpeg.global.swresample.swr_init;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVAudioFifo;
import org.bytedeco.ffmpeg.avutil.AVChannelLayout;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.swresample.SwrContext;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacpp.ShortPointer;
import org.peerstack.exc.EncodingException;

/**
 * One audio encoder (libopus or AAC) with its resampler and sample FIFO. Input is interleaved 16-bit
 * PCM at any rate and channel count, which may change between buffers (the resampler is rebuilt);
 * output is {@link #SAMPLE_RATE} Hz, {@link #CHANNELS} channels. Positions are sample counts.
 * Owned by the recorder's worker thread; {@link #close()} frees all native memory.
 */
final class AudioEncoder implements AutoCloseable {

    /** Output sample rate (Hz): Opus always codes 48 kHz; AAC uses the same. */
    static final int SAMPLE_RATE = 48_000;
    /** Output channel count. */
    static final int CHANNELS = 2;

    private final AVCodecContext ctx;
    private final AVFrame frame;
    private final AVFrame converted;
    private final AVPacket packet;
    private final AVAudioFifo fifo;
    private final int format;
    private final int frameSize;
    private SwrContext swr;
    private int swrRate;
    private int swrChannels;
    private ShortPointer staging;
    private final PointerPointer<ShortPointer> inPlanes = new PointerPointer<>(1);
    private long samplesSent;
    private boolean closed;

    AudioEncoder(RecorderCodec codec, long bitsPerSecond, boolean globalHeader) {
        AVCodec encoder = avcodec_find_encoder_by_name(codec.encoderName());
        if (encoder == null) {
            throw new EncodingException("this FFmpeg build has no " + codec.encoderName() + " encoder");
        }
        format = codec == RecorderCodec.AAC ? AV_SAMPLE_FMT_FLTP : AV_SAMPLE_FMT_S16;
        ctx = avcodec_alloc_context3(encoder);
        frame = av_frame_alloc();
        converted = av_frame_alloc();
        packet = av_packet_alloc();
        fifo = av_audio_fifo_alloc(format, CHANNELS, SAMPLE_RATE);
        if (ctx == null || frame == null || converted == null || packet == null || fifo == null) {
            freeNatives();
            throw new EncodingException("out of native memory opening the " + codec + " encoder");
        }
        try {
            ctx.sample_fmt(format);
            ctx.sample_rate(SAMPLE_RATE);
            av_channel_layout_default(ctx.ch_layout(), CHANNELS);
            ctx.time_base(av_make_q(1, SAMPLE_RATE));
            ctx.bit_rate(bitsPerSecond);
            if (globalHeader) {
                ctx.flags(ctx.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
            }
            Ff.check(avcodec_open2(ctx, encoder, (org.bytedeco.ffmpeg.avutil.AVDictionary) null),
                    "opening the " + codec.encoderName() + " encoder");
            frameSize = ctx.frame_size() > 0 ? ctx.frame_size() : 960;
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

    /** Samples (per channel) handed to the encoder or waiting in the FIFO: the audio position. */
    long position() {
        return samplesSent + av_audio_fifo_size(fifo);
    }

    /** Resamples and queues one buffer, then encodes every complete frame. */
    void encode(PcmChunk in, PacketSink sink) {
        ensureResampler(in.sampleRate(), in.channels());
        int frames = in.frames();
        if (staging == null || staging.capacity() < in.samples().length) {
            if (staging != null) {
                staging.close();
            }
            staging = new ShortPointer(Math.max(in.samples().length, 4096));
        }
        staging.position(0).put(in.samples(), 0, in.samples().length);
        inPlanes.put(0, staging);
        convert(inPlanes, frames);
        encodeFullFrames(sink);
    }

    /** Queues {@code frames} samples of silence (a gap in the input), then encodes full frames. */
    void silence(long frames, PacketSink sink) {
        long left = frames;
        while (left > 0) {
            int n = (int) Math.min(left, SAMPLE_RATE);
            prepare(converted, n);
            av_samples_set_silence(converted.data(), 0, n, CHANNELS, format);
            Ff.check(av_audio_fifo_write(fifo, converted.data(), n), "queueing silence");
            left -= n;
            encodeFullFrames(sink);
        }
    }

    /** Drains the resampler and the FIFO (a short last frame), then flushes the encoder. */
    void flush(PacketSink sink) {
        if (swr != null) {
            convert(null, 0);
        }
        encodeFullFrames(sink);
        int rest = av_audio_fifo_size(fifo);
        if (rest > 0) {
            sendFrame(rest, sink);
        }
        int ret = avcodec_send_frame(ctx, null);
        if (ret != AVERROR_EOF) {
            Ff.check(ret, "flushing the audio encoder");
        }
        drain(sink);
    }

    private void ensureResampler(int rate, int channels) {
        if (swr != null && rate == swrRate && channels == swrChannels) {
            return;
        }
        if (swr != null) {
            convert(null, 0);
            swr_free(swr);
            swr = null;
        }
        AVChannelLayout inLayout = new AVChannelLayout();
        try {
            av_channel_layout_default(inLayout, channels);
            SwrContext created = new SwrContext(null);
            Ff.check(swr_alloc_set_opts2(created, ctx.ch_layout(), format, SAMPLE_RATE, inLayout, AV_SAMPLE_FMT_S16,
                    rate, 0, null), "configuring the resampler");
            swr = created;
            Ff.check(swr_init(swr), "starting the resampler for " + rate + " Hz x " + channels);
            swrRate = rate;
            swrChannels = channels;
        } finally {
            av_channel_layout_uninit(inLayout);
            inLayout.close();
        }
    }

    private void convert(PointerPointer<ShortPointer> input, int frames) {
        int capacity = swr_get_out_samples(swr, frames) + 32;
        prepare(converted, capacity);
        int out = Ff.check(swr_convert(swr, converted.data(), capacity, input, frames), "resampling audio");
        if (out > 0) {
            Ff.check(av_audio_fifo_write(fifo, converted.data(), out), "queueing samples");
        }
    }

    private void prepare(AVFrame f, int samples) {
        if (f.nb_samples() < samples || f.data(0) == null) {
            av_frame_unref(f);
            f.format(format);
            f.sample_rate(SAMPLE_RATE);
            Ff.check(av_channel_layout_copy(f.ch_layout(), ctx.ch_layout()), "setting a channel layout");
            f.nb_samples(Math.max(samples, frameSize));
            Ff.check(av_frame_get_buffer(f, 0), "allocating an audio frame");
        }
    }

    private void encodeFullFrames(PacketSink sink) {
        while (av_audio_fifo_size(fifo) >= frameSize) {
            sendFrame(frameSize, sink);
        }
    }

    private void sendFrame(int samples, PacketSink sink) {
        av_frame_unref(frame);
        frame.format(format);
        frame.sample_rate(SAMPLE_RATE);
        Ff.check(av_channel_layout_copy(frame.ch_layout(), ctx.ch_layout()), "setting a channel layout");
        frame.nb_samples(samples);
        Ff.check(av_frame_get_buffer(frame, 0), "allocating an audio frame");
        Ff.check(av_frame_make_writable(frame), "making the audio frame writable");
        int read = av_audio_fifo_read(fifo, frame.data(), samples);
        if (read != samples) {
            throw new EncodingException("audio FIFO returned " + read + " of " + samples + " samples");
        }
        frame.pts(samplesSent);
        samplesSent += samples;
        Ff.check(avcodec_send_frame(ctx, frame), "encoding an audio frame");
        drain(sink);
    }

    private void drain(PacketSink sink) {
        while (true) {
            int ret = avcodec_receive_packet(ctx, packet);
            if (ret == Ff.EAGAIN || ret == AVERROR_EOF) {
                return;
            }
            Ff.check(ret, "receiving an audio packet");
            sink.write(packet, false);
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
        if (swr != null) {
            swr_free(swr);
            swr = null;
        }
        if (staging != null) {
            staging.close();
            staging = null;
        }
        inPlanes.close();
        if (fifo != null) {
            av_audio_fifo_free(fifo);
        }
        if (packet != null) {
            av_packet_free(packet);
        }
        if (converted != null) {
            av_frame_free(converted);
        }
        if (frame != null) {
            av_frame_free(frame);
        }
        if (ctx != null) {
            avcodec_free_context(ctx);
        }
    }
}
