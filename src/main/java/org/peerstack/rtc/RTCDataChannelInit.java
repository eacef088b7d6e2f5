package org.peerstack.rtc;

import org.peerstack.exc.TypeException;

/**
 * W3C {@code RTCDataChannelInit}, immutable; build with {@link #newBuilder()}. Defaults: ordered,
 * reliable, in-band negotiated, empty protocol.
 *
 * @param ordered           deliver messages in order
 * @param maxPacketLifeTime retransmit for at most this long (milliseconds), or null
 * @param maxRetransmits    retransmit at most this many times, or null
 * @param protocol          sub-protocol name (at most {@link #MAX_PROTOCOL_BYTES} bytes)
 * @param negotiated        true when the application negotiates the channel out of band (then {@code id} is required)
 * @param id                stream id 0..{@link #MAX_ID} for negotiated channels, or null
 */
public record RTCDataChannelInit(boolean ordered, Integer maxPacketLifeTime, Integer maxRetransmits, String protocol,
                                 boolean negotiated, Integer id) {

    /** Highest SCTP stream id a data channel may use. */
    public static final int MAX_ID = 65_534;
    /** Longest label or protocol, in UTF-8 bytes. */
    public static final int MAX_PROTOCOL_BYTES = 65_535;

    private static final RTCDataChannelInit DEFAULTS = new RTCDataChannelInit(true, null, null, "", false, null);

    public RTCDataChannelInit {
        protocol = protocol == null ? "" : protocol;
        if (maxPacketLifeTime != null && maxRetransmits != null) {
            throw new TypeException("maxPacketLifeTime and maxRetransmits cannot both be set");
        }
        if (maxPacketLifeTime != null && (maxPacketLifeTime < 0 || maxPacketLifeTime > 65_535)) {
            throw new TypeException("maxPacketLifeTime must be 0..65535 ms, got " + maxPacketLifeTime);
        }
        if (maxRetransmits != null && (maxRetransmits < 0 || maxRetransmits > 65_535)) {
            throw new TypeException("maxRetransmits must be 0..65535, got " + maxRetransmits);
        }
        if (negotiated && id == null) {
            throw new TypeException("a negotiated data channel needs an id");
        }
        if (id != null && (id < 0 || id > MAX_ID)) {
            throw new TypeException("data channel id must be 0.." + MAX_ID + ", got " + id);
        }
        if (protocol.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_PROTOCOL_BYTES) {
            throw new TypeException("protocol is longer than " + MAX_PROTOCOL_BYTES + " bytes");
        }
    }

    /** Ordered, reliable, in-band negotiated. */
    public static RTCDataChannelInit defaults() {
        return DEFAULTS;
    }

    public static Builder newBuilder() {
        return new Builder();
    }

    /** True when neither a lifetime nor a retransmit limit is set. */
    public boolean reliable() {
        return maxPacketLifeTime == null && maxRetransmits == null;
    }

    /** Builds an {@link RTCDataChannelInit}; validation happens in {@link #build()}. */
    public static final class Builder {
        private boolean ordered = true;
        private Integer maxPacketLifeTime;
        private Integer maxRetransmits;
        private String protocol = "";
        private boolean negotiated;
        private Integer id;

        private Builder() {
        }

        public Builder ordered(boolean ordered) {
            this.ordered = ordered;
            return this;
        }

        public Builder maxPacketLifeTime(int millis) {
            this.maxPacketLifeTime = millis;
            return this;
        }

        public Builder maxRetransmits(int count) {
            this.maxRetransmits = count;
            return this;
        }

        public Builder protocol(String protocol) {
            this.protocol = protocol;
            return this;
        }

        /** Negotiated out of band on stream {@code id} (both peers create it with the same id). */
        public Builder negotiated(int id) {
            this.negotiated = true;
            this.id = id;
            return this;
        }

        public RTCDataChannelInit build() {
            return new RTCDataChannelInit(ordered, maxPacketLifeTime, maxRetransmits, protocol, negotiated, id);
        }
    }
}
