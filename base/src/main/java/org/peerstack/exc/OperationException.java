package org.peerstack.exc;

/**
 * W3C {@code OperationError} / {@code RTCError}: libwebrtc refused an operation. {@link #errorDetail()}
 * carries the {@code RTCErrorDetailType} token where one applies (e.g. {@code "sdp-syntax-error"}),
 * and the message names what was wrong as libwebrtc reported it.
 */
public final class OperationException extends PeerstackException {

    /** The {@code RTCErrorDetailType} token, or null; see {@link #errorDetail()}. */
    private final String errorDetail;

    /**
     * Creates the exception.
     *
     * @param errorDetail the {@code RTCErrorDetailType} token, e.g. {@code "sdp-syntax-error"}, or null when none
     *     applies
     * @param message what failed and why, for a developer (not localised); may be null
     */
    public OperationException(String errorDetail, String message) {
        super(message);
        this.errorDetail = errorDetail;
    }

    /**
     * The W3C {@code RTCError.errorDetail}
     * (<a href="https://www.w3.org/TR/webrtc/#dom-rtcerror-errordetail">spec</a>).
     *
     * @return the {@code RTCErrorDetailType} token, e.g. {@code "sdp-syntax-error"}, or null when none applies
     */
    public String errorDetail() {
        return errorDetail;
    }

    @Override
    public String errorName() {
        return "OperationError";
    }
}
