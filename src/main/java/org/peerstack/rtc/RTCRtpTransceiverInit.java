package org.peerstack.rtc;

import java.util.List;
import java.util.Objects;
import org.peerstack.exc.NotSupportedException;
import org.peerstack.exc.TypeException;
import org.peerstack.media.MediaStream;

/**
 * W3C {@code RTCRtpTransceiverInit} for {@link RTCPeerConnection#addTransceiver(org.peerstack.media.MediaStreamTrack,
 * RTCRtpTransceiverInit)}: direction, streams, and the send encodings. Several encodings make a
 * simulcast sender: libwebrtc offers {@code a=rid:<id> send} per encoding and {@code a=simulcast:send},
 * and sends each encoding as its own RTP stream, scaled by its {@code scaleResolutionDownBy}.
 *
 * <p>webrtc-java 0.14.0 passes no rid to libwebrtc, which names the encodings "0", "1", ... in order;
 * an encoding's {@code rid} must therefore be null or its index, else the constructor throws
 * {@link NotSupportedException}. More than {@link #MAX_SEND_ENCODINGS} encodings are refused
 * ({@link TypeException}); libwebrtc would silently drop the extra ones.
 *
 * @param direction     the transceiver's direction
 * @param streams       the streams the track belongs to (msid)
 * @param sendEncodings none (one encoding, libwebrtc's defaults), or one per simulcast layer, smallest first by convention
 */
public record RTCRtpTransceiverInit(RTCRtpTransceiverDirection direction, List<MediaStream> streams,
                                    List<RTCRtpEncodingParameters> sendEncodings) {

    /** libwebrtc's simulcast limit (kMaxSimulcastStreams). */
    public static final int MAX_SEND_ENCODINGS = 4;

    public RTCRtpTransceiverInit {
        Objects.requireNonNull(direction, "direction");
        streams = List.copyOf(streams);
        sendEncodings = List.copyOf(sendEncodings);
        if (sendEncodings.size() > MAX_SEND_ENCODINGS) {
            throw new TypeException("at most " + MAX_SEND_ENCODINGS + " send encodings, got " + sendEncodings.size());
        }
        for (int i = 0; i < sendEncodings.size(); i++) {
            String rid = sendEncodings.get(i).rid();
            if (rid != null && !(sendEncodings.size() > 1 && rid.equals(Integer.toString(i)))) {
                throw new NotSupportedException("webrtc-java 0.14.0 cannot choose rids: libwebrtc names simulcast encodings "
                        + "\"0\", \"1\", ... in order, so encoding " + i + " may have rid null or \"" + i + "\", not \"" + rid + "\"");
            }
        }
    }

    /** An init with {@code direction} and libwebrtc's single default encoding. */
    public static RTCRtpTransceiverInit of(RTCRtpTransceiverDirection direction, MediaStream... streams) {
        return new RTCRtpTransceiverInit(direction, List.of(streams), List.of());
    }

    /** A simulcast (or single-encoding) init: {@code direction}, one entry of {@code sendEncodings} per layer. */
    public RTCRtpTransceiverInit withSendEncodings(List<RTCRtpEncodingParameters> encodings) {
        return new RTCRtpTransceiverInit(direction, streams, encodings);
    }
}
