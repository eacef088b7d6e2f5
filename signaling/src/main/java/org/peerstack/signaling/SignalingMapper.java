package org.peerstack.signaling;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.util.Objects;
import org.peerstack.signaling.SignalingMessage.AppMessage;

/**
 * The Jackson objects a {@link SignalingCodec} reads and writes with, configured once for untrusted
 * input: the read limits, repeated member names refused, unknown members ignored, scalars never
 * coerced, trailing data refused, decimals in app data kept exactly as written. Immutable and
 * thread-safe, like the Jackson objects it holds.
 */
final class SignalingMapper {

    /** The limits every parser made here enforces. */
    final StreamReadConstraints constraints;
    /** Parsers and generators with the limits and the repeated-name check. */
    final JsonFactory factory;
    /** The same limits without the repeated-name check, for {@link RelayedReader}'s first pass (it checks names itself). */
    final JsonFactory unchecked;
    /** Data binding to {@link SignalingMessage}, for the messages the streaming readers leave to it. */
    final ObjectReader reader;
    /** Data binding from {@link SignalingMessage}, for the messages the streaming writer does not write. */
    final ObjectWriter writer;

    SignalingMapper(StreamReadConstraints constraints) {
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
                .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
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
}
