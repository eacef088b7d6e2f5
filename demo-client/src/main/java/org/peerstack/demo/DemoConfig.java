package org.peerstack.demo;

import org.peerstack.config.AudioMode;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.peerstack.config.PeerstackConfig;

/** Library configuration for the bots: the usual layers, with the audio mode a bot needs forced. */
public final class DemoConfig {

    private DemoConfig() {
    }

    /**
     * {@link PeerstackConfig#load()} with {@code webrtc.audio-mode} set to {@code mode}: bots that consume
     * remote audio (echo, record) need {@code headless}, which decodes it; senders use {@code dummy}.
     */
    public static PeerstackConfig load(AudioMode mode) {
        Map<String, String> properties = new HashMap<>();
        System.getProperties().forEach((k, v) -> properties.put(String.valueOf(k), String.valueOf(v)));
        properties.put("peerstack.webrtc.audio-mode", mode.name().toLowerCase(java.util.Locale.ROOT));
        return PeerstackConfig.loader().load(Optional.empty(), properties, System.getenv());
    }
}
