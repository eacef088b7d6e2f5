package org.peerstack.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.peerstack.exc.TypeException;
import org.peerstack.internal.media.MediaStreamAccess;
import org.peerstack.testing.EventRecorder;
import org.peerstack.testing.ManualSource;

class MediaStreamTest {

    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    private final EventRecorder recorder = new EventRecorder();

    @AfterEach
    void noLeftoverEvents() {
        recorder.assertExhausted();
    }

    private MediaStream listened(MediaStream stream) {
        recorder.listen(stream, MediaStream.ADD_TRACK, MediaStream.REMOVE_TRACK);
        return stream;
    }

    private static MediaStreamTrack video() {
        return ManualSource.started(MediaKind.VIDEO).createTrack();
    }

    private static MediaStreamTrack audio() {
        return ManualSource.started(MediaKind.AUDIO).createTrack();
    }

    @Test
    void idIsAUuidAndUniquePerStream() {
        assertThat(new MediaStream().id()).matches(UUID).isNotEqualTo(new MediaStream().id());
    }

    @Test
    void tracksAreListedByKindInInsertionOrder() {
        MediaStreamTrack v = video();
        MediaStreamTrack a = audio();
        MediaStream stream = new MediaStream(List.of(v, a));
        assertThat(stream.getTracks()).containsExactly(v, a);
        assertThat(stream.getAudioTracks()).containsExactly(a);
        assertThat(stream.getVideoTracks()).containsExactly(v);
    }

    @Test
    void getTrackByIdReturnsTheSameInstanceOrEmpty() {
        MediaStreamTrack v = video();
        MediaStream stream = new MediaStream(List.of(v));
        assertThat(stream.getTrackById(v.id())).containsSame(v);
        assertThat(stream.getTrackById("nope")).isEmpty();
    }

    @Test
    void addTrackAndRemoveTrackFireNoEventsAndTolerateDuplicatesAndNonMembers() {
        MediaStream stream = listened(new MediaStream());
        MediaStreamTrack v = video();
        stream.addTrack(v);
        stream.addTrack(v);
        assertThat(stream.getTracks()).containsExactly(v);
        stream.removeTrack(audio());
        stream.removeTrack(v);
        stream.removeTrack(v);
        assertThat(stream.getTracks()).isEmpty();
    }

    @Test
    void addingANullTrackIsATypeError() {
        assertThatThrownBy(() -> new MediaStream().addTrack(null)).isInstanceOf(TypeException.class);
    }

    @Test
    void copyConstructorMakesANewIdWithTheSameTrackObjects() {
        MediaStream original = new MediaStream(List.of(video(), audio()));
        MediaStream copy = new MediaStream(original);
        assertThat(copy.id()).isNotEqualTo(original.id());
        assertThat(copy.getTracks()).containsExactlyElementsOf(original.getTracks());
    }

    @Test
    void cloneMakesANewIdWithClonedTracks() {
        MediaStream original = new MediaStream(List.of(video(), audio()));
        MediaStream clone = original.clone();
        assertThat(clone.id()).isNotEqualTo(original.id());
        assertThat(clone.getTracks()).hasSize(2).doesNotContainAnyElementsOf(original.getTracks());
        assertThat(clone.getTracks().get(0).source()).isSameAs(original.getTracks().get(0).source());
    }

    @Test
    void activeWhileATrackIsLiveAndInactiveEventWhenTheLastStops() {
        MediaStreamTrack v = video();
        MediaStream stream = new MediaStream(List.of(v));
        recorder.listen(stream, MediaStream.ACTIVE, MediaStream.INACTIVE);
        assertThat(stream.isActive()).isTrue();
        v.stop();
        assertThat(stream.isActive()).isFalse();
        recorder.nextEvent(MediaStream.INACTIVE);
    }

    @Test
    void addingAnEndedTrackKeepsAnEmptyStreamInactive() {
        MediaStreamTrack v = video();
        v.stop();
        MediaStream stream = new MediaStream();
        stream.addTrack(v);
        assertThat(stream.isActive()).isFalse();
        assertThat(stream.getTracks()).containsExactly(v);
    }

    @Test
    void remoteAddAndRemoveFireAddtrackAndRemovetrackOnce() {
        MediaStream remote = listened(MediaStreamAccess.remoteStream("remote-id"));
        assertThat(remote.id()).isEqualTo("remote-id");
        MediaStreamTrack v = video();
        assertThat(MediaStreamAccess.addTrack(remote, v)).isTrue();
        assertThat(MediaStreamAccess.addTrack(remote, v)).isFalse();
        MediaStreamTrackEvent added = recorder.nextEvent(MediaStream.ADD_TRACK);
        assertThat(added.track()).isSameAs(v);
        assertThat(added.target()).isSameAs(remote);
        assertThat(MediaStreamAccess.removeTrack(remote, v)).isTrue();
        assertThat(recorder.nextEvent(MediaStream.REMOVE_TRACK).track()).isSameAs(v);
    }

    /** WebIDL: a missing required member of an event's init is a TypeError, not a NullPointerException. */
    @Test
    void eventConstructorsThrowTypeExceptionForAMissingRequiredMember() {
        MediaStream stream = new MediaStream();
        assertThatThrownBy(() -> new MediaStreamTrackEvent(MediaStream.ADD_TRACK, stream, null))
                .isInstanceOf(TypeException.class).hasMessageContaining("track");
        assertThatThrownBy(() -> new MediaStreamTrackEvent(MediaStream.ADD_TRACK, null, null))
                .isInstanceOf(TypeException.class);
        assertThatThrownBy(() -> new org.peerstack.event.Event(null, stream)).isInstanceOf(TypeException.class);
    }
}
