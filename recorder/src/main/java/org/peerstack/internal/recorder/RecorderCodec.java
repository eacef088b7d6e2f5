package org.peerstack.internal.recorder;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The codecs a recorder can encode: the FFmpeg encoder behind each and the ids that name it in a MIME
 * type's {@code codecs} parameter (RFC 6381 and the browsers' spellings; compared case-insensitively).
 */
public enum RecorderCodec {
    VP8(true, "libvpx", "vp8", List.of("vp8", "vp8.0")),
    VP9(true, "libvpx-vp9", "vp9", List.of("vp9", "vp9.0")),
    H264(true, "libopenh264", "avc1", List.of("avc1", "h264", "avc3")),
    /** AV1 through libaom in its realtime mode. */
    AV1(true, "libaom-av1", "av1", List.of("av1")),
    OPUS(false, "libopus", "opus", List.of("opus")),
    AAC(false, "aac", "mp4a.40.2", List.of("mp4a.40.2", "mp4a", "aac")),
    /** Uncompressed 16-bit little-endian PCM ({@code A_PCM/INT/LIT} in Matroska). */
    PCM(false, "pcm_s16le", "pcm", List.of("pcm"));

    private final boolean video;
    private final String encoderName;
    private final String mimeId;
    private final List<String> ids;

    RecorderCodec(boolean video, String encoderName, String mimeId, List<String> ids) {
        this.video = video;
        this.encoderName = encoderName;
        this.mimeId = mimeId;
        this.ids = ids;
    }

    public boolean isVideo() {
        return video;
    }

    /** FFmpeg encoder name ({@code avcodec_find_encoder_by_name}). */
    public String encoderName() {
        return encoderName;
    }

    /** The id written in the recorder's reported MIME type, e.g. {@code "vp8"}. */
    public String mimeId() {
        return mimeId;
    }

    /**
     * The codec a {@code codecs} entry names, or empty. Accepts the plain ids and their RFC 6381 forms
     * with a profile/level suffix ({@code avc1.42E01E}, {@code vp09.00.10.08}, {@code av01.0.04M.08}).
     */
    public static Optional<RecorderCodec> ofId(String id) {
        String s = id.trim().toLowerCase(Locale.ROOT);
        if (s.startsWith("avc1.") || s.startsWith("avc3.")) {
            return s.length() == 11 && s.substring(5).chars().allMatch(c -> Character.digit(c, 16) >= 0)
                    ? Optional.of(H264) : Optional.empty();
        }
        if (s.startsWith("vp09.")) {
            return s.substring(5).matches("\\d\\d(\\.\\d\\d)*") ? Optional.of(VP9) : Optional.empty();
        }
        if (s.startsWith("av01.")) {
            return s.matches("av01\\.[0-2]\\.\\d\\d[mh]\\.\\d\\d(\\.\\d+)*") ? Optional.of(AV1) : Optional.empty();
        }
        if (s.startsWith("vp8.") && !s.equals("vp8.0")) {
            return Optional.empty();
        }
        for (RecorderCodec c : values()) {
            if (c.ids.contains(s)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
