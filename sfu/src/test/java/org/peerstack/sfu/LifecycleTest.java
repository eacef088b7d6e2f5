package org.peerstack.sfu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.peerstack.media.MediaStreamTrack;
import org.peerstack.media.MediaStreamTrackState;

/** Joining late, leaving: what subscribers see when peers come and go. */
class LifecycleTest {

    @RegisterExtension
    static final RealPeers peers = new RealPeers();

    /** The bound: a late subscriber's first frame within 300 ms of its connection being up. */
    private static final long FIRST_FRAME_MILLIS = 300;

    @Test
    void aLateSubscriberGetsItsFirstFrameWithin300Milliseconds() throws Exception {
        SfuServer sfu = peers.sfu();
        SfuRoom room = sfu.room("late");
        peers.publish(room);
        RealPeers.Subscriber early = peers.subscribe(room);
        early.firstFrameNanos.get(RealPeers.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        Thread.sleep(2_000); // the publisher is well past its first keyframe
        long requestsBefore = sfu.metrics().get(SfuCounter.KEYFRAME_REQUESTS_SENT);
        RealPeers.Subscriber late = peers.subscribe(room);
        long first = late.firstFrameNanos.get(RealPeers.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        long millis = TimeUnit.NANOSECONDS.toMillis(first - late.connectedNanos);
        System.out.println("LifecycleTest: late subscriber's first frame " + millis + " ms after connected");
        assertThat(millis).as("first frame after connected, ms").isLessThanOrEqualTo(FIRST_FRAME_MILLIS);
        assertThat(sfu.metrics().get(SfuCounter.KEYFRAME_REQUESTS_SENT)).as("a keyframe request for the joiner")
                .isGreaterThan(requestsBefore);
    }

    @Test
    void whenThePublisherLeavesTheSubscribersTracksEnd() throws Exception {
        SfuServer sfu = peers.sfu();
        SfuRoom room = sfu.room("leave");
        RealPeers.Publisher publisher = peers.publish(room);
        RealPeers.Subscriber a = peers.subscribe(room);
        RealPeers.Subscriber b = peers.subscribe(room);
        a.firstFrameNanos.get(RealPeers.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        b.firstFrameNanos.get(RealPeers.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(a.tracks).hasSize(2);
        assertThat(b.tracks).hasSize(2);
        CompletableFuture<Void> allEnded = CompletableFuture.allOf(
                a.tracks.stream().map(LifecycleTest::ended).toArray(CompletableFuture[]::new));
        CompletableFuture<Void> allEndedB = CompletableFuture.allOf(
                b.tracks.stream().map(LifecycleTest::ended).toArray(CompletableFuture[]::new));
        CompletableFuture<SfuTrackEvent> removed = new CompletableFuture<>();
        room.addEventListener(SfuRoom.TRACK_REMOVED, removed::complete);

        publisher.pc().close(); // DTLS close_notify reaches the SFU

        assertThat(publisher.sfu().closed().get(RealPeers.TIMEOUT.toSeconds(), TimeUnit.SECONDS)).contains("remote closed DTLS");
        allEnded.get(RealPeers.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        allEndedB.get(RealPeers.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(removed.get(RealPeers.TIMEOUT.toSeconds(), TimeUnit.SECONDS).track().publisherId()).isEqualTo(publisher.sfu().id());
        assertThat(room.tracks().get(5, TimeUnit.SECONDS)).isEmpty();
        assertThat(a.negotiationFailure).isNull();
        assertThat(b.negotiationFailure).isNull();
    }

    @Test
    void whenASubscriberLeavesNothingElseChanges() throws Exception {
        SfuServer sfu = peers.sfu();
        SfuRoom room = sfu.room("sub-leaves");
        RealPeers.Publisher publisher = peers.publish(room);
        RealPeers.Subscriber stays = peers.subscribe(room);
        RealPeers.Subscriber leaves = peers.subscribe(room);
        stays.firstFrameNanos.get(RealPeers.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        leaves.firstFrameNanos.get(RealPeers.TIMEOUT.toSeconds(), TimeUnit.SECONDS);

        leaves.pc.close();
        assertThat(leaves.sfu.closed().get(RealPeers.TIMEOUT.toSeconds(), TimeUnit.SECONDS)).contains("remote closed DTLS");

        long before = stays.frames.get();
        Thread.sleep(2_000);
        assertThat(stays.frames.get() - before).as("frames after the other subscriber left").isGreaterThan(40);
        assertThat(stays.tracks).allSatisfy(t -> assertThat(t.readyState()).isEqualTo(MediaStreamTrackState.LIVE));
        assertThat(publisher.sfu().closed()).isNotDone();
        assertThat(room.tracks().get(5, TimeUnit.SECONDS)).hasSize(2);
    }

    private static CompletableFuture<Void> ended(MediaStreamTrack track) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        track.addEventListener(MediaStreamTrack.ENDED, e -> f.complete(null));
        if (track.readyState() == MediaStreamTrackState.ENDED) {
            f.complete(null);
        }
        return f;
    }
}
