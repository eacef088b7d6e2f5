package org.peerstack.signaling;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.util.concurrent.FastThreadLocal;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import org.peerstack.exc.ErrorCode;
import org.peerstack.exc.SignalingException;
import org.peerstack.signaling.SignalingMessage.Addressed;
import org.peerstack.signaling.SignalingMessage.Answer;
import org.peerstack.signaling.SignalingMessage.AppMessage;
import org.peerstack.signaling.SignalingMessage.Candidate;
import org.peerstack.signaling.SignalingMessage.Offer;

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
    /** Longest human error message produced by the decoder (unit: characters). */
    static final int MAX_ERROR_TEXT = 200;

    private static final Map<Class<?>, String> TYPE_NAMES = collectTypeNames();
    /** Largest message decoded through the per-thread copy buffer (unit: bytes); larger ones get their own. */
    static final int MAX_SCRATCH_BYTES = 64 * 1024;
    private static final FastThreadLocal<byte[]> SCRATCH = new FastThreadLocal<>() {
        @Override
        protected byte[] initialValue() {
            return new byte[1024];
        }
    };

    private final JsonFactory factory;
    /** The same limits without the repeated-name check, for {@link RelayedReader}'s first pass (it checks names itself). */
    private final JsonFactory unchecked;
    private final ObjectReader reader;
    private final ObjectWriter writer;
    private final StreamReadConstraints constraints;

    private SignalingCodec(StreamReadConstraints constraints) {
        this.constraints = Objects.requireNonNull(constraints, "constraints");
        // Duplicate member names are refused: a repeated "type" or "to" would mean one thing to this
        // decoder and another to a receiver's JSON.parse (last one wins), and the server forwards
        // relayed messages in the bytes they arrived in.
        this.factory = JsonFactory.builder()
                .streamReadConstraints(constraints)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        this.unchecked = JsonFactory.builder()
                .streamReadConstraints(constraints)
                .disable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        ObjectMapper mapper = JsonMapper.builder(factory)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                // exact decimals in app data: as doubles, 1e400 became Infinity and was sent on as "Infinity"
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                // and kept as written: 1.0 stays a fraction (stripped, it came back from the wire as the integer 1)
                .disable(com.fasterxml.jackson.databind.cfg.JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                // "to": null refused; numbers in data printed as they were written (ExactTree)
                .addModule(new SimpleModule("peerstack-signaling").addDeserializer(AppMessage.class, new AppMessageReader()))
                .build();
        for (LogicalType textual : new LogicalType[] {LogicalType.Textual, LogicalType.Enum}) {
            mapper.coercionConfigFor(textual)
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        this.reader = mapper.readerFor(SignalingMessage.class);
        this.writer = mapper.writerFor(SignalingMessage.class);
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
        return constraints;
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
        int length = json.readableBytes();
        if (json.hasArray()) {
            return decode(json.array(), json.arrayOffset() + json.readerIndex(), length);
        }
        // A direct buffer: one copy into a per-thread array parses faster than a stream over the buffer.
        byte[] bytes = length <= MAX_SCRATCH_BYTES ? scratch(length) : new byte[length];
        json.getBytes(json.readerIndex(), bytes, 0, length);
        return decode(bytes, 0, length);
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
        int first = offset;
        int end = offset + length;
        while (first < end && (json[first] == ' ' || json[first] == '\t' || json[first] == '\n' || json[first] == '\r')) {
            first++;
        }
        if (first == end || json[first] != '{') {
            throw notAnObject();
        }
        SignalingMessage relayed = RelayedReader.read(factory, unchecked, json, offset, length);
        if (relayed != null) {
            return relayed;
        }
        try {
            return reader.readValue(json, offset, length);
        } catch (IOException e) {
            throw classify(e);
        } catch (RuntimeException e) {
            throw new SignalingException(ErrorCode.BAD_MESSAGE, "cannot decode message: " + shorten(e.toString()), e);
        }
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
        byte[] bytes = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
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
            try (JsonGenerator generator = factory.createGenerator(out)) {
                writeAddressed(addressed, generator);
            }
        } else {
            writer.writeValue(out, message);
        }
    }

    /**
     * The relayed messages (offer, answer, candidate, bye: nearly all of the traffic) written with the
     * streaming generator instead of data binding; the bytes are the same as data binding writes
     * (members in record order, nulls left out: see SignalingCodecTest), at a fraction of the cost.
     */
    private static void writeAddressed(Addressed message, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("type", typeName(message.getClass()));
        g.writeStringField("to", message.to());
        writeIfPresent(g, "from", message.from());
        if (message instanceof Candidate c) {
            g.writeStringField("candidate", c.candidate());
            writeIfPresent(g, "sdpMid", c.sdpMid());
            if (c.sdpMLineIndex() != null) {
                g.writeNumberField("sdpMLineIndex", c.sdpMLineIndex().intValue());
            }
            writeIfPresent(g, "usernameFragment", c.usernameFragment());
        } else if (message instanceof Offer offer) {
            g.writeStringField("sdp", offer.sdp());
            if (offer.streams() != null) {
                g.writeObjectFieldStart("streams");
                for (Map.Entry<String, String> stream : offer.streams().entrySet()) {
                    g.writeStringField(stream.getKey(), stream.getValue());
                }
                g.writeEndObject();
            }
        } else if (message instanceof Answer answer) {
            g.writeStringField("sdp", answer.sdp());
        }
        g.writeEndObject();
    }

    private static void writeIfPresent(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    /** For tests: what the streaming reader alone makes of {@code json} (null: left to data binding). */
    SignalingMessage decodeWithRelayedReader(byte[] json) {
        return RelayedReader.read(factory, unchecked, json, 0, json.length);
    }

    /** For tests: what data binding alone makes of {@code json}, the reference for {@link RelayedReader}. */
    SignalingMessage decodeWithDataBinding(byte[] json) throws IOException {
        return reader.readValue(json);
    }

    /** For tests: the UTF-8 bytes data binding writes for {@code message}, the reference for the streaming writer. */
    byte[] encodeWithDataBinding(SignalingMessage message) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        writer.writeValue(out, message);
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
            return writer.writeValueAsString(message);
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
        return java.util.List.copyOf(TYPE_NAMES.values());
    }

    /** This thread's copy buffer, at least {@code length} bytes (Jackson keeps no reference to it). */
    private static byte[] scratch(int length) {
        byte[] bytes = SCRATCH.get();
        if (bytes.length < length) {
            bytes = new byte[Math.max(length, Math.min(MAX_SCRATCH_BYTES, bytes.length * 2))];
            SCRATCH.set(bytes);
        }
        return bytes;
    }

    /**
     * Collects what the generator writes into one buffer: the generator hands over its whole output in
     * one call at close for messages below its 8,000-byte buffer, so the first allocation has the exact size.
     */
    private static final class ExactBufferStream extends OutputStream {
        private final ByteBufAllocator alloc;
        private ByteBuf buffer;

        ExactBufferStream(ByteBufAllocator alloc) {
            this.alloc = alloc;
        }

        @Override
        public void write(int b) {
            ensure(1).writeByte(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            ensure(length).writeBytes(bytes, offset, length);
        }

        private ByteBuf ensure(int length) {
            if (buffer == null) {
                buffer = alloc.buffer(length);
            }
            return buffer;
        }

        ByteBuf buffer() {
            return buffer == null ? alloc.buffer(0) : buffer;
        }

        void release() {
            if (buffer != null) {
                buffer.release();
                buffer = null;
            }
        }
    }

    private static SignalingException notAnObject() {
        return new SignalingException(ErrorCode.BAD_MESSAGE, "a message must be a JSON object with a 'type' member");
    }

    private static SignalingException classify(IOException e) {
        if (e instanceof InvalidTypeIdException typeId) {
            if (typeId.getTypeId() == null || typeId.getTypeId().isEmpty()) {
                return new SignalingException(ErrorCode.BAD_MESSAGE, "the message has no 'type' member", e);
            }
            return new SignalingException(ErrorCode.UNKNOWN_TYPE,
                    "unknown message type '" + shorten(typeId.getTypeId()) + "'", e);
        }
        String ref = e instanceof JsonMappingException mapping ? refOf(mapping) : null;
        String where = ref == null ? "" : " in '" + ref + "'";
        if (e instanceof StreamConstraintsException) {
            return new SignalingException(ErrorCode.BAD_MESSAGE, "message exceeds a limit: " + shorten(originalMessage(e)), e);
        }
        if (e instanceof JsonParseException || e instanceof InputCoercionException) {
            return new SignalingException(ErrorCode.BAD_MESSAGE, "not valid JSON: " + shorten(originalMessage(e)), e);
        }
        if (e instanceof ValueInstantiationException instantiation) {
            Throwable cause = instantiation.getCause() == null ? e : instantiation.getCause();
            return new SignalingException(ErrorCode.BAD_MESSAGE, shorten(String.valueOf(cause.getMessage())), e);
        }
        if (e instanceof MismatchedInputException mismatch) {
            String path = mismatch.getPath().isEmpty() ? "" : " for member '"
                    + mismatch.getPath().get(mismatch.getPath().size() - 1).getFieldName() + "'";
            return new SignalingException(ErrorCode.BAD_MESSAGE, "wrong JSON type" + path + where + ": "
                    + shorten(originalMessage(e)), e);
        }
        return new SignalingException(ErrorCode.BAD_MESSAGE, "bad message" + where + ": " + shorten(originalMessage(e)), e);
    }

    private static String refOf(JsonMappingException e) {
        for (JsonMappingException.Reference reference : e.getPath()) {
            Object from = reference.getFrom();
            if (from != null && TYPE_NAMES.containsKey(from.getClass())) {
                return TYPE_NAMES.get(from.getClass());
            }
        }
        return null;
    }

    private static String originalMessage(IOException e) {
        return e instanceof JsonProcessingException json ? json.getOriginalMessage() : String.valueOf(e.getMessage());
    }

    static String shorten(String text) {
        if (text == null) {
            return "";
        }
        String oneLine = text.replace('\n', ' ').replace('\r', ' ');
        return oneLine.length() <= MAX_ERROR_TEXT ? oneLine : oneLine.substring(0, MAX_ERROR_TEXT) + "...";
    }

    private static Map<Class<?>, String> collectTypeNames() {
        Map<Class<?>, String> names = new java.util.LinkedHashMap<>();
        for (JsonSubTypes.Type type : SignalingMessage.class.getAnnotation(JsonSubTypes.class).value()) {
            names.put(type.value(), type.name());
        }
        return java.util.Collections.unmodifiableMap(names);
    }
}
