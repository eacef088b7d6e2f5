package org.peerstack.signaling.server;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.peerstack.exc.ConfigException;
import org.peerstack.signaling.RoomToken;

/**
 * The {@code auth:} section of {@code config/signaling-server.yaml}: room tokens are JWTs signed with
 * HMAC ({@link RoomToken}).
 *
 * @param secret         shared HMAC secret for room tokens; empty = tokens not required
 * @param previousSecret during a key rotation, the secret being retired, also accepted; empty = none
 * @param clockSkewMs    tolerance on {@code exp} and {@code nbf} for clocks that disagree (milliseconds)
 */
public record AuthSettings(String secret, String previousSecret, long clockSkewMs) {

    /** Default {@code auth.clock-skew-ms} (milliseconds). */
    public static final long DEFAULT_CLOCK_SKEW_MS = 30_000;
    /** Largest accepted {@code auth.clock-skew-ms} (milliseconds): more would make expiry meaningless. */
    public static final long MAX_CLOCK_SKEW_MS = 600_000;

    public AuthSettings {
        secret = secret == null ? "" : secret;
        previousSecret = previousSecret == null ? "" : previousSecret;
        checkLength(secret, "auth.secret");
        checkLength(previousSecret, "auth.previous-secret");
        if (secret.isEmpty() && !previousSecret.isEmpty()) {
            throw new ConfigException("auth.previous-secret needs auth.secret (the new secret of the rotation)");
        }
        if (clockSkewMs < 0 || clockSkewMs > MAX_CLOCK_SKEW_MS) {
            throw new ConfigException("auth.clock-skew-ms must be within 0.." + MAX_CLOCK_SKEW_MS + " (got " + clockSkewMs + ")");
        }
    }

    /** Settings with one secret and the default clock skew. */
    public AuthSettings(String secret) {
        this(secret, "", DEFAULT_CLOCK_SKEW_MS);
    }

    /** Whether joins need a room token. */
    public boolean required() {
        return !secret.isEmpty();
    }

    /** The secrets a token may be signed with (UTF-8): the current one, then the previous one if set. */
    public List<byte[]> secretBytes() {
        List<byte[]> secrets = new ArrayList<>(2);
        secrets.add(secret.getBytes(StandardCharsets.UTF_8));
        if (!previousSecret.isEmpty()) {
            secrets.add(previousSecret.getBytes(StandardCharsets.UTF_8));
        }
        return secrets;
    }

    public Duration clockSkew() {
        return Duration.ofMillis(clockSkewMs);
    }

    /** Verifies {@code token} with these settings; see {@link RoomToken#verify(String, List, Clock, Duration)}. */
    RoomToken verify(String token, Clock clock) {
        return RoomToken.verify(token, secretBytes(), clock, clockSkew());
    }

    private static void checkLength(String value, String key) {
        if (!value.isEmpty() && value.getBytes(StandardCharsets.UTF_8).length < RoomToken.MIN_SECRET_BYTES) {
            throw new ConfigException(key + " must hold at least " + RoomToken.MIN_SECRET_BYTES + " bytes");
        }
    }

    @Override
    public String toString() {
        return "AuthSettings[secret=" + (secret.isEmpty() ? "none" : "***") + ", previousSecret="
                + (previousSecret.isEmpty() ? "none" : "***") + ", clockSkewMs=" + clockSkewMs + "]";
    }
}
