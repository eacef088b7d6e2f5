package org.peerstack.exc;

/**
 * W3C {@code OperationError} / {@code RTCError}: libwebrtc refused an operation. {@link #errorDetail()}
 * carries the {@code RTCErrorDetailType} token where one applies (e.g. {@code "sdp-syntax-error"}),
 * and the message names what was wrong as libwebrtc reported it.
 */
public final class OperationException extends PeerstackException {

    private final String errorDetail;

    public OperationException(String errorDetail, String message) {
        super(message);
        this.errorDetail = errorDetail;
    }

    /** The RTCErrorDetailType token, or null. */
    public String errorDetail() {
        return errorDetail;
    }

    @Override
    public String errorName() {
        return "OperationError";
    }
}
