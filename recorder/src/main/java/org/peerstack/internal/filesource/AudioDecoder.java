package org.peerstack.internal.filesource;

import static org.bytedeco.ffmpeg.global.avutil.AV_CHANNEL_ORDER_UNSPEC;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_copy;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_uninit;
import static org.bytedeco.ffmpeg.global.swresample.swr_alloc_set_opts2;
import static org.bytedeco.ffmpeg.global.swresample.swr_convert;
import static org.bytedeco.ffmpeg.global.swresample.swr_free;
import static org.bytedeco.ffmpeg.global.swresample.swr_get_out_samples;
import static org.bytedeco.ffmpeg.global.swresample.swr_init;

import java.io.IOException;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVChannelLayout;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swresample.SwrContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;
import org.peerstack.media.AudioData;

/**
 * Decodes the audio stream into 10 ms chunks of 16-bit interleaved PCM at the playback rate and
 * channel count ({@link FileStreams}), resampling with swresample. Chunk times count samples from the
 * first frame's timestamp, so audio time never jitters; the last partial chunk is padded with silence.
 */
final class AudioDecoder extends Decoder {

    private final Timeline timeline;
    private final int rate;
    private final int channels;
    private final int chunkBytes;
    private final byte[] pending;
    private int pendingBytes;
    private SwrContext swr;
    private BytePointer buffer;
    private int bufferSamples;
    private final PointerPointer<BytePointer> out = new PointerPointer<>(1);
    /** File time of the first sample after a reset, or MIN_VALUE before it is known. */
    private long baseUs = Long.MIN_VALUE;
    private long samplesOut;

    AudioDecoder(AVStream stream, int rate, int channels, Timeline timeline) throws IOException {
        super(stream);
        this.timeline = timeline;
        this.rate = rate;
        this.channels = channels;
        this.chunkBytes = rate * AudioData.CHUNK_MS / 1000 * channels * 2;
        this.pending = new byte[chunkBytes];
    }

    @Override
    void reset() {
        super.reset();
        pendingBytes = 0;
        baseUs = Long.MIN_VALUE;
        samplesOut = 0;
        if (swr != null) {
            swr_free(swr);
            swr = null;
        }
    }

    @Override
    void onFrame(AVFrame f) throws IOException {
        if (baseUs == Long.MIN_VALUE) {
            long us = toUs(f.best_effort_timestamp());
            baseUs = us == Long.MIN_VALUE ? 0 : us;
        }
        if (swr == null) {
            swr = open(f);
        }
        convert(f.extended_data(), f.nb_samples());
    }

    /** Emits what the resampler still holds and the last partial chunk, padded with silence. */
    void finish() throws IOException {
        if (swr != null) {
            convert(null, 0);
        }
        if (pendingBytes > 0) {
            java.util.Arrays.fill(pending, pendingBytes, chunkBytes, (byte) 0);
            pendingBytes = chunkBytes;
            emit();
        }
    }

    private SwrContext open(AVFrame f) throws IOException {
        AVChannelLayout in = new AVChannelLayout();
        AVChannelLayout outLayout = new AVChannelLayout();
        try {
            if (f.ch_layout().order() == AV_CHANNEL_ORDER_UNSPEC) {
                av_channel_layout_default(in, f.ch_layout().nb_channels());
            } else {
                FfError.check(av_channel_layout_copy(in, f.ch_layout()), "reading the channel layout");
            }
            av_channel_layout_default(outLayout, channels);
            SwrContext created = new SwrContext(null);
            FfError.check(swr_alloc_set_opts2(created, outLayout, AV_SAMPLE_FMT_S16, rate, in, f.format(),
                    f.sample_rate(), 0, null), "configuring the resampler");
            FfError.check(swr_init(created), "starting the resampler (" + f.sample_rate() + " Hz to " + rate + " Hz)");
            return created;
        } finally {
            av_channel_layout_uninit(in);
            av_channel_layout_uninit(outLayout);
            in.close();
            outLayout.close();
        }
    }

    private void convert(PointerPointer<?> input, int samples) throws IOException {
        int capacity = swr_get_out_samples(swr, samples) + 64;
        if (buffer == null || bufferSamples < capacity) {
            if (buffer != null) {
                buffer.close();
            }
            buffer = new BytePointer((long) capacity * channels * 2);
            bufferSamples = capacity;
            out.put(0, buffer);
        }
        int n = FfError.check(swr_convert(swr, out, capacity, input, samples), "resampling");
        int bytes = n * channels * 2;
        int offset = 0;
        while (offset < bytes) {
            int take = Math.min(bytes - offset, chunkBytes - pendingBytes);
            buffer.position(offset).get(pending, pendingBytes, take);
            buffer.position(0);
            pendingBytes += take;
            offset += take;
            if (pendingBytes == chunkBytes) {
                emit();
            }
        }
    }

    private void emit() {
        int frames = chunkBytes / channels / 2;
        long us = baseUs + samplesOut * 1_000_000L / rate;
        samplesOut += frames;
        timeline.audio(us, AudioData.ofBytes(pending.clone(), rate, channels, timeline.mediaUs(us)));
        pendingBytes = 0;
    }

    @Override
    void freeMore() {
        if (swr != null) {
            swr_free(swr);
            swr = null;
        }
        if (buffer != null) {
            buffer.close();
            buffer = null;
        }
        out.close();
    }
}
