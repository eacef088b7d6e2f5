package org.peerstack.sfu;

/**
 * What {@link SfuMetrics} counts. Bad input is never an exception on the media thread: it is dropped and
 * counted under one of the {@code DROPPED_*} counters.
 */
public enum SfuCounter {
    /** Datagrams read from the media socket. */
    DATAGRAMS_IN,
    /** Datagrams written to the media socket. */
    DATAGRAMS_OUT,
    BYTES_IN,
    BYTES_OUT,
    /** STUN Binding requests answered. */
    STUN_ANSWERED,
    /** RTP packets received from publishers (after decryption). */
    RTP_IN,
    /** RTP packets forwarded to subscribers (including retransmissions). */
    RTP_FORWARDED,
    /** Retransmissions sent to subscribers answering their NACKs. */
    RETRANSMISSIONS_SENT,
    /** Lost packets recovered from a publisher's RTX stream. */
    RTX_RECOVERED,
    /** NACK feedback packets received from subscribers. */
    NACKS_RECEIVED,
    /** NACK feedback packets sent to publishers. */
    NACKS_SENT,
    /** PLI/FIR received from subscribers. */
    KEYFRAME_REQUESTS_RECEIVED,
    /** PLI/FIR sent to publishers. */
    KEYFRAME_REQUESTS_SENT,
    /** Keyframe requests not sent because one was sent less than the configured interval before. */
    KEYFRAME_REQUESTS_SUPPRESSED,
    /** Lost RTP packets seen on publisher streams (sequence gaps, before recovery). */
    PUBLISHER_PACKETS_LOST,
    /**
     * Lost video packets of publisher streams that NACKs did not recover (the publisher did not resend them
     * in time, or the loss was too large to ask for): each time, a keyframe is requested from the publisher.
     */
    PUBLISHER_PACKETS_UNRECOVERED,
    DTLS_HANDSHAKES_COMPLETED,
    DTLS_HANDSHAKES_FAILED,
    /** Peers closed because consent (RFC 7675) expired. */
    CONSENT_EXPIRED,
    /** ICE restarts (new local credentials) of publishers' and subscribers' connections. */
    ICE_RESTARTS,
    /** Transport-wide congestion control feedback packets sent to publishers. */
    TWCC_FEEDBACK_SENT,
    /** STUN that does not parse, or with a bad FINGERPRINT. */
    DROPPED_STUN_MALFORMED,
    /** STUN whose MESSAGE-INTEGRITY does not verify. */
    DROPPED_STUN_BAD_INTEGRITY,
    /** STUN for a ufrag no peer has. */
    DROPPED_STUN_UNKNOWN_USER,
    /** Non-STUN datagrams from an address no peer has been checked from. */
    DROPPED_UNKNOWN_SOURCE,
    /** DTLS records that the handshake could not take (not started, queue full, garbage). */
    DROPPED_DTLS,
    /** SRTP/SRTCP that failed authentication or replay checks. */
    DROPPED_SRTP_AUTH,
    /** RTP that does not parse after decryption. */
    DROPPED_RTP_MALFORMED,
    /** RTCP that does not parse after decryption. */
    DROPPED_RTCP_MALFORMED,
    /** Media before the DTLS handshake completed. */
    DROPPED_BEFORE_DTLS,
    /** RTP with an SSRC no published track has. */
    DROPPED_UNKNOWN_SSRC,
    /** Datagrams that are none of STUN, DTLS, RTP or RTCP (RFC 7983). */
    DROPPED_UNKNOWN_PROTOCOL,
    /** RTX packets repeating a packet that was not lost (libwebrtc's bandwidth probes): not forwarded. */
    RTX_DUPLICATES
}
