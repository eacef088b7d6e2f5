package org.peerstack.signaling;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.peerstack.exc.ErrorCode;
import org.peerstack.exc.SignalingException;
import org.peerstack.signaling.SignalingMessage.Addressed;

/**
 * Reads and writes {@link SignalingMessage}s as JSON, with Jackson limits installed for untrusted
 * input. Thread-safe and cheap to share; one instance per {@link StreamReadConstraints}.
 *
 * <p>Decoding never throws anything but {@link SignalingException}: {@link ErrorCode#UNKNOWN_TYPE} for
 * a {@code type} this version does not know (a string, or a number or boolean, read as its text),
 * {@link ErrorCode#BAD_MESSAGE} for everything else (not JSON, not an object, a {@code type} that is
 * missing, null, an array or an object, a member name repeated in one object, a member of the wrong
 * JSON type, a missing required member, a {@code message} with {@code "to": null}, a number too large
 * for its field, nesting or numbers beyond the constraints, trailing data). Numbers in a
 * {@code message}'s {@code data} are encoded again as they were written ({@link ExactTree}). Unknown members are
 * ignored so that newer peers can add optional members. Scalars are never coerced: a number where a
 * string belongs is a bad message.
 */
public final class SignalingCodec {

    /** Deepest JSON nesting accepted in a message (objects and arrays; unit: levels). */
    public static final int DEFAULT_MAX_NESTING_DEPTH = 16;
    /** Longest JSON number accepted (unit: characters). */
    public static final int DEFAULT_MAX_NUMBER_LENGTH = 32;
    /** Longest JSON string accepted (unit: characters); the frame limit usually bites first. */
    public static final int DEFAULT_MAX_STRING_LENGTH = 64 * 1024;

    private static final Map<Class<?>, String> TYPE_NAMES = collectTypeNames();

    private final SignalingMapper json;
    private final MessageDecoder decoder;

    private SignalingCodec(StreamReadConstraints constraints) {
        this.json = new SignalingMapper(constraints);
        this.decoder = new MessageDecoder(json);
    }

    /**
     * A codec with the given limits (install the server's limits here).
     *
     * @param constraints Jackson's read limits for untrusted input: nesting depth, number and string length
     * @return a new codec; share it, it is thread-safe
     * @throws NullPointerException if {@code constraints} is null
     */
    public static SignalingCodec create(StreamReadConstraints constraints) {
        return new SignalingCodec(constraints);
    }

    /**
     * A codec with the {@code DEFAULT_*} limits of this class, as the Java client uses.
     *
     * @return a new codec; share it, it is thread-safe
     */
    public static SignalingCodec defaults() {
        return new SignalingCodec(defaultConstraints(DEFAULT_MAX_STRING_LENGTH));
    }

    /**
     * The {@code DEFAULT_*} nesting and number limits with the given string length limit, for
     * {@link #create}.
     *
     * @param maxStringLength longest JSON string accepted (characters), e.g. the server's frame limit
     * @return the constraints
     * @throws IllegalArgumentException if {@code maxStringLength} is negative
     */
    public static StreamReadConstraints defaultConstraints(int maxStringLength) {
        return StreamReadConstraints.builder()
                .maxNestingDepth(DEFAULT_MAX_NESTING_DEPTH)
                .maxNumberLength(DEFAULT_MAX_NUMBER_LENGTH)
                .maxStringLength(maxStringLength)
                .build();
    }

    /**
     * The limits this codec enforces when decoding.
     *
     * @return the constraints given to {@link #create}, or the defaults
     */
    public StreamReadConstraints constraints() {
        return json.constraints;
    }

    /**
     * Decodes the readable bytes of {@code json} (UTF-8) without consuming them: the reader index is
     * unchanged and the buffer is not released (the caller owns it).
     *
     * @param json a buffer holding exactly one JSON object
     * @return the message; its {@code from} is whatever the sender wrote (the server overwrites it)
     * @throws SignalingException with {@link ErrorCode#UNKNOWN_TYPE} or {@link ErrorCode#BAD_MESSAGE} (see the
     *     class comment); never another exception for bad input
     */
    public SignalingMessage decode(ByteBuf json) {
        return decoder.decode(json);
    }

    /**
     * Decodes {@code json[offset, offset + length)} (UTF-8); no reference to the array is kept, so the
     * caller may reuse it.
     *
     * @param json the bytes
     * @param offset index of the first byte of the message
     * @param length number of bytes of the message
     * @return the message
     * @throws SignalingException with {@link ErrorCode#UNKNOWN_TYPE} or {@link ErrorCode#BAD_MESSAGE} (see the
     *     class comment); never another exception for bad input
     */
    public SignalingMessage decode(byte[] json, int offset, int length) {
        return decoder.decode(json, offset, length);
    }

    /**
     * Decodes one message from text, e.g. a WebSocket text frame.
     *
     * @param json one JSON object
     * @return the message
     * @throws SignalingException with {@link ErrorCode#UNKNOWN_TYPE} or {@link ErrorCode#BAD_MESSAGE} (see the
     *     class comment); never another exception for bad input
     */
    public SignalingMessage decode(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return decode(bytes, 0, bytes.length);
    }

    /**
     * Appends {@code message} as UTF-8 JSON to {@code out}, with a {@code type} member and null members
     * left out.
     *
     * @param message the message
     * @param out the buffer written to from its writer index; it grows as needed
     * @throws UncheckedIOException if the buffer cannot take the bytes
     */
    public void encode(SignalingMessage message, ByteBuf out) {
        try (ByteBufOutputStream stream = new ByteBufOutputStream(out)) {
            write(message, stream);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + typeName(message.getClass()), e);
        }
    }

    /**
     * {@code message} as UTF-8 JSON in a new buffer of exactly its size, e.g. for a WebSocket text frame.
     *
     * @param message the message
     * @param alloc the allocator the buffer comes from
     * @return a buffer the caller owns and must release (or hand to Netty, which releases it); nothing is
     *     leaked when encoding fails
     * @throws UncheckedIOException if the message cannot be written
     */
    public ByteBuf encode(SignalingMessage message, ByteBufAllocator alloc) {
        ExactBufferStream stream = new ExactBufferStream(alloc);
        try {
            write(message, stream);
        } catch (IOException | RuntimeException e) {
            stream.release();
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new UncheckedIOException("cannot encode " + typeName(message.getClass()), (IOException) e);
        }
        return stream.buffer();
    }

    private void write(SignalingMessage message, OutputStream out) throws IOException {
        if (message instanceof Addressed addressed) {
            try (JsonGenerator generator = json.factory.createGenerator(out)) {
                AddressedWriter.write(addressed, generator);
            }
        } else {
            json.writer.writeValue(out, message);
        }
    }

    /** For tests: what the streaming reader alone makes of {@code json} (null: left to data binding). */
    SignalingMessage decodeWithRelayedReader(byte[] json) {
        return decoder.decodeWithRelayedReader(json);
    }

    /** For tests: what data binding alone makes of {@code json}, the reference for {@link RelayedReader}. */
    SignalingMessage decodeWithDataBinding(byte[] json) throws IOException {
        return decoder.decodeWithDataBinding(json);
    }

    /** For tests: the UTF-8 bytes data binding writes for {@code message}, the reference for the streaming writer. */
    byte[] encodeWithDataBinding(SignalingMessage message) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        json.writer.writeValue(out, message);
        return out.toByteArray();
    }

    /**
     * {@code message} as JSON text, the same bytes as {@link #encode(SignalingMessage, ByteBufAllocator)}
     * writes, decoded as UTF-8.
     *
     * @param message the message
     * @return one JSON object with a {@code type} member; null members are left out
     * @throws UncheckedIOException if the message cannot be written
     */
    public String encodeToString(SignalingMessage message) {
        try {
            return json.writer.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot encode " + typeName(message.getClass()), e);
        }
    }

    /**
     * The wire {@code type} of a message class.
     *
     * @param type a message record class, e.g. {@code SignalingMessage.PeerJoined.class}
     * @return the wire type, e.g. {@code "peer-joined"}, or null for a class that is not a message record
     *     (such as {@link SignalingMessage.Addressed})
     */
    public static String typeName(Class<? extends SignalingMessage> type) {
        return TYPE_NAMES.get(type);
    }

    /**
     * Every wire {@code type} this version knows.
     *
     * @return an immutable collection of the types, e.g. {@code "join"}, {@code "offer"}
     */
    public static Collection<String> typeNames() {
        return List.copyOf(TYPE_NAMES.values());
    }

    private static Map<Class<?>, String> collectTypeNames() {
        Map<Class<?>, String> names = new LinkedHashMap<>();
        for (JsonSubTypes.Type type : SignalingMessage.class.getAnnotation(JsonSubTypes.class).value()) {
            names.put(type.value(), type.name());
        }
        return Collections.unmodifiableMap(names);
    }
}
