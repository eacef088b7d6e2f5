package org.peerstack.rtc;

import org.peerstack.exc.TypeException;

/**
 * W3C {@code RTCRtpEncodingParameters}: one encoding of a sender. Null members mean "libwebrtc's default".
 *
 * @param active                whether the encoding is sent
 * @param maxBitrate            bits per second, or null
 * @param maxFramerate          frames per second, or null
 * @param scaleResolutionDownBy divide width and height by this (>= 1), or null
 */
public record RTCRtpEncodingParameters(boolean active, Integer maxBitrate, Double maxFramerate, Double scaleResolutionDownBy) {

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
        return new RTCRtpEncodingParameters(value, maxBitrate, maxFramerate, scaleResolutionDownBy);
    }

    public RTCRtpEncodingParameters withMaxBitrate(Integer bitsPerSecond) {
        return new RTCRtpEncodingParameters(active, bitsPerSecond, maxFramerate, scaleResolutionDownBy);
    }

    public RTCRtpEncodingParameters withMaxFramerate(Double fps) {
        return new RTCRtpEncodingParameters(active, maxBitrate, fps, scaleResolutionDownBy);
    }

    public RTCRtpEncodingParameters withScaleResolutionDownBy(Double factor) {
        return new RTCRtpEncodingParameters(active, maxBitrate, maxFramerate, factor);
    }
}
