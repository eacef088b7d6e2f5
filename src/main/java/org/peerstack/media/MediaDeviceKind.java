package org.peerstack.media;

import org.peerstack.exc.TypeException;

/** W3C {@code MediaDeviceKind}: the kind of a device listed by {@code enumerateDevices()}. */
public enum MediaDeviceKind {
    /** {@code "audioinput"}: a microphone or other audio input. */
    AUDIO_INPUT("audioinput"),
    /** {@code "audiooutput"}: a speaker or headset; peerstack lists none (it plays no audio). */
    AUDIO_OUTPUT("audiooutput"),
    /** {@code "videoinput"}: a camera or other video input. */
    VIDEO_INPUT("videoinput");

    private final String token;

    MediaDeviceKind(String token) {
        this.token = token;
    }

    /**
     * The W3C string value, e.g. for JSON or signaling; also what {@link #toString()} returns.
     *
     * @return the token, e.g. {@code "audioinput"}
     */
    public String token() {
        return token;
    }

    /**
     * The constant whose W3C string is {@code token} (case-sensitive).
     *
     * @param token the W3C string, e.g. {@code "audioinput"}
     * @return the constant
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
