package org.peerstack.rtc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.peerstack.media.MediaStream;
import org.peerstack.media.MediaStreamTrack;

/**
 * Audio in both directions on the same connections, on an engine whose audio device module decodes
 * remote audio (headless). webrtc-java 0.14.0 was seen to abort the JVM in this setup
 * (audio_send_stream.cc race check); this test keeps several connections sending and receiving audio
 * both ways at once and checks that real, non-silent audio arrives at every end.
 */
class AudioBothWaysTest {

    @RegisterExtension
    static final RtcFixture rtc = RtcFixture.withFakeDevices().headlessAudio();

    private static final int PAIRS = 4;
    private static final long RUN_MILLIS = 6_000;

    @Test
    void severalConnectionsCarryAudioBothWaysWithoutAborting() throws Exception {
        List<RTCPeerConnection> connections = new ArrayList<>();
        List<AtomicLong> loudChunks = new ArrayList<>();
        try {
            for (int i = 0; i < PAIRS; i++) {
                RTCPeerConnection a = rtc.connection();
                RTCPeerConnection b = rtc.connection();
                connections.add(a);
                connections.add(b);
                for (RTCPeerConnection pc : List.of(a, b)) {
                    MediaStream mic = rtc.microphone();
                    pc.addTrack(mic.getAudioTracks().get(0), mic);
                    AtomicLong loud = new AtomicLong();
                    loudChunks.add(loud);
                    pc.addEventListener(RTCPeerConnection.TRACK, e -> countLoud(e.track(), loud));
                }
                Negotiation.connect(a, b);
            }
            Thread.sleep(RUN_MILLIS);
            for (int i = 0; i < loudChunks.size(); i++) {
                assertThat(loudChunks.get(i).get()).as("non-silent 10 ms chunks received by connection " + i)
                        .isGreaterThan(20);
            }
        } finally {
            connections.forEach(RTCPeerConnection::close);
        }
    }

    private static void countLoud(MediaStreamTrack track, AtomicLong loud) {
        track.addSink((org.peerstack.media.AudioSink) data -> {
            if (!data.isSilent()) {
                loud.incrementAndGet();
            }
        });
    }

    @Test
    void remoteAudioTrackUnmutesWhenAudioArrives() throws Exception {
        RTCPeerConnection a = rtc.connection();
        RTCPeerConnection b = rtc.connection();
        try {
            MediaStream mic = rtc.microphone();
            a.addTrack(mic.getAudioTracks().get(0), mic);
            CompletableFuture<MediaStreamTrack> remote = new CompletableFuture<>();
            b.addEventListener(RTCPeerConnection.TRACK, e -> remote.complete(e.track()));
            Negotiation.connect(a, b);
            MediaStreamTrack track = remote.get(20, TimeUnit.SECONDS);
            CompletableFuture<Void> unmuted = new CompletableFuture<>();
            track.addEventListener(MediaStreamTrack.UNMUTE, e -> unmuted.complete(null));
            if (!track.isMuted()) {
                unmuted.complete(null);
            }
            unmuted.get(20, TimeUnit.SECONDS);
            assertThat(track.kind().token()).isEqualTo("audio");
        } finally {
            a.close();
            b.close();
        }
    }
}
