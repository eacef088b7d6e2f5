package org.peerstack.internal.recorder;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The containers a recorder writes, with the MIME subtypes that name them and the codecs each may hold
 * (only combinations this engine writes and its tests check with a real demuxer).
 */
public enum Container {
    /**
     * WebM (Matroska subset): VP8/VP9/AV1 video, Opus audio; chunks start at a Cluster. (AV1: the header
     * waits for the encoder's sequence header, see {@link Av1SequenceHeader}.)
     */
    WEBM("webm", "webm", List.of(RecorderCodec.VP8, RecorderCodec.VP9, RecorderCodec.AV1), List.of(RecorderCodec.OPUS)),
    /** Fragmented MP4: H.264 (OpenH264), VP9 or AV1 video, AAC-LC or Opus audio; chunks start at a {@code moof} box. */
    MP4("mp4", "mp4", List.of(RecorderCodec.H264, RecorderCodec.VP9, RecorderCodec.AV1), List.of(RecorderCodec.AAC, RecorderCodec.OPUS)),
    /** Matroska ({@code x-matroska}): VP8/VP9/H.264/AV1 video, Opus/PCM audio; chunks start at a Cluster (AV1: see WEBM). */
    MATROSKA("x-matroska", "matroska", List.of(RecorderCodec.VP8, RecorderCodec.VP9, RecorderCodec.H264, RecorderCodec.AV1),
            List.of(RecorderCodec.OPUS, RecorderCodec.PCM)),
    /** Ogg: Opus audio only; chunks start at an Ogg page. */
    OGG("ogg", "ogg", List.of(), List.of(RecorderCodec.OPUS));

    private final String subtype;
    private final String muxer;
    private final List<RecorderCodec> videoCodecs;
    private final List<RecorderCodec> audioCodecs;

    Container(String subtype, String muxer, List<RecorderCodec> videoCodecs, List<RecorderCodec> audioCodecs) {
        this.subtype = subtype;
        this.muxer = muxer;
        this.videoCodecs = videoCodecs;
        this.audioCodecs = audioCodecs;
    }

    /** MIME subtype, e.g. {@code "webm"}. */
    public String subtype() {
        return subtype;
    }

    /** FFmpeg muxer short name. */
    String muxer() {
        return muxer;
    }

    /** Video codecs this container may hold, the default first. */
    public List<RecorderCodec> videoCodecs() {
        return videoCodecs;
    }

    /** Audio codecs this container may hold, the default first. */
    public List<RecorderCodec> audioCodecs() {
        return audioCodecs;
    }

    public boolean holds(RecorderCodec codec) {
        return videoCodecs.contains(codec) || audioCodecs.contains(codec);
    }

    /** The default video codec, if the container can hold video. */
    public Optional<RecorderCodec> defaultVideoCodec() {
        return videoCodecs.stream().findFirst();
    }

    /** The default audio codec. */
    public Optional<RecorderCodec> defaultAudioCodec() {
        return audioCodecs.stream().findFirst();
    }

    /** The container named by a MIME subtype (case-insensitive). */
    public static Optional<Container> ofSubtype(String subtype) {
        String s = subtype.toLowerCase(Locale.ROOT);
        for (Container c : values()) {
            if (c.subtype.equals(s)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
