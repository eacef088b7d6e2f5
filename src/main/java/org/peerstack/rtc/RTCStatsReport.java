package org.peerstack.rtc;

import dev.onvoid.webrtc.RTCStatsType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * W3C {@code RTCStatsReport}: a map from stats id to {@link RTCStats}, immutable.
 */
public final class RTCStatsReport {

    private final Map<String, RTCStats> stats;

    RTCStatsReport(Map<String, RTCStats> stats) {
        this.stats = Map.copyOf(stats);
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

    static RTCStatsReport fromNative(dev.onvoid.webrtc.RTCStatsReport report) {
        Map<String, RTCStats> converted = new LinkedHashMap<>();
        for (dev.onvoid.webrtc.RTCStats s : report.getStats().values()) {
            Map<String, Object> members = new LinkedHashMap<>();
            s.getAttributes().forEach((k, v) -> {
                if (k != null && v != null) {
                    members.put(k, v);
                }
            });
            converted.put(s.getId(), new RTCStats(token(s.getType()), s.getId(), s.getTimestamp() / 1000.0, members));
        }
        return new RTCStatsReport(converted);
    }

    /** W3C token of a webrtc-java stats type: INBOUND_RTP -> "inbound-rtp". */
    static String token(RTCStatsType type) {
        return Objects.requireNonNull(type, "type").name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
