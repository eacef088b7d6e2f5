package org.peerstack.internal.recorder;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TimelinesTest {

    private static final long MS = 1_000_000;
    private static final long FRAME = 33 * MS;

    @Test
    void videoPositionsAreCaptureTimesFromTheOrigin() {
        VideoTimeline t = new VideoTimeline(FRAME, 30_000 * MS);
        assertThat(t.place(5_000 * MS, 5_000 * MS)).isZero();
        assertThat(t.place(5_033 * MS, 5_000 * MS)).isEqualTo(33 * MS);
        assertThat(t.place(5_070 * MS, 5_000 * MS)).isEqualTo(70 * MS);
    }

    @Test
    void aResumeContinuesOneFrameAfterTheLastFrameBeforeThePause() {
        VideoTimeline t = new VideoTimeline(FRAME, 30_000 * MS);
        t.place(0, 0);
        t.place(100 * MS, 0);
        t.resume();
        assertThat(t.place(9_000 * MS, 0)).isEqualTo(133 * MS);
        assertThat(t.place(9_040 * MS, 0)).isEqualTo(173 * MS);
    }

    @Test
    void duplicateBackwardAndPreOriginFramesAreDropped() {
        VideoTimeline t = new VideoTimeline(FRAME, 30_000 * MS);
        assertThat(t.place(-1, 0)).isEqualTo(VideoTimeline.DROP);
        t.place(100 * MS, 0);
        assertThat(t.place(100 * MS, 0)).isEqualTo(VideoTimeline.DROP);
        assertThat(t.place(50 * MS, 0)).isEqualTo(VideoTimeline.DROP);
        assertThat(t.place(100 * MS + VideoTimeline.MIN_INTERVAL_NS - 1, 0)).isEqualTo(VideoTimeline.DROP);
        assertThat(t.place(133 * MS, 0)).isEqualTo(133 * MS);
    }

    @Test
    void aShortGapIsKeptButAClockJumpIsClosedUp() {
        VideoTimeline t = new VideoTimeline(FRAME, 30_000 * MS);
        t.place(0, 0);
        assertThat(t.place(2_000 * MS, 0)).isEqualTo(2_000 * MS);
        assertThat(t.place(3_600_000 * MS, 0)).isEqualTo(2_033 * MS);
        assertThat(t.place(3_600_040 * MS, 0)).isEqualTo(2_073 * MS);
        assertThat(t.jumpsClosed()).isEqualTo(1);
    }

    @Test
    void oneAbsurdTimestampCostsOneFrameIntervalAndTheClockBeforeItContinues() {
        VideoTimeline t = new VideoTimeline(FRAME, 30_000 * MS);
        t.place(0, 0);
        t.place(40 * MS, 0);
        assertThat(t.place(Long.MAX_VALUE, 0)).isEqualTo(73 * MS);
        assertThat(t.place(80 * MS, 0)).isEqualTo(106 * MS);
        assertThat(t.place(120 * MS, 0)).isEqualTo(146 * MS);
        assertThat(t.place(Long.MIN_VALUE, 1)).as("cannot be computed").isEqualTo(VideoTimeline.DROP);
        assertThat(t.jumpsClosed()).isEqualTo(2);
    }

    @Test
    void audioStartsAtItsOffsetAndIsAppendedBackToBack() {
        AudioTimeline t = new AudioTimeline(100 * MS, 30_000 * MS);
        assertThat(t.place(1_250 * MS, 10 * MS, 1_000 * MS)).as("leading silence").isEqualTo(250 * MS);
        assertThat(t.place(1_262 * MS, 10 * MS, 1_000 * MS)).as("jitter is ignored").isZero();
        assertThat(t.endNs()).isEqualTo(270 * MS);
    }

    @Test
    void anAudioGapIsFilledAndAPauseIsNot() {
        AudioTimeline t = new AudioTimeline(100 * MS, 30_000 * MS);
        t.place(0, 10 * MS, 0);
        assertThat(t.place(510 * MS, 10 * MS, 0)).isEqualTo(500 * MS);
        t.resume();
        assertThat(t.place(5_000 * MS, 10 * MS, 0)).isZero();
        assertThat(t.endNs()).isEqualTo(530 * MS);
        assertThat(t.place(5_010 * MS, 10 * MS, 0)).isZero();
        assertThat(t.place(-10 * MS, 10 * MS, 0)).as("late buffers are appended").isZero();
    }

    @Test
    void anAudioClockJumpReAnchorsWithoutSilence() {
        AudioTimeline t = new AudioTimeline(100 * MS, 30_000 * MS);
        t.place(0, 10 * MS, 0);
        assertThat(t.place(Long.MAX_VALUE / 2, 10 * MS, 0)).isZero();
        assertThat(t.place(20 * MS, 10 * MS, 0)).isZero();
        assertThat(t.place(530 * MS, 10 * MS, 0)).as("gaps still filled after").isEqualTo(500 * MS);
        assertThat(t.endNs()).isEqualTo(540 * MS);
        assertThat(t.place(Long.MIN_VALUE, 10 * MS, 1)).isEqualTo(-1);
    }

    @Test
    void audioBeforeTheOriginIsDropped() {
        AudioTimeline t = new AudioTimeline(100 * MS, 30_000 * MS);
        assertThat(t.place(990 * MS, 10 * MS, 1_000 * MS)).isEqualTo(-1);
    }
}
