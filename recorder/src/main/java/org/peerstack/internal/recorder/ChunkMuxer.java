package org.peerstack.internal.recorder;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_clone;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_from_context;
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_GLOBALHEADER;
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
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_free;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_malloc;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;

import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
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
 * The container writer: an FFmpeg muxer whose output goes, through a custom non-seekable AVIO
 * context, into an in-memory buffer that is taken out as a chunk at each cut.
 *
 * <p>A cut flushes the interleaving queue and then the muxer itself, which ends the current WebM
 * Cluster / fragmented-MP4 fragment / Ogg page, so every chunk after the first starts on a container
 * boundary and the concatenation of all chunks is one valid file. MP4 uses
 * {@code movflags=delay_moov+default_base_moof+frag_keyframe}; its first flush writes only the
 * {@code moov}, so the first cut flushes twice. Packets that arrive before the header can be written
 * (audio before the first video frame fixes the video size) are held and written after it.
 * Owned by the recorder's worker thread; {@link #close()} frees all native memory.
 */
final class ChunkMuxer implements AutoCloseable {

    /** Size of the AVIO write buffer (bytes). */
    static final int IO_BUFFER_SIZE = 64 * 1024;
    private static final AVRational MILLIS = av_make_q(1, 1000);

    private final Container container;
    private final AVFormatContext fmt;
    private final Output output = new Output();
    private AVIOContext io;
    private AVStream videoStream;
    private AVStream audioStream;
    private AVRational videoTimeBase;
    private AVRational audioTimeBase;
    private final ArrayDeque<Held> held = new ArrayDeque<>();
    private boolean headerWritten;
    /** The header is due but waits for the first video packet's AV1 sequence header ({@link Av1SequenceHeader}). */
    private boolean headerAwaitsVideo;
    private boolean firstCutDone;
    private boolean finished;
    private boolean closed;
    private long chunkStartMs = Long.MIN_VALUE;
    private long positionMs;
    private long packetsWritten;

    ChunkMuxer(Container container) {
        this.container = container;
        AVFormatContext created = new AVFormatContext(null);
        Ff.check(avformat_alloc_output_context2(created, null, container.muxer(), null),
                "creating the " + container.muxer() + " muxer");
        fmt = created;
        BytePointer buffer = new BytePointer(av_malloc(IO_BUFFER_SIZE));
        if (buffer.isNull()) {
            avformat_free_context(fmt);
            throw new EncodingException("out of native memory for the muxer's buffer");
        }
        io = avio_alloc_context(buffer, IO_BUFFER_SIZE, 1, null, null, output, null);
        if (io == null) {
            av_free(buffer);
            avformat_free_context(fmt);
            throw new EncodingException("out of native memory for the muxer's output");
        }
        fmt.pb(io);
    }

    /** Whether encoders must put codec headers in extradata (MP4) rather than in the stream. */
    boolean needsGlobalHeader() {
        return (fmt.oformat().flags() & AVFMT_GLOBALHEADER) != 0;
    }

    void addVideo(AVCodecContext encoder) {
        videoStream = addStream(encoder);
        videoTimeBase = encoder.time_base();
    }

    void addAudio(AVCodecContext encoder) {
        audioStream = addStream(encoder);
        audioTimeBase = encoder.time_base();
    }

    private AVStream addStream(AVCodecContext encoder) {
        if (headerWritten) {
            throw new IllegalStateException("streams must be added before the header");
        }
        AVStream stream = avformat_new_stream(fmt, null);
        if (stream == null) {
            throw new EncodingException("cannot add a stream to the " + container.muxer() + " muxer");
        }
        Ff.check(avcodec_parameters_from_context(stream.codecpar(), encoder), "copying codec parameters");
        stream.time_base(encoder.time_base());
        return stream;
    }

    boolean headerWritten() {
        return headerWritten;
    }

    /** Packets waiting for the header. */
    int heldPackets() {
        return held.size();
    }

    /**
     * Writes the container header, then the packets held until now; for AV1 in Matroska/WebM, when the
     * first video packet arrives instead (see {@link Av1SequenceHeader}).
     */
    void writeHeader() {
        if (Av1SequenceHeader.awaited(container, videoStream)) {
            headerAwaitsVideo = true;
            return;
        }
        writeHeaderNow();
    }

    private void writeHeaderNow() {
        headerAwaitsVideo = false;
        AVDictionary options = new AVDictionary(null);
        try {
            if (container == Container.MP4) {
                av_dict_set(options, "movflags", "delay_moov+default_base_moof+frag_keyframe", 0);
            }
            Ff.check(avformat_write_header(fmt, options), "writing the " + container.muxer() + " header");
        } finally {
            av_dict_free(options);
        }
        headerWritten = true;
        while (!held.isEmpty()) {
            Held h = held.removeFirst();
            try {
                writeNow(h.packet, h.video);
            } finally {
                av_packet_free(h.packet);
            }
        }
    }

    /** Writes (or, before the header, holds a copy of) one encoded packet; the packet is unreferenced. */
    void write(AVPacket packet, boolean video) {
        if (headerAwaitsVideo && video) {
            Av1SequenceHeader.copy(packet, videoStream);
            writeHeaderNow();
        }
        if (!headerWritten) {
            AVPacket copy = av_packet_clone(packet);
            av_packet_unref(packet);
            if (copy == null) {
                throw new EncodingException("out of native memory holding a packet");
            }
            held.addLast(new Held(copy, video));
            return;
        }
        writeNow(packet, video);
    }

    private void writeNow(AVPacket packet, boolean video) {
        AVStream stream = video ? videoStream : audioStream;
        AVRational from = video ? videoTimeBase : audioTimeBase;
        long pts = packet.pts() != AV_NOPTS_VALUE ? packet.pts() : packet.dts();
        if (pts != AV_NOPTS_VALUE) {
            long ms = av_rescale_q(pts, from, MILLIS);
            if (chunkStartMs == Long.MIN_VALUE) {
                chunkStartMs = ms;
            }
            positionMs = Math.max(positionMs, ms + av_rescale_q(Math.max(0, packet.duration()), from, MILLIS));
        }
        packet.stream_index(stream.index());
        av_packet_rescale_ts(packet, from, stream.time_base());
        int ret = av_interleaved_write_frame(fmt, packet);
        av_packet_unref(packet);
        Ff.check(ret, "writing a packet");
        packetsWritten++;
    }

    /** A packet's position on the output timeline (milliseconds), or -1 without timestamps. */
    long positionOf(AVPacket packet, boolean video) {
        long pts = packet.pts() != AV_NOPTS_VALUE ? packet.pts() : packet.dts();
        return pts == AV_NOPTS_VALUE ? -1 : av_rescale_q(pts, video ? videoTimeBase : audioTimeBase, MILLIS);
    }

    /** End of the media written so far (milliseconds of the output timeline). */
    long positionMs() {
        return positionMs;
    }

    /**
     * Ends the current cluster/fragment/page and takes out everything written since the last cut.
     *
     * @return the bytes and the timeline position of their first packet (or -1 if none)
     */
    Taken cut() {
        if (headerWritten) {
            Ff.check(av_interleaved_write_frame(fmt, null), "flushing the interleaving queue");
            Ff.check(av_write_frame(fmt, null), "flushing the muxer");
            if (!firstCutDone && container == Container.MP4) {
                Ff.check(av_write_frame(fmt, null), "flushing the first fragment");
            }
            firstCutDone = true;
            avio_flush(io);
        }
        return take();
    }

    /** Writes the trailer and takes out the rest; the muxer accepts nothing afterwards. */
    Taken finish() {
        if (headerAwaitsVideo && !held.isEmpty()) {
            throw new EncodingException("the recording ended before its first AV1 video packet: without the AV1 "
                    + "sequence header the " + container.muxer() + " header cannot be written");
        }
        if (!headerWritten) {
            return take();
        }
        if (!finished) {
            finished = true;
            Ff.check(av_write_trailer(fmt), "writing the " + container.muxer() + " trailer");
            avio_flush(io);
        }
        return take();
    }

    private Taken take() {
        Taken t = new Taken(output.data.toByteArray(), chunkStartMs == Long.MIN_VALUE ? -1 : chunkStartMs);
        output.data.reset();
        chunkStartMs = Long.MIN_VALUE;
        return t;
    }

    private record Held(AVPacket packet, boolean video) {
    }

    /** Bytes taken out at a cut, with the timeline position of their first packet (milliseconds). */
    record Taken(byte[] data, long firstPacketMs) {
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        while (!held.isEmpty()) {
            av_packet_free(held.removeFirst().packet);
        }
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

    /** The AVIO write callback: appends to the current chunk. Never throws into native code. */
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
