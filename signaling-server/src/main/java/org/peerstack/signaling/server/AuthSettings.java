package org.peerstack.signaling.server;

import java.nio.charset.StandardCharsets;
import org.peerstack.exc.ConfigException;
import org.peerstack.signaling.RoomToken;

/**
 * The {@code auth:} section of {@code config/signaling-server.yaml}.
 *
 * @param secret shared HMAC-SHA256 secret for room tokens; empty = tokens not required
 */
public record AuthSettings(String secret) {

    public AuthSettings {
        secret = secret == null ? "" : secret;
        if (!secret.isEmpty() && secret.getBytes(StandardCharsets.UTF_8).length < RoomToken.MIN_SECRET_BYTES) {
            throw new ConfigException("auth.secret must hold at least " + RoomToken.MIN_SECRET_BYTES + " bytes");
        }
    }

    /** Whether joins need a room token. */
    public boolean required() {
        return !secret.isEmpty();
    }

    /** The secret's bytes (UTF-8). */
    public byte[] secretBytes() {
        return secret.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "AuthSettings[secret=" + (secret.isEmpty() ? "none" : "***") + "]";
    }
}
