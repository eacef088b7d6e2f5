package org.peerstack.demo.examples;

import org.peerstack.config.AudioMode;
import java.net.URI;
import java.util.concurrent.atomic.AtomicLong;
import org.peerstack.demo.DemoConfig;
import org.peerstack.demo.Peer;
import org.peerstack.demo.Room;
import org.peerstack.media.MediaKind;
import org.peerstack.media.VideoSink;
import org.peerstack.rtc.RTCDataChannel;
import org.peerstack.rtc.RTCTrackEvent;
import org.peerstack.rtc.WebRtcEngine;

/** docs/bots.md: a whole bot. Greets everyone on a data channel, prints what they say, counts their video frames. */
public final class HelloBot implements Room.Handler {

    final AtomicLong frames = new AtomicLong();

    @Override
    public void peerCreated(Peer peer) {
        RTCDataChannel channel = peer.pc().createDataChannel("chat");
        channel.addEventListener(RTCDataChannel.OPEN, e -> channel.send("hello " + peer.name()));
        channel.addEventListener(RTCDataChannel.MESSAGE, e -> System.out.println(peer.name() + ": " + e.text()));
    }

    @Override
    public void track(Peer peer, RTCTrackEvent event) {
        if (event.track().kind() == MediaKind.VIDEO) {
            event.track().addSink((VideoSink) frame -> frames.incrementAndGet());
        }
    }

    /** {@code HelloBot ws://127.0.0.1:8080/signaling demo}: stays 30 s in room "demo". */
    public static void main(String[] args) throws InterruptedException {
        HelloBot bot = new HelloBot();
        try (WebRtcEngine engine = WebRtcEngine.create(DemoConfig.load(AudioMode.HEADLESS));
             Room room = Room.join(Room.Options.of(URI.create(args[0]), args[1], "hello-bot"), engine, bot)) {
            Thread.sleep(30_000);
            System.out.println("received " + bot.frames.get() + " video frames from " + room.peers().size() + " peers");
        }
        System.exit(0);
    }
}
