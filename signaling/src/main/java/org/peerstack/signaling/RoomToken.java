package org.peerstack.signaling;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.util.Base64URL;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.peerstack.exc.ErrorCode;
import org.peerstack.exc.SignalingException;

/**
 * A room token: a JSON Web Token (RFC 7519) signed with HMAC (JWS {@code HS256}, {@code HS384} or
 * {@code HS512}, RFC 7515) by a backend that shares a secret with the signaling server. Any JWT
 * library mints one; this class mints and checks them with nimbus-jose-jwt.
 *
 * <p>Claims: {@code room} (string, required: the only room the token admits to), {@code exp}
 * (NumericDate, required: integer seconds since the epoch, at most {@link #MAX_EXP_SECONDS}),
 * {@code nbf} (NumericDate, optional), {@code name} (string, optional: the member's display name,
 * which then replaces the one in {@code join}) and {@code role} (string, optional: carried for the
 * application, not interpreted by the server). Other claims are ignored.
 *
 * <pre>{@code
 * String jwt = new RoomToken("standup", Instant.now().plusSeconds(600)).sign(secret);
 * }</pre>
 *
 * @param room    the only room the token admits to
 * @param expires the instant after which the token is rejected (plus the verifier's clock skew)
 * @param name    display name vouched for by the backend, or null
 * @param role    the application's role for this member, or null
 */
public record RoomToken(String room, Instant expires, String name, String role) {

    /** Longest token accepted by {@link #verify} (unit: characters). */
    public static final int MAX_TOKEN_LENGTH = 2048;
    /** Shortest secret accepted (unit: bytes): RFC 7518 §3.2 asks for a key of at least the hash size. */
    public static final int MIN_SECRET_BYTES = 32;
    /** Largest {@code exp} accepted (unit: seconds since the epoch; 9999-12-31T23:59:59Z). */
    public static final long MAX_EXP_SECONDS = 253_402_300_799L;
    /** Clock skew allowed by {@link #verify(String, byte[], Clock)} (unit: seconds). */
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(30);

    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.HS256, JWSAlgorithm.HS384, JWSAlgorithm.HS512);

    /**
     * Checks the required claims.
     *
     * @param room    the only room the token admits to
     * @param expires the instant after which the token is rejected (plus the verifier's clock skew)
     * @param name    display name vouched for by the backend, or null
     * @param role    the application's role for this member, or null
     * @throws NullPointerException if {@code room} or {@code expires} is null
     */
    public RoomToken {
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(expires, "expires");
    }

    /**
     * A token for {@code room} until {@code expires}, without name or role.
     *
     * @param room    the only room the token admits to
     * @param expires the instant after which the token is rejected; {@link #sign} keeps whole seconds
     * @throws NullPointerException if an argument is null
     */
    public RoomToken(String room, Instant expires) {
        this(room, expires, null, null);
    }

    /**
     * This token as a compact JWT (JWS compact serialization, header {@code typ} {@code JWT}) signed with
     * HS256. {@code exp} is {@link #expires()} truncated to whole seconds; null name and role are left out.
     *
     * @param secret the HMAC key shared with the signaling server, at least {@value #MIN_SECRET_BYTES} bytes
     * @return the token text {@code header.payload.signature}, to pass as {@code token} in {@code join}
     * @throws IllegalArgumentException if {@code secret} is null or shorter than {@value #MIN_SECRET_BYTES}
     *     bytes
     */
    public String sign(byte[] secret) {
        checkSecret(secret);
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("room", room);
        claims.put("exp", expires.getEpochSecond());
        if (name != null) {
            claims.put("name", name);
        }
        if (role != null) {
            claims.put("role", role);
        }
        JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(),
                new Payload(claims));
        try {
            jws.sign(new MACSigner(secret));
        } catch (JOSEException e) {
            throw new IllegalArgumentException("cannot sign a room token: " + e.getMessage(), e);
        }
        return jws.serialize();
    }

    /**
     * As {@link #verify(String, List, Clock, Duration)} with one secret and {@link #DEFAULT_CLOCK_SKEW}.
     *
     * @param token the compact JWS from a {@code join}; may be null or empty (then rejected)
     * @param secret the HMAC key shared with the token issuer, at least {@value #MIN_SECRET_BYTES} bytes
     * @param clock the clock {@code exp} and {@code nbf} are compared with
     * @return the token's claims; {@code expires} in whole seconds
     * @throws SignalingException with {@link ErrorCode#UNAUTHORIZED} if the token is not valid
     * @throws IllegalArgumentException if {@code secret} is null or too short (a server configuration error)
     */
    public static RoomToken verify(String token, byte[] secret, Clock clock) {
        return verify(token, List.of(secret), clock, DEFAULT_CLOCK_SKEW);
    }

    /**
     * Checks {@code token}: a compact JWS with an HMAC algorithm, its signature in canonical base64url
     * and valid under one of {@code secrets} (two during a key rotation), {@code exp} not passed and
     * {@code nbf} (if any) reached, each with {@code skew} of tolerance, and a string {@code room}.
     *
     * <p>Every fault of the token itself is reported as a {@link SignalingException}, never as another
     * exception; only faults of the caller's arguments throw anything else.
     *
     * @param token the compact JWS from a {@code join}, at most {@value #MAX_TOKEN_LENGTH} characters; may be
     *     null or empty (then rejected)
     * @param secrets the HMAC keys accepted, each at least {@value #MIN_SECRET_BYTES} bytes; the token is
     *     valid if its signature verifies under any of them
     * @param clock the clock {@code exp} and {@code nbf} are compared with
     * @param skew tolerance applied to both {@code exp} and {@code nbf}
     * @return the token's claims ({@code room}, {@code exp} as an instant, {@code name}, {@code role})
     * @throws SignalingException with {@link ErrorCode#UNAUTHORIZED} and a message saying what is wrong
     *     (missing, too long, malformed, wrong algorithm, bad signature, expired, not yet valid, bad claim)
     * @throws IllegalArgumentException if {@code secrets} is empty or a secret is null or too short
     * @throws NullPointerException if {@code secrets}, {@code clock} or {@code skew} is null
     */
    public static RoomToken verify(String token, List<byte[]> secrets, Clock clock, Duration skew) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("at least one secret is required");
        }
        secrets.forEach(RoomToken::checkSecret);
        if (token == null || token.isEmpty()) {
            throw unauthorized("a room token is required");
        }
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw unauthorized("the room token is longer than " + MAX_TOKEN_LENGTH + " characters");
        }
        JWSObject jws = parse(token);
        if (!ALGORITHMS.contains(jws.getHeader().getAlgorithm())) {
            throw unauthorized("the room token must be signed with HS256, HS384 or HS512");
        }
        if (!signedByOneOf(jws, secrets)) {
            throw unauthorized("the room token's signature is invalid");
        }
        Map<String, Object> claims = jws.getPayload().toJSONObject();
        if (claims == null) {
            throw unauthorized("the room token's payload is not a JSON object");
        }
        Instant now = clock.instant();
        Instant expires = Instant.ofEpochSecond(numericDate(claims, "exp", true));
        if (!now.isBefore(expires.plus(skew))) {
            throw unauthorized("the room token expired at " + expires);
        }
        if (claims.containsKey("nbf")) {
            Instant notBefore = Instant.ofEpochSecond(numericDate(claims, "nbf", false));
            if (now.plus(skew).isBefore(notBefore)) {
                throw unauthorized("the room token is not valid before " + notBefore);
            }
        }
        return new RoomToken(text(claims, "room", true), expires, text(claims, "name", false), text(claims, "role", false));
    }

    private static JWSObject parse(String token) {
        JWSObject jws;
        try {
            jws = JWSObject.parse(token);
        } catch (ParseException | RuntimeException e) {
            throw unauthorized("the room token is not a compact JWS (header.payload.signature)");
        }
        // base64url has several spellings of the same bytes (the unused low bits of the last character);
        // only the canonical one is accepted, so a valid token has exactly one form
        Base64URL signature = jws.getSignature();
        if (signature == null || !Base64URL.encode(signature.decode()).toString().equals(signature.toString())) {
            throw unauthorized("the room token's signature is not canonical base64url");
        }
        return jws;
    }

    private static boolean signedByOneOf(JWSObject jws, List<byte[]> secrets) {
        for (byte[] secret : secrets) {
            try {
                if (new MACVerifier(secret).verify(jws.getHeader(), jws.getSigningInput(), jws.getSignature())) {
                    return true;
                }
            } catch (JOSEException | RuntimeException e) {
                // a key too short for HS384/HS512, or a critical header we do not process: not valid with this key
            }
        }
        return false;
    }

    /** A NumericDate claim as whole seconds within 0..{@link #MAX_EXP_SECONDS}. */
    private static long numericDate(Map<String, Object> claims, String claim, boolean required) {
        Object value = claims.get(claim);
        if (value == null) {
            if (required) {
                throw unauthorized("the room token lacks '" + claim + "'");
            }
            return 0;
        }
        if (!(value instanceof Number number)) {
            throw unauthorized("the room token's '" + claim + "' is not a number");
        }
        double asDouble = number.doubleValue();
        long seconds = number instanceof Long || number instanceof Integer ? number.longValue() : (long) Math.floor(asDouble);
        if (Double.isNaN(asDouble) || asDouble < 0 || asDouble > MAX_EXP_SECONDS || seconds < 0 || seconds > MAX_EXP_SECONDS) {
            throw unauthorized("the room token's '" + claim + "' must be seconds since the epoch up to " + MAX_EXP_SECONDS);
        }
        return seconds;
    }

    private static String text(Map<String, Object> claims, String claim, boolean required) {
        Object value = claims.get(claim);
        if (value == null && !required) {
            return null;
        }
        if (!(value instanceof String text)) {
            throw unauthorized(value == null ? "the room token lacks '" + claim + "'"
                    : "the room token's '" + claim + "' is not a string");
        }
        return text;
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
