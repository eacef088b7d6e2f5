package org.peerstack.signaling;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.FastThreadLocal;
import java.io.IOException;
import org.peerstack.exc.ErrorCode;
import org.peerstack.exc.SignalingException;

/**
 * The reader dispatch of a {@link SignalingCodec}: a message that is not a JSON object is refused at
 * once, the relayed messages go to {@link RelayedReader}'s streaming pass, everything else (and whatever
 * that pass leaves) to data binding, and every failure becomes a {@link SignalingException} with
 * {@link ErrorCode#UNKNOWN_TYPE} or {@link ErrorCode#BAD_MESSAGE} and a short one-line text. Thread-safe.
 */
final class MessageDecoder {

    /** Longest human error message produced by the decoder (unit: characters). */
    static final int MAX_ERROR_TEXT = 200;
    /** Largest message decoded through the per-thread copy buffer (unit: bytes); larger ones get their own. */
    static final int MAX_SCRATCH_BYTES = 64 * 1024;
    private static final FastThreadLocal<byte[]> SCRATCH = new FastThreadLocal<>() {
        @Override
        protected byte[] initialValue() {
            return new byte[1024];
        }
    };

    private final SignalingMapper json;

    MessageDecoder(SignalingMapper json) {
        this.json = json;
    }

    /** See {@link SignalingCodec#decode(ByteBuf)}. */
    SignalingMessage decode(ByteBuf buffer) {
        int length = buffer.readableBytes();
        if (buffer.hasArray()) {
            return decode(buffer.array(), buffer.arrayOffset() + buffer.readerIndex(), length);
        }
        // A direct buffer: one copy into a per-thread array parses faster than a stream over the buffer.
        byte[] bytes = length <= MAX_SCRATCH_BYTES ? scratch(length) : new byte[length];
        buffer.getBytes(buffer.readerIndex(), bytes, 0, length);
        return decode(bytes, 0, length);
    }

    /** See {@link SignalingCodec#decode(byte[], int, int)}. */
    SignalingMessage decode(byte[] bytes, int offset, int length) {
        int first = offset;
        int end = offset + length;
        while (first < end && (bytes[first] == ' ' || bytes[first] == '\t' || bytes[first] == '\n' || bytes[first] == '\r')) {
            first++;
        }
        if (first == end || bytes[first] != '{') {
            throw notAnObject();
        }
        SignalingMessage relayed = RelayedReader.read(json.factory, json.unchecked, bytes, offset, length);
        if (relayed != null) {
            return relayed;
        }
        try {
            return json.reader.readValue(bytes, offset, length);
        } catch (IOException e) {
            throw classify(e);
        } catch (RuntimeException e) {
            throw new SignalingException(ErrorCode.BAD_MESSAGE, "cannot decode message: " + shorten(e.toString()), e);
        }
    }

    /** What the streaming reader alone makes of {@code bytes} (null: left to data binding). */
    SignalingMessage decodeWithRelayedReader(byte[] bytes) {
        return RelayedReader.read(json.factory, json.unchecked, bytes, 0, bytes.length);
    }

    /** What data binding alone makes of {@code bytes}, the reference for {@link RelayedReader}. */
    SignalingMessage decodeWithDataBinding(byte[] bytes) throws IOException {
        return json.reader.readValue(bytes);
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

    /** The wire type of the first message record on the failure's path, or null. */
    private static String refOf(JsonMappingException e) {
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFrom() instanceof SignalingMessage message) {
                String type = SignalingCodec.typeName(message.getClass());
                if (type != null) {
                    return type;
                }
            }
        }
        return null;
    }

    private static String originalMessage(IOException e) {
        return e instanceof JsonProcessingException json ? json.getOriginalMessage() : String.valueOf(e.getMessage());
    }

    /** {@code text} on one line, at most {@link #MAX_ERROR_TEXT} characters (then "..."); "" for null. */
    static String shorten(String text) {
        if (text == null) {
            return "";
        }
        String oneLine = text.replace('\n', ' ').replace('\r', ' ');
        return oneLine.length() <= MAX_ERROR_TEXT ? oneLine : oneLine.substring(0, MAX_ERROR_TEXT) + "...";
    }
}
