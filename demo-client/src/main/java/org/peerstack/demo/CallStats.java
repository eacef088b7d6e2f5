package org.peerstack.demo;

import java.util.concurrent.TimeUnit;
import org.peerstack.rtc.RTCStats;
import org.peerstack.rtc.RTCStatsReport;

/**
 * Totals read from one {@code getStats()} report of a connection: media received and sent, summed over
 * its RTP streams. Two snapshots give rates ({@link #fpsSince}, {@link #receiveBitrateSince}).
 *
 * @param atNanos        when the report was read ({@link System#nanoTime()})
 * @param framesDecoded  video frames decoded (inbound-rtp, all video streams)
 * @param framesEncoded  video frames encoded (outbound-rtp)
 * @param bytesReceived  RTP payload bytes received (inbound-rtp, audio and video)
 * @param bytesSent      RTP payload bytes sent (outbound-rtp)
 * @param audioSamplesReceived audio samples received (inbound-rtp audio {@code totalSamplesReceived})
 */
public record CallStats(long atNanos, long framesDecoded, long framesEncoded, long bytesReceived, long bytesSent,
                        long audioSamplesReceived) {

    /** Snapshot taken before any media. */
    public static final CallStats ZERO = new CallStats(0, 0, 0, 0, 0, 0);

    /** Sums the RTP stream statistics of {@code report}. */
    public static CallStats of(RTCStatsReport report) {
        long decoded = 0;
        long encoded = 0;
        long received = 0;
        long sent = 0;
        long samples = 0;
        for (RTCStats s : report.ofType("inbound-rtp")) {
            decoded += value(s, "framesDecoded");
            received += value(s, "bytesReceived");
            samples += value(s, "totalSamplesReceived");
        }
        for (RTCStats s : report.ofType("outbound-rtp")) {
            encoded += value(s, "framesEncoded");
            sent += value(s, "bytesSent");
        }
        return new CallStats(System.nanoTime(), decoded, encoded, received, sent, samples);
    }

    private static long value(RTCStats stats, String member) {
        return stats.number(member).map(Number::longValue).orElse(0L);
    }

    /** Decoded frames per second between {@code earlier} and this snapshot. */
    public double fpsSince(CallStats earlier) {
        return rate(framesDecoded - earlier.framesDecoded, earlier);
    }

    /** Encoded (sent) frames per second between {@code earlier} and this snapshot. */
    public double sentFpsSince(CallStats earlier) {
        return rate(framesEncoded - earlier.framesEncoded, earlier);
    }

    /** Received bits per second between {@code earlier} and this snapshot. */
    public double receiveBitrateSince(CallStats earlier) {
        return rate(8 * (bytesReceived - earlier.bytesReceived), earlier);
    }

    /** Sent bits per second between {@code earlier} and this snapshot. */
    public double sendBitrateSince(CallStats earlier) {
        return rate(8 * (bytesSent - earlier.bytesSent), earlier);
    }

    private double rate(long delta, CallStats earlier) {
        double seconds = (atNanos - earlier.atNanos) / (double) TimeUnit.SECONDS.toNanos(1);
        return earlier.atNanos == 0 || seconds <= 0 ? 0 : delta / seconds;
    }

    /** {@code 1.23 Mbit/s}-style text for a bit rate. */
    public static String bitrate(double bitsPerSecond) {
        if (bitsPerSecond >= 1e6) {
            return String.format("%.2f Mbit/s", bitsPerSecond / 1e6);
        }
        return String.format("%.0f kbit/s", bitsPerSecond / 1e3);
    }
}
