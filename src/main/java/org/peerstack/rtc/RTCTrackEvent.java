package org.peerstack.rtc;

import java.util.List;
import org.peerstack.event.Event;
import org.peerstack.event.EventType;
import org.peerstack.media.MediaStream;
import org.peerstack.media.MediaStreamTrack;

/**
 * W3C {@code RTCTrackEvent}: a remote track arrived. {@link #streams()} are the non-local
 * {@link MediaStream}s the remote side put it in; the same remote stream id always maps to the same
 * {@code MediaStream} instance on one connection.
 */
public final class RTCTrackEvent extends Event {

    private final RTCRtpReceiver receiver;
    private final MediaStreamTrack track;
    private final List<MediaStream> streams;
    private final RTCRtpTransceiver transceiver;

    public RTCTrackEvent(EventType<RTCTrackEvent> type, Object target, RTCRtpReceiver receiver,
                         List<MediaStream> streams, RTCRtpTransceiver transceiver) {
        super(type, target);
        this.receiver = required(receiver, "RTCTrackEvent", "receiver");
        this.track = receiver.track();
        this.streams = List.copyOf(required(streams, "RTCTrackEvent", "streams"));
        this.transceiver = required(transceiver, "RTCTrackEvent", "transceiver");
    }

    public RTCRtpReceiver receiver() {
        return receiver;
    }

    public MediaStreamTrack track() {
        return track;
    }

    public List<MediaStream> streams() {
        return streams;
    }

    public RTCRtpTransceiver transceiver() {
        return transceiver;
    }
}
