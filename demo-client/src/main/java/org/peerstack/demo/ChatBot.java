package org.peerstack.demo;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.peerstack.rtc.RTCDataChannel;
import org.peerstack.rtc.RTCDataChannelState;

/**
 * The {@code chat} bot: text chat over data channels. It opens a {@code chat} channel to every member,
 * accepts the channels others open, prints every message it receives as {@code name: text}, and
 * {@link #send} writes a line to every member (on one open channel each).
 */
public final class ChatBot implements Room.Handler {

    /** Label of the data channels the bot and the browser page open. */
    public static final String CHANNEL_LABEL = "chat";

    private final PrintStream out;
    private final Map<String, List<RTCDataChannel>> channels = new ConcurrentHashMap<>();
    private volatile SfuCall sfu;

    public ChatBot(PrintStream out) {
        this.out = out;
    }

    @Override
    public void peerCreated(Peer peer) {
        register(peer, peer.pc().createDataChannel(CHANNEL_LABEL));
    }

    @Override
    public void dataChannel(Peer peer, RTCDataChannel channel) {
        register(peer, channel);
    }

    private void register(Peer peer, RTCDataChannel channel) {
        channels.computeIfAbsent(peer.id(), id -> new CopyOnWriteArrayList<>()).add(channel);
        channel.addEventListener(RTCDataChannel.OPEN, e -> out.println("* " + peer.name() + " joined the chat"));
        channel.addEventListener(RTCDataChannel.MESSAGE, e -> {
            if (!e.isBinary()) {
                out.println(peer.name() + ": " + e.text());
            }
        });
    }

    @Override
    public void peerClosed(Peer peer) {
        if (channels.remove(peer.id()) != null) {
            out.println("* " + peer.name() + " left");
        }
    }

    /**
     * Chats in an SFU room (no data channels through the SFU): lines go through the server as application
     * messages ({@link SfuCall#sendChat}), received lines are printed as {@code name: text}.
     */
    public void attach(SfuCall call) {
        sfu = call;
        call.onChat((name, text) -> out.println(name + ": " + text));
    }

    /** Sends {@code text} to every member with an open channel (in an SFU room: to every member); returns how many got it. */
    public int send(String text) {
        SfuCall call = sfu;
        if (call != null) {
            return call.sendChat(text);
        }
        int sent = 0;
        for (List<RTCDataChannel> list : channels.values()) {
            for (RTCDataChannel channel : list) {
                if (channel.readyState() == RTCDataChannelState.OPEN) {
                    channel.send(text);
                    sent++;
                    break;
                }
            }
        }
        return sent;
    }
}
