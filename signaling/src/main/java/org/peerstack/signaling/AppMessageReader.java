package org.peerstack.signaling;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import org.peerstack.signaling.SignalingMessage.AppMessage;

/**
 * Data binding's reader of {@code message}: {@code data} through {@link ExactTree} (numbers keep their
 * spelling), and {@code "to": null} refused: a {@code to} that is present must name a peer, else the
 * sender who meant one peer would reach the whole room. Members it does not know are skipped. Called
 * by Jackson after the {@code type} member (so at a member name, or at the start of the object).
 */
final class AppMessageReader extends StdDeserializer<AppMessage> {

    private static final long serialVersionUID = 1L;

    /** The error text for an explicit {@code "to": null}, shared with {@link RelayedReader}. */
    static final String NULL_TO = "'to' is null: name a peer id, or leave 'to' out to send to the whole room";

    AppMessageReader() {
        super(AppMessage.class);
    }

    @Override
    public AppMessage deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.START_OBJECT) {
            token = p.nextToken();
        }
        String to = null;
        String from = null;
        JsonNode data = null;
        for (; token == JsonToken.FIELD_NAME; token = p.nextToken()) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            switch (name) {
                case "to" -> {
                    if (value == JsonToken.VALUE_NULL) {
                        return ctxt.reportInputMismatch(AppMessage.class, NULL_TO);
                    }
                    to = text(p, ctxt, value, "to");
                }
                case "from" -> from = value == JsonToken.VALUE_NULL ? null : text(p, ctxt, value, "from");
                case "data" -> data = ExactTree.read(p);
                default -> p.skipChildren();
            }
        }
        if (token != JsonToken.END_OBJECT) {
            return ctxt.reportInputMismatch(AppMessage.class, "'message' must be a JSON object");
        }
        if (data == null) {
            return ctxt.reportInputMismatch(AppMessage.class, "'message' needs the member 'data'");
        }
        return new AppMessage(to, from, data);
    }

    private static String text(JsonParser p, DeserializationContext ctxt, JsonToken value, String member)
            throws IOException {
        if (value != JsonToken.VALUE_STRING) {
            return ctxt.reportInputMismatch(AppMessage.class, "'" + member + "' must be a string");
        }
        return p.getText();
    }
}
