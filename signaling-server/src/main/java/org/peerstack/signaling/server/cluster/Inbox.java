package org.peerstack.signaling.server.cluster;

import io.lettuce.core.pubsub.RedisPubSubAdapter;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;

/**
 * Reads this node's channel ({@link Wire}) and hands each event and relayed message to the
 * {@link DirectoryListener}, in order, on Lettuce's pub/sub thread, then flushes. A malformed message
 * (never produced by peerstack) is skipped and logged once.
 */
final class Inbox extends RedisPubSubAdapter<String, byte[]> {

    private final DirectoryListener listener;
    private final Logger log;
    private boolean warned;

    Inbox(DirectoryListener listener, Logger log) {
        this.listener = listener;
        this.log = log;
    }

    @Override
    public void message(String channel, byte[] message) {
        try {
            if (!read(message)) {
                malformed(null);
            }
        } catch (RuntimeException e) {
            malformed(e);
        } finally {
            listener.flush();
        }
    }

    private boolean read(byte[] message) {
        if (message.length == 0) {
            return false;
        }
        switch (message[0]) {
            case Wire.RELAYS:
                return Wire.readRelays(message, listener::relayed);
            case Wire.WELCOME:
            case Wire.SFU_WELCOME: {
                List<String> f = Wire.fields(message);
                if (f.size() < 2 || (f.size() - 2) % 3 != 0) {
                    return false;
                }
                List<Peer> others = new ArrayList<>((f.size() - 2) / 3);
                for (int i = 2; i < f.size(); i += 3) {
                    others.add(new Peer(f.get(i), name(f.get(i + 2)), f.get(i + 1)));
                }
                listener.welcome(f.get(0), f.get(1), others, message[0] == Wire.SFU_WELCOME);
                return true;
            }
            case Wire.JOINED: {
                List<String> f = Wire.fields(message);
                if (f.size() != 4) {
                    return false;
                }
                listener.peerJoined(f.get(0), new Peer(f.get(1), name(f.get(3)), f.get(2)));
                return true;
            }
            case Wire.LEFT: {
                List<String> f = Wire.fields(message);
                if (f.size() != 2) {
                    return false;
                }
                listener.peerLeft(f.get(0), f.get(1));
                return true;
            }
            default:
                return false;
        }
    }

    private static String name(String field) {
        return field.isEmpty() ? null : field;
    }

    private void malformed(RuntimeException e) {
        if (!warned) {
            warned = true;
            log.atWarn().setMessage("cluster: skipped a malformed message on this node's channel (logged once)")
                    .addKeyValue("error", e == null ? "bad format" : e.toString()).log();
        }
    }
}
