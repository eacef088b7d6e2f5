package org.peerstack.exc;

/**
 * A MediaRecorder MIME type (container and codecs) that this build cannot record, or one that does not
 * fit the tracks (W3C {@code NotSupportedError}).
 */
public final class UnsupportedRecordingTypeException extends PeerstackException {

    /**
     * Creates the exception.
     *
     * @param message what failed and why, for a developer (not localised); may be null
     */
    public UnsupportedRecordingTypeException(String message) {
        super(message);
    }

    @Override
    public String errorName() {
        return "NotSupportedError";
    }
}
