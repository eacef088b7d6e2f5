package org.peerstack.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.peerstack.exc.InvalidStateException;
import org.peerstack.exc.TypeException;
import org.peerstack.testing.EventRecorder;
import org.peerstack.testing.FrameProbe;
import org.peerstack.testing.ManualSource;

class MediaStreamTrackTest {

    private final EventRecorder recorder = new EventRecorder();

    @AfterEach
    void noLeftoverEvents() {
        recorder.assertExhausted();
    }

    private MediaStreamTrack listened(MediaStreamTrack track) {
        recorder.listen(track, MediaStreamTrack.ENDED, MediaStreamTrack.MUTE, MediaStreamTrack.UNMUTE);
        return track;
    }

    @Test
    void idIsAUuidAndKindAndLabelComeFromTheSource() {
        MediaStreamTrack track = ManualSource.started(MediaKind.VIDEO).createTrack();
        assertThat(track.id()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(track.kind()).isEqualTo(MediaKind.VIDEO);
        assertThat(track.label()).isEqualTo("Manual video");
        assertThat(track.readyState()).isEqualTo(MediaStreamTrackState.LIVE);
        track.stop();
    }

    @Test
    void stopEndsAtOnceAndFiresNoEnded() {
        MediaStreamTrack track = listened(ManualSource.started(MediaKind.VIDEO).createTrack());
        track.stop();
        assertThat(track.readyState()).isEqualTo(MediaStreamTrackState.ENDED);
    }

    @Test
    void stopTwiceIsANoOp() {
        ManualSource source = ManualSource.started(MediaKind.AUDIO);
        MediaStreamTrack track = listened(source.createTrack());
        track.stop();
        track.stop();
        assertThat(source.stops).hasValue(1);
    }

    @Test
    void sourceEndFiresEndedOnceOnEveryLiveTrack() {
        ManualSource source = ManualSource.started(MediaKind.VIDEO);
        MediaStreamTrack track = listened(source.createTrack());
        MediaStreamTrack clone = listened(track.clone());
        source.fireEnd();
        source.fireEnd();
        assertThat(recorder.nextEvent(MediaStreamTrack.ENDED).target()).isIn(track, clone);
        assertThat(recorder.nextEvent(MediaStreamTrack.ENDED).target()).isIn(track, clone);
        assertThat(track.readyState()).isEqualTo(MediaStreamTrackState.ENDED);
        assertThat(clone.readyState()).isEqualTo(MediaStreamTrackState.ENDED);
        assertThat(source.stops).hasValue(1);
    }

    @Test
    void aStoppedTrackGetsNoEndedWhenItsSourceEndsLater() {
        ManualSource source = ManualSource.started(MediaKind.VIDEO);
        MediaStreamTrack track = listened(source.createTrack());
        MediaStreamTrack clone = track.clone();
        track.stop();
        source.fireEnd();
        assertThat(clone.readyState()).isEqualTo(MediaStreamTrackState.ENDED);
    }

    @Test
    void cloneHasItsOwnIdAndLifetimeOnTheSameSource() {
        ManualSource source = ManualSource.started(MediaKind.VIDEO);
        MediaStreamTrack track = source.createTrack();
        MediaStreamTrack clone = track.clone();
        assertThat(clone.id()).isNotEqualTo(track.id());
        assertThat(clone.source()).isSameAs(track.source());
        track.stop();
        assertThat(clone.readyState()).isEqualTo(MediaStreamTrackState.LIVE);
        assertThat(source.stops).hasValue(0);
        clone.stop();
        assertThat(source.stops).as("the source stops with its last track").hasValue(1);
    }

    @Test
    void cloneOfAnEndedTrackIsEnded() {
        MediaStreamTrack track = ManualSource.started(MediaKind.AUDIO).createTrack();
        track.stop();
        assertThat(track.clone().readyState()).isEqualTo(MediaStreamTrackState.ENDED);
    }

    @Test
    void cloneKeepsTheEnabledFlagThenChangesIndependently() {
        MediaStreamTrack track = ManualSource.started(MediaKind.AUDIO).createTrack();
        track.setEnabled(false);
        MediaStreamTrack clone = track.clone();
        assertThat(clone.isEnabled()).isFalse();
        clone.setEnabled(true);
        assertThat(track.isEnabled()).isFalse();
        track.stop();
        clone.stop();
    }

    @Test
    void muteAndUnmuteFromTheSourceFireInOrder() {
        ManualSource source = ManualSource.started(MediaKind.AUDIO);
        MediaStreamTrack track = listened(source.createTrack());
        source.fireMute();
        assertThat(track.isMuted()).isTrue();
        source.fireMute();
        source.fireUnmute();
        recorder.nextEvent(MediaStreamTrack.MUTE);
        recorder.nextEvent(MediaStreamTrack.UNMUTE);
        assertThat(track.isMuted()).isFalse();
        track.stop();
    }

    @Test
    void sinkSeesTheFrameWhichIsReleasedAfterTheCall() {
        ManualSource source = ManualSource.started(MediaKind.VIDEO);
        MediaStreamTrack track = source.createTrack();
        FrameProbe probe = new FrameProbe();
        track.addSink((VideoSink) probe);
        source.pushFrame();
        FrameProbe.Seen seen = probe.nextFrame();
        assertThat(seen.width()).isEqualTo(16);
        assertThat(seen.black()).isFalse();
        assertThat(seen.frame().isValid()).isFalse();
        assertThatThrownBy(() -> seen.frame().width()).isInstanceOf(InvalidStateException.class);
        track.stop();
    }

    @Test
    void aRetainedFrameStaysValidUntilReleased() {
        ManualSource source = ManualSource.started(MediaKind.VIDEO);
        MediaStreamTrack track = source.createTrack();
        VideoFrame[] kept = new VideoFrame[1];
        track.addVideoSink(frame -> kept[0] = frame.retain());
        source.pushFrame();
        assertThat(kept[0].isValid()).isTrue();
        assertThat(kept[0].dataY().get(0) & 0xff).isEqualTo(128);
        kept[0].release();
        assertThat(kept[0].isValid()).isFalse();
        assertThatThrownBy(kept[0]::release).isInstanceOf(InvalidStateException.class);
        track.stop();
    }

    @Test
    void aDisabledVideoTrackGetsBlackFramesWhileItsEnabledCloneGetsPictures() {
        ManualSource source = ManualSource.started(MediaKind.VIDEO);
        MediaStreamTrack track = source.createTrack();
        MediaStreamTrack clone = track.clone();
        track.setEnabled(false);
        FrameProbe disabled = new FrameProbe();
        FrameProbe enabled = new FrameProbe();
        track.addSink((VideoSink) disabled);
        clone.addSink((VideoSink) enabled);
        source.pushFrame();
        assertThat(disabled.nextFrame().black()).isTrue();
        assertThat(enabled.nextFrame().black()).isFalse();
        track.stop();
        clone.stop();
    }

    @Test
    void aDisabledAudioTrackGetsSilence() {
        ManualSource source = ManualSource.started(MediaKind.AUDIO);
        MediaStreamTrack track = source.createTrack();
        FrameProbe probe = new FrameProbe();
        track.addSink((AudioSink) probe);
        source.pushAudio();
        assertThat(probe.nextAudio().isSilent()).isFalse();
        track.setEnabled(false);
        source.pushAudio();
        AudioData silent = probe.nextAudio();
        assertThat(silent.isSilent()).isTrue();
        assertThat(silent.frameCount()).isEqualTo(480);
        track.stop();
    }

    @Test
    void aThrowingSinkDoesNotStopTheOtherSinks() {
        ManualSource source = ManualSource.started(MediaKind.VIDEO);
        MediaStreamTrack track = source.createTrack();
        track.addVideoSink(frame -> {
            throw new IllegalStateException("sink bug (expected in this test)");
        });
        FrameProbe probe = new FrameProbe();
        track.addSink((VideoSink) probe);
        source.pushFrame();
        assertThat(probe.nextFrame().width()).isEqualTo(16);
        track.stop();
    }

    @Test
    void aStoppedTrackDeliversNothingToItsSinks() {
        ManualSource source = ManualSource.started(MediaKind.VIDEO);
        MediaStreamTrack track = source.createTrack();
        MediaStreamTrack clone = track.clone();
        AtomicInteger calls = new AtomicInteger();
        track.addVideoSink(frame -> calls.incrementAndGet());
        track.stop();
        source.pushFrame();
        assertThat(calls).hasValue(0);
        clone.stop();
    }

    @Test
    void aSinkOfTheWrongKindIsATypeError() {
        MediaStreamTrack audio = ManualSource.started(MediaKind.AUDIO).createTrack();
        assertThatThrownBy(() -> audio.addSink((VideoSink) frame -> { })).isInstanceOf(TypeException.class);
        audio.stop();
    }

    @Test
    void applyConstraintsOnAStoppedTrackIsAnInvalidStateError() {
        MediaStreamTrack track = ManualSource.started(MediaKind.VIDEO).createTrack();
        track.stop();
        assertThatThrownBy(() -> track.applyConstraints().join())
                .isInstanceOf(CompletionException.class).hasCauseInstanceOf(InvalidStateException.class);
    }

    @Test
    void applyConstraintsWithNullIsATypeError() {
        MediaStreamTrack track = ManualSource.started(MediaKind.VIDEO).createTrack();
        assertThatThrownBy(() -> track.applyConstraints(null).join()).hasCauseInstanceOf(TypeException.class);
        track.stop();
    }

    @Test
    void aSourceCannotBeStartedTwice() {
        ManualSource source = ManualSource.started(MediaKind.VIDEO);
        assertThatThrownBy(() -> source.start(MediaTrackConstraints.empty())).isInstanceOf(InvalidStateException.class);
    }

    @Test
    void aTrackCannotBeCreatedOnAnEndedSource() {
        ManualSource source = ManualSource.started(MediaKind.VIDEO);
        source.createTrack().stop();
        assertThatThrownBy(source::createTrack).isInstanceOf(InvalidStateException.class);
    }
}
