package org.peerstack.sfu;

/**
 * Receives the media packets of one published track as the SFU has them: decrypted, RTX undone, the
 * publisher's sequence numbers, timestamps and SSRC, in arrival order (not reordered, with gaps where
 * packets were lost). Used to record a track without decoding (see the peerstack-sfu-recorder module).
 *
 * <p>Called on the SFU's media I/O thread: an implementation must not block and must copy what it keeps
 * (the array is reused after the call returns). An exception thrown by it is caught and ignored.
 */
public interface SfuRtpListener {

    /** One RTP packet (header and payload) in {@code packet[offset .. offset + length)}. */
    void onRtp(byte[] packet, int offset, int length);

    /** The track ended (its publisher closed): no more packets follow. */
    default void onEnded() {
    }
}
