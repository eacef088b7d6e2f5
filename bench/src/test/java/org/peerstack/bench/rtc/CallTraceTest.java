package org.peerstack.bench.rtc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The trace behind CallSetup's per-step figures: first and last stamps, and legs taken per call over
 * the calls that saw every step of the path. Times come from real sleeps, so only lower bounds are
 * asserted (a loaded machine makes legs longer, never shorter).
 */
class CallTraceTest {

    @Test
    void markKeepsTheFirstStampAndMarkLastTheLatest() throws Exception {
        CallTrace trace = CallTrace.recording();
        trace.start();
        trace.mark("candidate (first)");
        trace.markLast("candidate (last)");
        Thread.sleep(20);
        trace.mark("candidate (first)");
        trace.markLast("candidate (last)");
        Map<String, Double> millis = trace.millis();
        assertThat(millis.get("candidate (last)") - millis.get("candidate (first)")).isGreaterThanOrEqualTo(19.0);
    }

    @Test
    void theNoneTraceRecordsNothing() {
        CallTrace.NONE.start();
        CallTrace.NONE.mark("step");
        CallTrace.NONE.markLast("step");
        assertThat(CallTrace.NONE.millis()).isEmpty();
    }

    @Test
    void legsAreTakenPerCallOverTheCallsThatSawEveryStep() throws Exception {
        CallTrace.Summary summary = new CallTrace.Summary();
        for (int call = 0; call < 3; call++) {
            CallTrace trace = CallTrace.recording();
            trace.start();
            Thread.sleep(10);
            trace.mark("offer sent");
            Thread.sleep(30);
            trace.mark("answer received");
            summary.add(trace);
        }
        CallTrace incomplete = CallTrace.recording();
        incomplete.start();
        incomplete.mark("offer sent");
        summary.add(incomplete);

        String legs = summary.segments("test", List.of("offer sent", "answer received"));

        assertThat(legs).contains("n=3").doesNotContain("n=4");
        double first = legMedian(legs, "time zero");
        double second = legMedian(legs, "offer sent ");
        assertThat(first).isGreaterThanOrEqualTo(9.0);
        assertThat(second).isGreaterThanOrEqualTo(29.0);
        assertThat(summary.table("test")).contains("offer sent").contains("answer received").contains("(4 calls");
    }

    /** The median printed on the leg line that starts with {@code from}. */
    private static double legMedian(String legs, String from) {
        String line = legs.lines().filter(l -> l.trim().startsWith(from.trim()) && l.contains("->")).findFirst()
                .orElseThrow();
        String afterArrow = line.substring(line.indexOf("->") + 2).trim();
        String[] words = afterArrow.split("\\s+");
        for (int i = 0; i < words.length; i++) {
            if (words[i].startsWith("(p10")) {
                return Double.parseDouble(words[i - 1]);
            }
        }
        throw new AssertionError("no median in: " + line);
    }
}
