package org.peerstack.recorder;

import org.peerstack.exc.TypeException;

/** W3C {@code RecordingState}: where a {@link MediaRecorder} is in its life. */
public enum RecordingState {
    /** Not recording: before {@code start()}, after {@code stop()}, or after an error. */
    INACTIVE("inactive"),
    /** Gathering and encoding media. */
    RECORDING("recording"),
    /** Started but paused: media is dropped and the paused time is not part of the recording. */
    PAUSED("paused");

    private final String token;

    RecordingState(String token) {
        this.token = token;
    }

    /** The W3C string value. */
    public String token() {
        return token;
    }

    /**
     * The constant whose W3C string is {@code token}.
     *
     * @throws TypeException if no constant has that token (the WebIDL enum check)
     */
    public static RecordingState fromToken(String token) {
        for (RecordingState value : values()) {
            if (value.token.equals(token)) {
                return value;
            }
        }
        throw new TypeException("'" + token + "' is not a valid RecordingState; expected one of "
                + java.util.Arrays.stream(values()).map(RecordingState::token).toList());
    }

    @Override
    public String toString() {
        return token;
    }
}
