package org.peerstack.demo;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.peerstack.media.MediaStream;
import org.peerstack.media.MediaStreamTrack;
import org.peerstack.rtc.RTCDataChannel;
import org.peerstack.rtc.RTCRtpTransceiver;
import org.peerstack.rtc.RTCRtpTransceiverDirection;
import org.peerstack.rtc.RTCTrackEvent;

/**
 * The {@code echo} bot: sends every remote track back to its sender on the same connection (audio and
 * video, decoded and re-encoded: webrtc-java has no encoded-frame API) and sends every data-channel
 * message back on the channel it came in on.
 *
 * <p>Remote audio is decoded on an engine in {@code headless} audio mode (the default); on a
 * {@code dummy} engine the echoed audio is silence.
 */
public final class EchoBot implements Room.Handler {

    private final Map<String, MediaStream> echoes = new ConcurrentHashMap<>();
    /** Remote tracks already sent back (a track is echoed once, whether seen in peerCreated or its event). */
    private final Map<String, Set<MediaStreamTrack>> echoed = new ConcurrentHashMap<>();
    private final AtomicLong tracksEchoed = new AtomicLong();
    private final AtomicLong messagesEchoed = new AtomicLong();

    /**
     * As the callee this runs between applying the caller's offer and answering it: the tracks that offer
     * brought are echoed in the answer (one offer/answer); as the caller there is nothing to echo yet.
     */
    @Override
    public void peerCreated(Peer peer) {
        for (RTCRtpTransceiver transceiver : peer.pc().getTransceivers()) {
            RTCRtpTransceiverDirection direction = transceiver.direction();
            if (direction == RTCRtpTransceiverDirection.RECVONLY || direction == RTCRtpTransceiverDirection.SENDRECV) {
                echo(peer, transceiver.receiver().track());
            }
        }
    }

    @Override
    public void track(Peer peer, RTCTrackEvent event) {
        echo(peer, event.track());
    }

    private void echo(Peer peer, MediaStreamTrack track) {
        Set<MediaStreamTrack> done = echoed.computeIfAbsent(peer.id(), id -> ConcurrentHashMap.newKeySet());
        // Atomic per peer: when peerCreated (before the answer) finds a track the track event is echoing on
        // another thread, it waits until that sender exists, so the answer carries it.
        synchronized (done) {
            if (!done.add(track)) {
                return;
            }
            // One echo stream per peer, so the sender gets its audio and video back in one stream.
            MediaStream echo = echoes.computeIfAbsent(peer.id(), id -> new MediaStream());
            peer.pc().addTrack(track, echo);
            tracksEchoed.incrementAndGet();
        }
    }

    @Override
    public void dataChannel(Peer peer, RTCDataChannel channel) {
        channel.addEventListener(RTCDataChannel.MESSAGE, e -> {
            if (e.isBinary()) {
                channel.send(e.data());
            } else {
                channel.send(e.text());
            }
            messagesEchoed.incrementAndGet();
        });
    }

    @Override
    public void peerClosed(Peer peer) {
        echoes.remove(peer.id());
        echoed.remove(peer.id());
    }

    /** Tracks sent back so far. */
    public long tracksEchoed() {
        return tracksEchoed.get();
    }

    /** Data-channel messages sent back so far. */
    public long messagesEchoed() {
        return messagesEchoed.get();
    }

    /** Status text for {@link LiveStatus}. */
    public String status() {
        return "echoed " + tracksEchoed.get() + " tracks, " + messagesEchoed.get() + " messages";
    }
}
