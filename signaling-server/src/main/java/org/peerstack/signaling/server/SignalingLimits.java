package org.peerstack.signaling.server;

import com.fasterxml.jackson.core.StreamReadConstraints;
import org.peerstack.exc.ConfigException;

/**
 * Every limit of the signaling server: the {@code limits:} section of
 * {@code config/signaling-server.yaml}. Each component has a documented {@code DEFAULT_*} constant (the
 * value in the shipped file) and is validated here; exceeding a limit at run time gives the client
 * the error named below (see {@code docs/signaling-protocol.md}, "Limits").
 *
 * @param maxMessageBytes       largest WebSocket message (bytes) → {@code message-too-large}, close 1009
 * @param maxHttpRequestBytes   largest HTTP request (bytes) → HTTP 413
 * @param maxNestingDepth       deepest JSON nesting (levels) → {@code bad-message}
 * @param maxNumberLength       longest JSON number (characters) → {@code bad-message}
 * @param maxMessagesPerSecond  sustained messages per connection (1/s) → {@code rate-limited}
 * @param messageBurst          burst on top of the sustained rate (messages)
 * @param maxMembersPerRoom     members per room → {@code room-full}
 * @param maxRooms              rooms at once → {@code too-many-rooms}
 * @param maxConnections        open TCP connections → HTTP 503 on the admin reserve, else closed at once
 * @param maxRoomNameLength     longest room name (characters) → {@code bad-message}
 * @param maxDisplayNameLength  longest display name (characters) → {@code bad-message}
 * @param maxOutboundBufferBytes bytes queued for one receiver (bytes) → {@code slow-consumer}, close 1008
 * @param idleTimeoutMs         no complete frame before {@code idle-timeout}, close 1001 (milliseconds)
 * @param handshakeTimeoutMs    TCP accept to WebSocket open (milliseconds) → connection closed
 */
public record SignalingLimits(int maxMessageBytes, int maxHttpRequestBytes, int maxNestingDepth, int maxNumberLength,
                              int maxMessagesPerSecond, int messageBurst, int maxMembersPerRoom, int maxRooms,
                              int maxConnections, int maxRoomNameLength, int maxDisplayNameLength,
                              int maxOutboundBufferBytes, long idleTimeoutMs, long handshakeTimeoutMs) {

    public static final int DEFAULT_MAX_MESSAGE_BYTES = 64 * 1024;
    public static final int DEFAULT_MAX_HTTP_REQUEST_BYTES = 8 * 1024;
    public static final int DEFAULT_MAX_NESTING_DEPTH = 16;
    public static final int DEFAULT_MAX_NUMBER_LENGTH = 32;
    public static final int DEFAULT_MAX_MESSAGES_PER_SECOND = 100;
    public static final int DEFAULT_MESSAGE_BURST = 200;
    public static final int DEFAULT_MAX_MEMBERS_PER_ROOM = 16;
    public static final int DEFAULT_MAX_ROOMS = 10_000;
    public static final int DEFAULT_MAX_CONNECTIONS = 15_000;
    public static final int DEFAULT_MAX_ROOM_NAME_LENGTH = 128;
    public static final int DEFAULT_MAX_DISPLAY_NAME_LENGTH = 128;
    public static final int DEFAULT_MAX_OUTBOUND_BUFFER_BYTES = 1024 * 1024;
    public static final long DEFAULT_IDLE_TIMEOUT_MS = 60_000;
    public static final long DEFAULT_HANDSHAKE_TIMEOUT_MS = 10_000;

    /** Smallest accepted {@code max-message-bytes}: a candidate or small offer must fit (bytes). */
    public static final int MIN_MESSAGE_BYTES = 1024;
    /** Smallest accepted {@code max-http-request-bytes}: a browser's upgrade request must fit (bytes). */
    public static final int MIN_HTTP_REQUEST_BYTES = 1024;

    public SignalingLimits {
        atLeast(maxMessageBytes, MIN_MESSAGE_BYTES, "max-message-bytes");
        atLeast(maxHttpRequestBytes, MIN_HTTP_REQUEST_BYTES, "max-http-request-bytes");
        atLeast(maxNestingDepth, 2, "max-nesting-depth");
        atLeast(maxNumberLength, 1, "max-number-length");
        atLeast(maxMessagesPerSecond, 1, "max-messages-per-second");
        atLeast(messageBurst, 0, "message-burst");
        atLeast(maxMembersPerRoom, 1, "max-members-per-room");
        atLeast(maxRooms, 1, "max-rooms");
        atLeast(maxConnections, 1, "max-connections");
        atLeast(maxRoomNameLength, 1, "max-room-name-length");
        atLeast(maxDisplayNameLength, 1, "max-display-name-length");
        atLeast(maxOutboundBufferBytes, maxMessageBytes, "max-outbound-buffer-bytes (>= max-message-bytes)");
        atLeast(idleTimeoutMs, 1, "idle-timeout-ms");
        atLeast(handshakeTimeoutMs, 1, "handshake-timeout-ms");
    }

    /** The {@code DEFAULT_*} limits. */
    public static SignalingLimits defaults() {
        return new SignalingLimits(DEFAULT_MAX_MESSAGE_BYTES, DEFAULT_MAX_HTTP_REQUEST_BYTES, DEFAULT_MAX_NESTING_DEPTH,
                DEFAULT_MAX_NUMBER_LENGTH, DEFAULT_MAX_MESSAGES_PER_SECOND, DEFAULT_MESSAGE_BURST,
                DEFAULT_MAX_MEMBERS_PER_ROOM, DEFAULT_MAX_ROOMS, DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_ROOM_NAME_LENGTH,
                DEFAULT_MAX_DISPLAY_NAME_LENGTH, DEFAULT_MAX_OUTBOUND_BUFFER_BYTES, DEFAULT_IDLE_TIMEOUT_MS,
                DEFAULT_HANDSHAKE_TIMEOUT_MS);
    }

    /** The Jackson limits installed on the mapper that reads client messages. */
    public StreamReadConstraints streamReadConstraints() {
        return StreamReadConstraints.builder()
                .maxNestingDepth(maxNestingDepth)
                .maxNumberLength(maxNumberLength)
                .maxStringLength(maxMessageBytes)
                .maxDocumentLength(maxMessageBytes)
                .build();
    }

    private static void atLeast(long value, long min, String key) {
        if (value < min) {
            throw new ConfigException("limits." + key + " must be at least " + min + " (got " + value + ")");
        }
    }
}
