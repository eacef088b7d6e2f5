package org.peerstack.signaling;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * Reads one JSON value of application data ({@code message.data}) into a tree whose numbers are
 * written again exactly as they arrived: a fraction or exponent ({@code 1e999999999}, {@code 0.10},
 * {@code 2E-3}) becomes a {@link DecimalNode} holding a {@link Spelled} decimal, equal in value to
 * {@code new BigDecimal(text)} and printed as {@code text}. Data binding's own tree reader printed
 * {@code 1e999999999} as {@code 1E+999999999}, so a receiver of a message the server encodes again
 * got another spelling than the sender wrote. The parser's limits (nesting, number and string
 * length, duplicate names) apply as it reads; the recursion depth is bounded by the nesting limit.
 */
final class ExactTree {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ExactTree() {
    }

    /** The value at the parser's current token (a value token or the start of an object or array). */
    static JsonNode read(JsonParser p) throws IOException {
        JsonToken token = p.currentToken();
        if (token == null) {
            throw new IOException("end of input where a JSON value belongs");
        }
        switch (token) {
            case START_OBJECT: {
                ObjectNode object = NODES.objectNode();
                String name;
                while ((name = p.nextFieldName()) != null) {
                    p.nextToken();
                    object.set(name, read(p));
                }
                return object;
            }
            case START_ARRAY: {
                ArrayNode array = NODES.arrayNode();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    array.add(read(p));
                }
                return array;
            }
            case VALUE_STRING:
                return NODES.textNode(p.getText());
            case VALUE_NUMBER_INT:
                return integer(p);
            case VALUE_NUMBER_FLOAT:
                return new DecimalNode(new Spelled(p.getText()));
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_NULL:
                return NODES.nullNode();
            default:
                throw new IOException("unexpected JSON token " + token);
        }
    }

    /** An integer as data binding reads it: integers have one spelling (but {@code -0} prints as {@code 0}). */
    private static JsonNode integer(JsonParser p) throws IOException {
        return switch (p.getNumberType()) {
            case INT -> NODES.numberNode(p.getIntValue());
            case LONG -> NODES.numberNode(p.getLongValue());
            default -> NODES.numberNode(p.getBigIntegerValue());
        };
    }

    /**
     * A decimal that prints as it was written. Jackson writes a {@link BigDecimal} with its
     * {@code toString()}; value, arithmetic, {@code compareTo} and {@code equals} are BigDecimal's.
     */
    static final class Spelled extends BigDecimal {
        private static final long serialVersionUID = 1L;
        private final String text;

        Spelled(String text) {
            super(text);
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
