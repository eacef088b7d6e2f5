package org.peerstack.signaling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.peerstack.exc.ErrorCode;
import org.peerstack.exc.SignalingException;

/**
 * A room token: permission to join one room until an expiry time, signed with HMAC-SHA256 by a
 * backend that shares a secret with the signaling server.
 *
 * <p>Wire form: {@code base64url(payload) "." base64url(HMAC-SHA256(secret, base64url(payload)))},
 * unpadded, where payload is the JSON object {@code {"room":"...","exp":<epoch seconds>}}.
 *
 * @param room    the only room the token admits to
 * @param expires the instant after which the token is rejected
 */
public record RoomToken(String room, Instant expires) {

    /** Longest token accepted by {@link #verify} (unit: characters). */
    public static final int MAX_TOKEN_LENGTH = 1024;
    /** Shortest secret accepted (unit: bytes), as RFC 2104 recommends at least the hash output length. */
    public static final int MIN_SECRET_BYTES = 32;

    private static final String ALGORITHM = "HmacSHA256";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    public RoomToken {
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(expires, "expires");
    }

    /** The signed wire form of this token. */
    public String sign(byte[] secret) {
        checkSecret(secret);
        ObjectNode payload = JSON.createObjectNode().put("room", room).put("exp", expires.getEpochSecond());
        String body = ENCODER.encodeToString(payload.toString().getBytes(StandardCharsets.UTF_8));
        return body + "." + ENCODER.encodeToString(mac(secret, body));
    }

    /**
     * Checks the signature and expiry of {@code token}.
     *
     * @throws SignalingException with {@link ErrorCode#UNAUTHORIZED} saying what is wrong
     */
    public static RoomToken verify(String token, byte[] secret, Clock clock) {
        checkSecret(secret);
        if (token == null || token.isEmpty()) {
            throw unauthorized("a room token is required");
        }
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw unauthorized("the room token is longer than " + MAX_TOKEN_LENGTH + " characters");
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.')) {
            throw unauthorized("the room token is malformed");
        }
        String body = token.substring(0, dot);
        byte[] signature;
        JsonNode payload;
        try {
            signature = DECODER.decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(signature, mac(secret, body))) {
                throw unauthorized("the room token's signature is invalid");
            }
            payload = JSON.readTree(DECODER.decode(body));
        } catch (IllegalArgumentException | IOException e) {
            throw unauthorized("the room token is malformed");
        }
        JsonNode room = payload == null ? null : payload.get("room");
        JsonNode exp = payload == null ? null : payload.get("exp");
        if (room == null || !room.isTextual() || exp == null || !exp.canConvertToLong()) {
            throw unauthorized("the room token lacks 'room' or 'exp'");
        }
        Instant expires = Instant.ofEpochSecond(exp.asLong());
        if (!clock.instant().isBefore(expires)) {
            throw unauthorized("the room token expired at " + expires);
        }
        return new RoomToken(room.asText(), expires);
    }

    private static byte[] mac(byte[] secret, String body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret, ALGORITHM));
            return mac.doFinal(body.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static void checkSecret(byte[] secret) {
        if (secret == null || secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("a room token secret needs at least " + MIN_SECRET_BYTES + " bytes");
        }
    }

    private static SignalingException unauthorized(String message) {
        return new SignalingException(ErrorCode.UNAUTHORIZED, message);
    }
}
