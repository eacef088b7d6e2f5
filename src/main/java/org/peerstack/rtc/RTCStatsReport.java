package org.peerstack.rtc;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * W3C {@code RTCStatsReport}: a map from stats id to {@link RTCStats}, immutable.
 */
public final class RTCStatsReport {

    private final Map<String, RTCStats> stats;

    private RTCStatsReport(Map<String, RTCStats> stats) {
        this.stats = Map.copyOf(stats);
    }

    /** A report of {@code stats}, keyed by their ids (copied). */
    public static RTCStatsReport of(Map<String, RTCStats> stats) {
        return new RTCStatsReport(stats);
    }

    public Map<String, RTCStats> asMap() {
        return stats;
    }

    public Optional<RTCStats> get(String id) {
        return Optional.ofNullable(stats.get(id));
    }

    /** All stats of one W3C type, e.g. {@code "inbound-rtp"}. */
    public List<RTCStats> ofType(String type) {
        return stats.values().stream().filter(s -> s.type().equals(type)).toList();
    }

    public int size() {
        return stats.size();
    }

    @Override
    public String toString() {
        return "RTCStatsReport" + stats.values().stream().map(RTCStats::type).sorted().toList();
    }
}
