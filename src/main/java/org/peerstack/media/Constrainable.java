package org.peerstack.media;

/**
 * The constrainable properties peerstack supports (the W3C registry's subset listed in
 * {@link MediaTrackSupportedConstraints}), with their value type and the track kind they apply to.
 */
enum Constrainable {
    WIDTH("width", Type.LONG, MediaKind.VIDEO),
    HEIGHT("height", Type.LONG, MediaKind.VIDEO),
    ASPECT_RATIO("aspectRatio", Type.DOUBLE, MediaKind.VIDEO),
    FRAME_RATE("frameRate", Type.DOUBLE, MediaKind.VIDEO),
    FACING_MODE("facingMode", Type.STRING, MediaKind.VIDEO),
    RESIZE_MODE("resizeMode", Type.STRING, MediaKind.VIDEO),
    SAMPLE_RATE("sampleRate", Type.LONG, MediaKind.AUDIO),
    SAMPLE_SIZE("sampleSize", Type.LONG, MediaKind.AUDIO),
    ECHO_CANCELLATION("echoCancellation", Type.BOOLEAN, MediaKind.AUDIO),
    AUTO_GAIN_CONTROL("autoGainControl", Type.BOOLEAN, MediaKind.AUDIO),
    NOISE_SUPPRESSION("noiseSuppression", Type.BOOLEAN, MediaKind.AUDIO),
    LATENCY("latency", Type.DOUBLE, MediaKind.AUDIO),
    CHANNEL_COUNT("channelCount", Type.LONG, MediaKind.AUDIO),
    DEVICE_ID("deviceId", Type.STRING, null),
    GROUP_ID("groupId", Type.STRING, null);

    enum Type { LONG, DOUBLE, STRING, BOOLEAN }

    final String key;
    final Type type;
    /** The kind the property applies to, or null for both. */
    final MediaKind kind;

    Constrainable(String key, Type type, MediaKind kind) {
        this.key = key;
        this.type = type;
        this.kind = kind;
    }

    boolean appliesTo(MediaKind trackKind) {
        return kind == null || kind == trackKind;
    }

    static Constrainable byKey(String key) {
        for (Constrainable c : values()) {
            if (c.key.equals(key)) {
                return c;
            }
        }
        return null;
    }
}
