package org.peerstack.sfu;

/**
 * Counters of one publisher's or subscriber's connection since it was made ({@link SfuPublisher#stats()},
 * {@link SfuSubscriber#stats()}). Immutable; all counts are cumulative.
 *
 * @param packetsReceived          SRTP/SRTCP packets the SFU received and decrypted on this connection
 *                                 (a publisher's media and RTCP; a subscriber's RTCP)
 * @param bytesReceived            their decrypted bytes
 * @param packetsSent              RTP and RTCP packets the SFU sent on it (a subscriber's forwarded media
 *                                 and retransmissions; a publisher's reports and feedback)
 * @param bytesSent                their unencrypted bytes
 * @param packetsLost              a publisher: media packets missing in what the SFU received (sequence
 *                                 gaps, before NACK recovery); a subscriber: the cumulative loss its receiver
 *                                 reports state, summed over its streams
 * @param nacksReceived            NACK packets received (a subscriber asking for retransmissions)
 * @param nacksSent                NACK packets sent (to a publisher, for the SFU's own losses)
 * @param keyframeRequestsReceived PLI and FIR packets received (from a subscriber)
 * @param keyframeRequestsSent     PLI and FIR packets sent (to a publisher)
 */
public record SfuPeerStats(long packetsReceived, long bytesReceived, long packetsSent, long bytesSent, long packetsLost,
                           long nacksReceived, long nacksSent, long keyframeRequestsReceived, long keyframeRequestsSent) {
}
