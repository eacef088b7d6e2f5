package org.peerstack.sfu.recorder;

/** The container of a passthrough recording. */
public enum SfuRecordingFormat {
    /** WebM when every codec allows it (VP8, VP9, Opus), else fragmented MP4 (H.264). */
    AUTO(null),
    /** WebM (Matroska subset): VP8 or VP9 with Opus. */
    WEBM("webm"),
    /** Matroska: any of VP8, VP9, H.264, Opus. */
    MATROSKA("matroska"),
    /** Fragmented MP4: H.264, VP9 or Opus (not VP8). */
    MP4("mp4");

    private final String muxer;

    SfuRecordingFormat(String muxer) {
        this.muxer = muxer;
    }

    /** FFmpeg's muxer name; null for AUTO. */
    String muxer() {
        return muxer;
    }

    boolean accepts(String codec) {
        String c = codec.toUpperCase(java.util.Locale.ROOT);
        return switch (this) {
            case AUTO, MATROSKA -> true;
            case WEBM -> c.equals("VP8") || c.equals("VP9") || c.equals("OPUS");
            case MP4 -> c.equals("H264") || c.equals("VP9") || c.equals("OPUS");
        };
    }
}
