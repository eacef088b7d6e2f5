package org.peerstack.internal.recorder;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLT;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLTP;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16P;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.BytePointer;

/** Demuxes and fully decodes a recording with FFmpeg's own demuxer and decoders (through bytedeco). */
public final class MediaProbe {

    /** {@code AV_FRAME_FLAG_CORRUPT}. */
    private static final int AV_FRAME_FLAG_CORRUPT = 1;
    private static final AVRational MILLIS = av_make_q(1, 1000);

    /** What one stream held after a full decode. */
    public static final class StreamReport {
        public String kind;
        public String codec;
        public int width;
        public int height;
        public int sampleRate;
        public int channels;
        public int packets;
        public int frames;
        public int decodeErrors;
        public final List<Long> framePtsMs = new ArrayList<>();
        public long endMs;
        /** Channel 0 of the decoded audio, as floats in -1..1. */
        public float[] samples = new float[0];
        public int sampleCount;

        void addSample(float s) {
            if (sampleCount == samples.length) {
                samples = java.util.Arrays.copyOf(samples, Math.max(4096, samples.length * 2));
            }
            samples[sampleCount++] = s;
        }

        /** Frequency of the tone between {@code fromS} and {@code toS} seconds, by zero crossings. */
        public double toneHz(double fromS, double toS) {
            int from = (int) (fromS * sampleRate);
            int to = Math.min(sampleCount, (int) (toS * sampleRate));
            int firstUp = -1;
            int lastUp = -1;
            int ups = 0;
            for (int i = Math.max(1, from); i < to; i++) {
                if (samples[i - 1] < 0 && samples[i] >= 0) {
                    if (firstUp < 0) {
                        firstUp = i;
                    } else {
                        ups++;
                    }
                    lastUp = i;
                }
            }
            return ups == 0 ? 0 : ups * (double) sampleRate / (lastUp - firstUp);
        }

        /** Largest step between consecutive video frame timestamps (milliseconds). */
        public long maxFrameGapMs() {
            long max = 0;
            for (int i = 1; i < framePtsMs.size(); i++) {
                max = Math.max(max, framePtsMs.get(i) - framePtsMs.get(i - 1));
            }
            return max;
        }
    }

    public record Report(String format, List<StreamReport> streams) {
        public StreamReport video() {
            return streams.stream().filter(s -> s.kind.equals("video")).findFirst().orElseThrow();
        }

        public StreamReport audio() {
            return streams.stream().filter(s -> s.kind.equals("audio")).findFirst().orElseThrow();
        }
    }

    private MediaProbe() {
    }

    public static Report analyze(Path file) {
        NativeCodecs.load();
        AVFormatContext fmt = new AVFormatContext(null);
        Ff.check(avformat_open_input(fmt, file.toString(), null, (AVDictionary) null), "opening " + file);
        List<StreamReport> reports = new ArrayList<>();
        List<AVCodecContext> decoders = new ArrayList<>();
        AVPacket packet = av_packet_alloc();
        AVFrame frame = av_frame_alloc();
        try {
            Ff.check(avformat_find_stream_info(fmt, (AVDictionary) null), "reading stream info");
            for (int i = 0; i < fmt.nb_streams(); i++) {
                AVCodecParameters par = fmt.streams(i).codecpar();
                StreamReport r = new StreamReport();
                r.kind = par.codec_type() == AVMEDIA_TYPE_VIDEO ? "video"
                        : par.codec_type() == AVMEDIA_TYPE_AUDIO ? "audio" : "other";
                r.codec = avcodec_get_name(par.codec_id()).getString();
                r.width = par.width();
                r.height = par.height();
                r.sampleRate = par.sample_rate();
                r.channels = par.ch_layout().nb_channels();
                reports.add(r);
                AVCodec codec = avcodec_find_decoder(par.codec_id());
                AVCodecContext ctx = avcodec_alloc_context3(codec);
                Ff.check(avcodec_parameters_to_context(ctx, par), "decoder parameters");
                ctx.pkt_timebase(fmt.streams(i).time_base());
                Ff.check(avcodec_open2(ctx, codec, (AVDictionary) null), "opening decoder " + r.codec);
                decoders.add(ctx);
            }
            while (av_read_frame(fmt, packet) >= 0) {
                int i = packet.stream_index();
                reports.get(i).packets++;
                decode(decoders.get(i), packet, frame, reports.get(i), fmt.streams(i));
                av_packet_unref(packet);
            }
            for (int i = 0; i < decoders.size(); i++) {
                decode(decoders.get(i), null, frame, reports.get(i), fmt.streams(i));
            }
            return new Report(fmt.iformat().name().getString(), reports);
        } finally {
            decoders.forEach(c -> avcodec_free_context(c));
            av_frame_free(frame);
            av_packet_free(packet);
            avformat_close_input(fmt);
        }
    }

    private static void decode(AVCodecContext ctx, AVPacket packet, AVFrame frame, StreamReport r, AVStream st) {
        if (avcodec_send_packet(ctx, packet) < 0) {
            r.decodeErrors++;
            return;
        }
        while (true) {
            int ret = avcodec_receive_frame(ctx, frame);
            if (ret == Ff.EAGAIN || ret == AVERROR_EOF) {
                return;
            }
            if (ret < 0) {
                r.decodeErrors++;
                return;
            }
            if (frame.decode_error_flags() != 0 || (frame.flags() & AV_FRAME_FLAG_CORRUPT) != 0) {
                r.decodeErrors++;
            }
            r.frames++;
            long ts = frame.best_effort_timestamp();
            if (ts != AV_NOPTS_VALUE) {
                long ms = av_rescale_q(ts, st.time_base(), MILLIS);
                if (r.kind.equals("video")) {
                    r.framePtsMs.add(ms);
                    r.endMs = Math.max(r.endMs, ms + av_rescale_q(frame.duration(), st.time_base(), MILLIS));
                } else {
                    r.endMs = Math.max(r.endMs, ms + frame.nb_samples() * 1000L / frame.sample_rate());
                }
            }
            if (r.kind.equals("audio")) {
                collectAudio(frame, r);
            }
        }
    }

    private static void collectAudio(AVFrame frame, StreamReport r) {
        int n = frame.nb_samples();
        int channels = frame.ch_layout().nb_channels();
        BytePointer data = frame.data(0);
        int format = frame.format();
        for (int i = 0; i < n; i++) {
            float s;
            if (format == AV_SAMPLE_FMT_FLTP) {
                s = data.getFloat(4L * i);
            } else if (format == AV_SAMPLE_FMT_FLT) {
                s = data.getFloat(4L * i * channels);
            } else if (format == AV_SAMPLE_FMT_S16P) {
                s = data.getShort(2L * i) / 32768f;
            } else if (format == AV_SAMPLE_FMT_S16) {
                s = data.getShort(2L * i * channels) / 32768f;
            } else {
                throw new IllegalStateException("sample format " + format + " not handled by the probe");
            }
            r.addSample(s);
        }
    }
}
