package org.peerstack.signaling;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.Map;
import org.peerstack.signaling.SignalingMessage.Addressed;
import org.peerstack.signaling.SignalingMessage.Answer;
import org.peerstack.signaling.SignalingMessage.Candidate;
import org.peerstack.signaling.SignalingMessage.MaxResolution;
import org.peerstack.signaling.SignalingMessage.Offer;

/**
 * Writes the relayed messages (offer, answer, candidate, bye: nearly all of the traffic) with the
 * streaming generator instead of data binding. The bytes are the same as data binding writes (members
 * in record order, nulls left out: see SignalingCodecTest), at a fraction of the cost.
 */
final class AddressedWriter {

    private AddressedWriter() {
    }

    /** Writes {@code message} as one JSON object to {@code g}; the caller closes the generator. */
    static void write(Addressed message, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("type", SignalingCodec.typeName(message.getClass()));
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
        } else if (message instanceof MaxResolution max) {
            g.writeStringField("track", max.track());
            if (!max.clears()) {
                g.writeNumberField("width", max.width().intValue());
                g.writeNumberField("height", max.height().intValue());
            }
        }
        g.writeEndObject();
    }

    private static void writeIfPresent(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }
}
