package org.peerstack.internal.recorder;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AV1;
import static org.bytedeco.ffmpeg.global.avcodec.AV_INPUT_BUFFER_PADDING_SIZE;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_DATA_NEW_EXTRADATA;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_get_side_data;
import static org.bytedeco.ffmpeg.global.avutil.av_mallocz;

import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.SizeTPointer;
import org.peerstack.exc.EncodingException;

/**
 * AV1 in Matroska/WebM: the stream's CodecPrivate ({@code av1C}) is built from the AV1 sequence header,
 * which the muxer needs in the stream's extradata when it writes the header, or it refuses every packet
 * with "Invalid data" (on a non-seekable output it cannot add CodecPrivate later).
 *
 * <p>The bundled FFmpeg's libaom encoder (libaom 3.9.1) leaves extradata empty when it opens, even with
 * {@code AV_CODEC_FLAG_GLOBAL_HEADER}, and attaches the sequence header to its first packet as
 * {@code AV_PKT_DATA_NEW_EXTRADATA} side data (measured: 13 bytes at 320x240). So the muxer writes its
 * header only when that packet arrives, with the side data copied into the stream's extradata. The
 * fragmented MP4 muxer needs none of this (it writes {@code av1C} from the packets).
 */
final class Av1SequenceHeader {

    private Av1SequenceHeader() {
    }

    /** Whether {@code stream} of {@code container} must wait for its first packet's sequence header. */
    static boolean awaited(Container container, AVStream stream) {
        if (stream == null || (container != Container.WEBM && container != Container.MATROSKA)) {
            return false;
        }
        AVCodecParameters par = stream.codecpar();
        return par.codec_id() == AV_CODEC_ID_AV1 && par.extradata_size() == 0;
    }

    /**
     * Copies the sequence header {@code packet} carries into {@code stream}'s extradata.
     *
     * @throws EncodingException when the packet carries none
     */
    static void copy(AVPacket packet, AVStream stream) {
        SizeTPointer size = new SizeTPointer(1);
        BytePointer data = av_packet_get_side_data(packet, AV_PKT_DATA_NEW_EXTRADATA, size);
        long bytes = size.get();
        if (data == null || data.isNull() || bytes <= 0) {
            throw new EncodingException("the AV1 encoder's first packet carries no sequence header");
        }
        BytePointer extradata = new BytePointer(av_mallocz(bytes + AV_INPUT_BUFFER_PADDING_SIZE));
        if (extradata.isNull()) {
            throw new EncodingException("out of native memory for the AV1 sequence header");
        }
        Pointer.memcpy(extradata, data, bytes);
        AVCodecParameters par = stream.codecpar();
        par.extradata(extradata);
        par.extradata_size((int) bytes);
    }
}
