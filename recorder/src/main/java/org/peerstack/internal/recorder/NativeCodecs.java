package org.peerstack.internal.recorder;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;

import java.util.EnumMap;
import java.util.Map;
import org.bytedeco.ffmpeg.global.avutil;
import org.peerstack.exc.EncodingException;

/**
 * Loads the FFmpeg natives once and answers which encoders the loaded build provides. The natives are
 * unpacked into the JavaCPP cache ({@code -Dorg.bytedeco.javacpp.cachedir=DIR}, default
 * {@code ~/.javacpp/cache}) on first use.
 */
final class NativeCodecs {

    private static final Map<RecorderCodec, Boolean> AVAILABLE = new EnumMap<>(RecorderCodec.class);
    private static volatile boolean loaded;

    private NativeCodecs() {
    }

    /** Loads the natives and quiets FFmpeg's console logging (errors reach callers as exceptions). */
    static void load() {
        if (loaded) {
            return;
        }
        synchronized (NativeCodecs.class) {
            if (!loaded) {
                try {
                    avutil.av_log_set_level(avutil.AV_LOG_FATAL);
                } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
                    throw new EncodingException("the FFmpeg natives (org.bytedeco:ffmpeg, linux-x86_64) "
                            + "could not be loaded: " + e.getMessage(), e);
                }
                loaded = true;
            }
        }
    }

    static synchronized boolean encoderAvailable(RecorderCodec codec) {
        return AVAILABLE.computeIfAbsent(codec, c -> {
            load();
            return avcodec_find_encoder_by_name(c.encoderName()) != null;
        });
    }
}
