package org.peerstack.rtc;

import org.peerstack.exc.TypeException;

/**
 * W3C {@code RTCRtpEncodingParameters}: one encoding of a sender. Null members mean "libwebrtc's default".
 *
 * @param active                whether the encoding is sent
 * @param maxBitrate            bits per second, or null
 * @param maxFramerate          frames per second, or null
 * @param scaleResolutionDownBy divide width and height by this (>= 1), or null
 * @param rid                   the RTP stream id of a simulcast encoding ({@code a=rid}, RFC 8851), or null. webrtc-java
 *                              0.14.0 cannot pass a chosen rid to libwebrtc, which names the encodings of a simulcast
 *                              sender "0", "1", "2"... in order: {@link RTCRtpTransceiverInit} accepts exactly those
 *                              (or null), and {@link RTCRtpSender#getParameters()} reports them
 */
public record RTCRtpEncodingParameters(boolean active, Integer maxBitrate, Double maxFramerate, Double scaleResolutionDownBy,
                                       String rid) {

    /** An encoding without a rid. */
    public RTCRtpEncodingParameters(boolean active, Integer maxBitrate, Double maxFramerate, Double scaleResolutionDownBy) {
        this(active, maxBitrate, maxFramerate, scaleResolutionDownBy, null);
    }

    public RTCRtpEncodingParameters {
        if (maxBitrate != null && maxBitrate <= 0) {
            throw new TypeException("maxBitrate must be positive (bits per second), got " + maxBitrate);
        }
        if (maxFramerate != null && !(maxFramerate > 0)) {
            throw new TypeException("maxFramerate must be positive, got " + maxFramerate);
        }
        if (scaleResolutionDownBy != null && !(scaleResolutionDownBy >= 1.0)) {
            throw new org.peerstack.exc.RangeException("scaleResolutionDownBy must be >= 1, got " + scaleResolutionDownBy);
        }
    }

    public RTCRtpEncodingParameters withActive(boolean value) {
        return new RTCRtpEncodingParameters(value, maxBitrate, maxFramerate, scaleResolutionDownBy, rid);
    }

    public RTCRtpEncodingParameters withMaxBitrate(Integer bitsPerSecond) {
        return new RTCRtpEncodingParameters(active, bitsPerSecond, maxFramerate, scaleResolutionDownBy, rid);
    }

    public RTCRtpEncodingParameters withMaxFramerate(Double fps) {
        return new RTCRtpEncodingParameters(active, maxBitrate, fps, scaleResolutionDownBy, rid);
    }

    public RTCRtpEncodingParameters withScaleResolutionDownBy(Double factor) {
        return new RTCRtpEncodingParameters(active, maxBitrate, maxFramerate, factor, rid);
    }

    public RTCRtpEncodingParameters withRid(String value) {
        return new RTCRtpEncodingParameters(active, maxBitrate, maxFramerate, scaleResolutionDownBy, value);
    }
}
