package org.peerstack.internal.filesource;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_FLAG_BACKWARD;
import static org.bytedeco.ffmpeg.global.avformat.av_guess_frame_rate;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_seek_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avformat.AV_DISPOSITION_ATTACHED_PIC;
import static org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_ALL;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avformat.AVInputFormat;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.PointerPointer;

/**
 * One opened media file: its format context, the chosen video and audio streams ({@link FileStreams}),
 * and a reusable packet. Not thread-safe: owned by one player thread (or used briefly to probe).
 */
final class Demuxer implements AutoCloseable {

    /** Frame rate assumed when the file gives none (frames per second). */
    static final double DEFAULT_FRAME_RATE = 30;

    static {
        // FFmpeg would print every probe's complaint to stderr; the errors reach the log as exceptions.
        org.bytedeco.ffmpeg.global.avutil.av_log_set_level(org.bytedeco.ffmpeg.global.avutil.AV_LOG_FATAL);
    }

    private final Path path;
    private AVFormatContext format;
    private final AVPacket packet;
    final FileStreams streams;

    private Demuxer(Path path, AVFormatContext format) throws IOException {
        this.path = path;
        this.format = format;
        this.packet = av_packet_alloc();
        this.streams = select();
    }

    /**
     * Opens {@code path} and reads enough to know its streams.
     *
     * @throws IOException naming the file and FFmpeg's reason when it cannot be opened
     */
    static Demuxer open(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new IOException("no such file");
        }
        AVFormatContext format = new AVFormatContext(null);
        FfError.check(avformat_open_input(format, path.toString(), (AVInputFormat) null, (AVDictionary) null),
                "opening it as a media file");
        try {
            FfError.check(avformat_find_stream_info(format, (PointerPointer<?>) null), "reading its streams");
            return new Demuxer(path, format);
        } catch (IOException | RuntimeException e) {
            avformat_close_input(format);
            throw e;
        }
    }

    /** The file's streams, without keeping it open. */
    static FileStreams probe(Path path) throws IOException {
        try (Demuxer d = open(path)) {
            return d.streams;
        }
    }

    private FileStreams select() {
        int video = -1;
        int audio = -1;
        for (int i = 0; i < format.nb_streams(); i++) {
            AVStream st = format.streams(i);
            AVCodecParameters par = st.codecpar();
            boolean decodable = avcodec_find_decoder(par.codec_id()) != null;
            if (video < 0 && par.codec_type() == AVMEDIA_TYPE_VIDEO && decodable
                    && (st.disposition() & AV_DISPOSITION_ATTACHED_PIC) == 0 && par.width() > 0 && par.height() > 0) {
                video = i;
            } else if (audio < 0 && par.codec_type() == AVMEDIA_TYPE_AUDIO && decodable && par.sample_rate() > 0
                    && par.ch_layout().nb_channels() > 0) {
                audio = i;
            } else {
                st.discard(AVDISCARD_ALL);
            }
        }
        int width = 0;
        int height = 0;
        double fps = 0;
        StringBuilder desc = new StringBuilder(format.iformat().name().getString());
        if (video >= 0) {
            AVStream st = format.streams(video);
            width = st.codecpar().width();
            height = st.codecpar().height();
            AVRational r = av_guess_frame_rate(format, st, null);
            fps = r.num() > 0 && r.den() > 0 ? (double) r.num() / r.den() : DEFAULT_FRAME_RATE;
            desc.append(' ').append(avcodec_get_name(st.codecpar().codec_id()).getString())
                    .append(' ').append(width).append('x').append(height);
        }
        int rate = 0;
        int channels = 0;
        if (audio >= 0) {
            AVCodecParameters par = format.streams(audio).codecpar();
            rate = FileStreams.playbackRate(par.sample_rate());
            channels = Math.min(FileStreams.MAX_CHANNELS, par.ch_layout().nb_channels());
            desc.append(video >= 0 ? " + " : " ").append(avcodec_get_name(par.codec_id()).getString());
        }
        long duration = format.duration() == AV_NOPTS_VALUE ? -1 : format.duration();
        return new FileStreams(video, width, height, fps, audio, rate, channels, duration, desc.toString());
    }

    AVStream stream(int index) {
        return format.streams(index);
    }

    /** The container's start time (microseconds), 0 when unknown: media time zero of the file. */
    long startUs() {
        long start = format.start_time();
        return start == AV_NOPTS_VALUE ? 0 : start;
    }

    /**
     * Reads the next packet of a chosen stream into {@link #packet()}.
     *
     * @return false at end of file
     */
    boolean read() throws IOException {
        while (true) {
            av_packet_unref(packet);
            int ret = av_read_frame(format, packet);
            if (ret == AVERROR_EOF) {
                return false;
            }
            FfError.check(ret, "reading " + path.getFileName());
            int index = packet.stream_index();
            if (index == streams.videoIndex() || index == streams.audioIndex()) {
                return true;
            }
        }
    }

    AVPacket packet() {
        return packet;
    }

    /** Goes back to the start of the file; false if the format cannot seek. */
    boolean rewind() {
        av_packet_unref(packet);
        return av_seek_frame(format, -1, format.start_time() == AV_NOPTS_VALUE ? 0 : format.start_time(),
                AVSEEK_FLAG_BACKWARD) >= 0;
    }

    @Override
    public void close() {
        if (format != null) {
            av_packet_free(packet);
            avformat_close_input(format);
            format = null;
        }
    }
}
