package org.peerstack.rtc;

import java.util.Map;
import java.util.Optional;

/**
 * One W3C stats object ({@code RTCStats} dictionary): {@link #type()} (e.g. {@code "inbound-rtp"}),
 * {@link #id()}, {@link #timestamp()} (milliseconds since the epoch) and the type's members by their
 * W3C names ({@code framesDecoded}, {@code bytesSent}, {@code currentRoundTripTime}...).
 *
 * @param type      the W3C {@code RTCStatsType} token
 * @param id        unique within its report
 * @param timestamp when measured, in milliseconds since the epoch
 * @param members   the other members by W3C name; numbers are {@link Number}s, strings stay strings
 */
public record RTCStats(String type, String id, double timestamp, Map<String, Object> members) {

    public RTCStats {
        members = Map.copyOf(members);
    }

    /** A numeric member, if present. */
    public Optional<Number> number(String member) {
        return members.get(member) instanceof Number n ? Optional.of(n) : Optional.empty();
    }

    /** A string member, if present. */
    public Optional<String> string(String member) {
        return members.get(member) instanceof String s ? Optional.of(s) : Optional.empty();
    }
}
