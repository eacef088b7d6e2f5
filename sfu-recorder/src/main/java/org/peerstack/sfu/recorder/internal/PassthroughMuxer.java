package org.peerstack.sfu.recorder.internal;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_OPUS;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_VP8;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_VP9;
import static org.bytedeco.ffmpeg.global.avcodec.AV_INPUT_BUFFER_PADDING_SIZE;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_new_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_alloc_context;
import static org.bytedeco.ffmpeg.global.avformat.avio_context_free;
import static org.bytedeco.ffmpeg.global.avformat.avio_flush;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_free;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_malloc;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avformat.Write_packet_Pointer_BytePointer_int;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.peerstack.exc.EncodingException;

/**
 * Writes encoded frames into a container with FFmpeg's muxer, without decoding or encoding. The muxer
 * writes into memory through a non-seekable AVIO context; {@link #cut()} ends the current WebM/Matroska
 * Cluster or MP4 fragment and appends the bytes to the file, so the file on disk always ends on a
 * container boundary and stays playable if the process dies (no Cues/Duration: like a live WebM).
 * MP4 is fragmented ({@code movflags=delay_moov+default_base_moof+frag_keyframe}). Worker thread only.
 */
final class PassthroughMuxer implements AutoCloseable {

    /** Size of the AVIO write buffer (bytes). */
    static final int IO_BUFFER_SIZE = 64 * 1024;
    private static final AVRational MICROS = av_make_q(1, 1_000_000);

    private final String format;
    private final OutputStream file;
    private final AVFormatContext fmt;
    private final Output output = new Output();
    private AVIOContext io;
    private final AVPacket packet;
    private boolean headerWritten;
    private boolean firstCut = true;
    private boolean finished;
    private boolean closed;
    long bytesWritten;

    PassthroughMuxer(String format, OutputStream file) {
        this.format = format;
        this.file = file;
        AVFormatContext created = new AVFormatContext(null);
        check(avformat_alloc_output_context2(created, null, format, null), "creating the " + format + " muxer");
        fmt = created;
        BytePointer buffer = new BytePointer(av_malloc(IO_BUFFER_SIZE));
        io = avio_alloc_context(buffer, IO_BUFFER_SIZE, 1, null, null, output, null);
        fmt.pb(io);
        packet = av_packet_alloc();
    }

    /** Adds a stream; returns its index. {@code codecConfig} is the H.264 SPS/PPS (Annex B) or null. */
    int addVideo(String codec, int width, int height, byte[] codecConfig) {
        AVStream s = newStream();
        AVCodecParameters par = s.codecpar();
        par.codec_type(AVMEDIA_TYPE_VIDEO);
        par.codec_id(switch (codec.toUpperCase(java.util.Locale.ROOT)) {
            case "VP8" -> AV_CODEC_ID_VP8;
            case "VP9" -> AV_CODEC_ID_VP9;
            default -> AV_CODEC_ID_H264;
        });
        par.width(width);
        par.height(height);
        if (codecConfig != null) {
            setExtradata(par, codecConfig);
        }
        s.time_base(av_make_q(1, 90_000));
        return s.index();
    }

    int addOpus() {
        AVStream s = newStream();
        AVCodecParameters par = s.codecpar();
        par.codec_type(AVMEDIA_TYPE_AUDIO);
        par.codec_id(AV_CODEC_ID_OPUS);
        par.sample_rate(48_000);
        av_channel_layout_default(par.ch_layout(), 2);
        // RFC 7845 identification header: version 1, 2 channels, pre-skip 0, 48 kHz, gain 0, family 0
        byte[] head = {'O', 'p', 'u', 's', 'H', 'e', 'a', 'd', 1, 2, 0, 0, (byte) 0x80, (byte) 0xBB, 0, 0, 0, 0, 0};
        setExtradata(par, head);
        s.time_base(av_make_q(1, 48_000));
        return s.index();
    }

    private AVStream newStream() {
        if (headerWritten) {
            throw new IllegalStateException("streams must be added before the header");
        }
        AVStream s = avformat_new_stream(fmt, null);
        if (s == null) {
            throw new EncodingException("cannot add a stream to the " + format + " muxer");
        }
        return s;
    }

    private static void setExtradata(AVCodecParameters par, byte[] data) {
        BytePointer p = new BytePointer(av_malloc(data.length + AV_INPUT_BUFFER_PADDING_SIZE));
        p.position(0).put(data, 0, data.length);
        for (int i = 0; i < AV_INPUT_BUFFER_PADDING_SIZE; i++) {
            p.put(data.length + i, (byte) 0);
        }
        par.extradata(p);
        par.extradata_size(data.length);
    }

    void writeHeader() {
        AVDictionary options = new AVDictionary(null);
        try {
            if (format.equals("mp4")) {
                av_dict_set(options, "movflags", "delay_moov+default_base_moof+frag_keyframe", 0);
            }
            check(avformat_write_header(fmt, options), "writing the " + format + " header");
        } finally {
            av_dict_free(options);
        }
        headerWritten = true;
    }

    boolean headerWritten() {
        return headerWritten;
    }

    void write(int stream, byte[] data, long ptsMicros, boolean keyframe) {
        check(av_new_packet(packet, data.length), "allocating a packet");
        packet.data().position(0).put(data, 0, data.length);
        AVRational tb = fmt.streams(stream).time_base();
        long pts = av_rescale_q(ptsMicros, MICROS, tb);
        packet.pts(pts);
        packet.dts(pts);
        packet.stream_index(stream);
        packet.flags(keyframe ? AV_PKT_FLAG_KEY : 0);
        check(av_interleaved_write_frame(fmt, packet), "writing a packet"); // takes the packet's reference
    }

    /** Ends the current cluster/fragment and appends everything written since the last cut to the file. */
    void cut() throws IOException {
        if (headerWritten && !finished) {
            check(av_interleaved_write_frame(fmt, null), "flushing the interleaving queue");
            check(av_write_frame(fmt, null), "flushing the muxer");
            if (firstCut && format.equals("mp4")) {
                check(av_write_frame(fmt, null), "flushing the first fragment");
            }
            firstCut = false;
            avio_flush(io);
        }
        drainToFile();
    }

    /** Writes the trailer and the rest. */
    void finish() throws IOException {
        if (headerWritten && !finished) {
            finished = true;
            check(av_write_trailer(fmt), "writing the " + format + " trailer");
            avio_flush(io);
        }
        drainToFile();
    }

    private void drainToFile() throws IOException {
        if (output.data.size() > 0) {
            output.data.writeTo(file);
            file.flush();
            bytesWritten += output.data.size();
            output.data.reset();
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        av_packet_free(packet);
        fmt.pb(null);
        avformat_free_context(fmt);
        if (io != null) {
            BytePointer buffer = io.buffer();
            if (buffer != null && !buffer.isNull()) {
                av_free(buffer);
            }
            io.buffer(null);
            avio_context_free(io);
            io = null;
        }
        output.close();
    }

    private static void check(int ret, String what) {
        if (ret < 0) {
            byte[] msg = new byte[256];
            av_strerror(ret, msg, msg.length);
            int n = 0;
            while (n < msg.length && msg[n] != 0) {
                n++;
            }
            throw new EncodingException(what + " failed: " + new String(msg, 0, n, java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    /** The AVIO write callback: appends to memory. Never throws into native code. */
    private static final class Output extends Write_packet_Pointer_BytePointer_int {
        final ByteArrayOutputStream data = new ByteArrayOutputStream(IO_BUFFER_SIZE);
        private byte[] copy = new byte[IO_BUFFER_SIZE];

        @Override
        public int call(Pointer opaque, BytePointer buf, int size) {
            if (size <= 0) {
                return 0;
            }
            try {
                if (copy.length < size) {
                    copy = new byte[size];
                }
                buf.position(0).capacity(size).get(copy, 0, size);
                data.write(copy, 0, size);
                return size;
            } catch (Throwable t) {
                return -12; // AVERROR(ENOMEM)
            }
        }
    }
}
