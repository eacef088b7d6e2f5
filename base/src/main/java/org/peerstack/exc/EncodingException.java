package org.peerstack.exc;

/**
 * An encoder or muxer failed while recording (W3C MediaRecorder error event, {@code EncodingError}).
 * The message names the native operation and FFmpeg's error text.
 */
public final class EncodingException extends PeerstackException {

    public EncodingException(String message) {
        super(message);
    }

    public EncodingException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String errorName() {
        return "EncodingError";
    }
}
