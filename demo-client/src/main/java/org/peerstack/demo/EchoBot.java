package org.peerstack.demo;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.peerstack.media.MediaStream;
import org.peerstack.rtc.RTCDataChannel;
import org.peerstack.rtc.RTCTrackEvent;

/**
 * The {@code echo} bot: sends every remote track back to its sender on the same connection (audio and
 * video, decoded and re-encoded: webrtc-java has no encoded-frame API) and sends every data-channel
 * message back on the channel it came in on.
 *
 * <p>Remote audio is decoded only on an engine in {@code headless} audio mode
 * ({@code peerstack.webrtc.audio-mode=headless}); on a {@code dummy} engine the echoed audio is silence.
 */
public final class EchoBot implements Room.Handler {

    private final Map<String, MediaStream> echoes = new ConcurrentHashMap<>();
    private final AtomicLong tracksEchoed = new AtomicLong();
    private final AtomicLong messagesEchoed = new AtomicLong();

    @Override
    public void track(Peer peer, RTCTrackEvent event) {
        // One echo stream per peer, so the sender gets its audio and video back in one stream.
        MediaStream echo = echoes.computeIfAbsent(peer.id(), id -> new MediaStream());
        peer.pc().addTrack(event.track(), echo);
        tracksEchoed.incrementAndGet();
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
