package org.peerstack.rtc;

/** Maps transceiver directions between peerstack and webrtc-java. */
final class Directions {

    private Directions() {
    }

    static RTCRtpTransceiverDirection fromNative(dev.onvoid.webrtc.RTCRtpTransceiverDirection direction) {
        return switch (direction) {
            case SEND_RECV -> RTCRtpTransceiverDirection.SENDRECV;
            case SEND_ONLY -> RTCRtpTransceiverDirection.SENDONLY;
            case RECV_ONLY -> RTCRtpTransceiverDirection.RECVONLY;
            case INACTIVE -> RTCRtpTransceiverDirection.INACTIVE;
            case STOPPED -> RTCRtpTransceiverDirection.STOPPED;
        };
    }

    static dev.onvoid.webrtc.RTCRtpTransceiverDirection toNative(RTCRtpTransceiverDirection direction) {
        return switch (direction) {
            case SENDRECV -> dev.onvoid.webrtc.RTCRtpTransceiverDirection.SEND_RECV;
            case SENDONLY -> dev.onvoid.webrtc.RTCRtpTransceiverDirection.SEND_ONLY;
            case RECVONLY -> dev.onvoid.webrtc.RTCRtpTransceiverDirection.RECV_ONLY;
            case INACTIVE -> dev.onvoid.webrtc.RTCRtpTransceiverDirection.INACTIVE;
            case STOPPED -> dev.onvoid.webrtc.RTCRtpTransceiverDirection.STOPPED;
        };
    }
}
