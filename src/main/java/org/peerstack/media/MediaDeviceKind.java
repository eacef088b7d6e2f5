package org.peerstack.media;

import org.peerstack.exc.TypeException;

/** W3C {@code MediaDeviceKind}: the kind of a device listed by {@code enumerateDevices()}. */
public enum MediaDeviceKind {
    AUDIO_INPUT("audioinput"),
    AUDIO_OUTPUT("audiooutput"),
    VIDEO_INPUT("videoinput");

    private final String token;

    MediaDeviceKind(String token) {
        this.token = token;
    }

    /** The W3C string value, e.g. for JSON or signaling. */
    public String token() {
        return token;
    }

    /**
     * The constant whose W3C string is {@code token}.
     *
     * @throws TypeException if no constant has that token (the WebIDL enum check)
     */
    public static MediaDeviceKind fromToken(String token) {
        for (MediaDeviceKind value : values()) {
            if (value.token.equals(token)) {
                return value;
            }
        }
        throw new TypeException("'" + token + "' is not a valid MediaDeviceKind; expected one of "
                + java.util.Arrays.stream(values()).map(MediaDeviceKind::token).toList());
    }

    @Override
    public String toString() {
        return token;
    }
}
