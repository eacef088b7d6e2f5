package org.peerstack.signaling.server.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The Lua scripts that change the cluster's state in Redis, each atomic (Redis runs one script at a
 * time): this is what makes the room and member limits and the uniqueness of peer ids hold cluster-wide.
 * Each is the shared {@code common.lua} (key layout, {@code removePeer}) followed by its own file, sent
 * with {@code EVAL} (Redis caches the compiled script; nothing to reload after a Redis restart).
 */
enum Script {
    JOIN("join.lua"),
    LEAVE("leave.lua"),
    REGISTER("register.lua"),
    HEARTBEAT("heartbeat.lua"),
    REAP("reap.lua"),
    CLEAN("clean.lua");

    private final String source;

    Script(String file) {
        this.source = read("common.lua") + "\n" + read(file);
    }

    String source() {
        return source;
    }

    private static String read(String file) {
        try (InputStream in = Script.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + file + " next to " + Script.class.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
