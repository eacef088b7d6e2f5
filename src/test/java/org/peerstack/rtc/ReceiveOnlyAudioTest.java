package org.peerstack.rtc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.peerstack.config.PeerstackConfig;
import org.peerstack.media.AudioSink;
import org.peerstack.media.MediaStream;
import org.peerstack.media.MediaStreamTrack;

/**
 * An engine that only receives audio decodes it, with the shipped configuration and nothing sent back.
 * Before the fix, webrtc-java's headless module pulled decoded audio only while its engine also sent
 * audio, so a receive-only engine's remote tracks delivered nothing.
 *
 * <p>The sender runs on the fixture's engine; the receiver on an engine of its own, built from the
 * defaults alone (no {@code audio-mode} override).
 */
class ReceiveOnlyAudioTest {

    @RegisterExtension
    static final RtcFixture sender = RtcFixture.withFakeDevices();

    /** Non-silent 10 ms chunks the receiver must get in {@link #LISTEN_MILLIS} (a beep is 200 ms a second). */
    private static final long MIN_LOUD_CHUNKS = 40;
    private static final long LISTEN_MILLIS = 3_000;
    /** Calls started and ended on the receiving engine in the stress test. */
    private static final int STRESS_ROUNDS = 15;

    private static WebRtcEngine receiverEngine;

    @BeforeAll
    static void receiverEngine() {
        receiverEngine = WebRtcEngine.create(PeerstackConfig.loader().load(Optional.empty(), Map.of(), Map.of()));
    }

    @AfterAll
    static void closeReceiverEngine() {
        receiverEngine.close();
    }

    @Test
    void aReceiveOnlyEngineDeliversRemoteAudioToSinks() throws Exception {
        RTCPeerConnection receiver = receiverEngine.createPeerConnection(RTCConfiguration.newBuilder().build());
        try {
            AtomicLong loud = listen(receiver);
            sendMicrophone(sender.connection(), receiver);
            Thread.sleep(LISTEN_MILLIS);
            assertThat(loud.get()).as("non-silent 10 ms chunks at the receive-only engine").isGreaterThan(MIN_LOUD_CHUNKS);
            assertThat(receiver.getSenders()).as("the receiver sends nothing")
                    .allSatisfy(s -> assertThat(s.track()).isNull());
        } finally {
            receiver.close();
        }
    }

    @Test
    void receiveOnlyConnectionKeepsDecodingAfterTheEnginesLastAudioSenderCloses() throws Exception {
        RTCPeerConnection receiveOnly = receiverEngine.createPeerConnection(RTCConfiguration.newBuilder().build());
        RTCPeerConnection sending = receiverEngine.createPeerConnection(RTCConfiguration.newBuilder().build());
        try {
            AtomicLong loud = listen(receiveOnly);
            sendMicrophone(sender.connection(), receiveOnly);
            // A second connection of the same engine sends audio too, then closes: libwebrtc stops the audio
            // device module's recording when its last audio send stream goes.
            MediaStream mic = sender.microphone();
            sending.addTrack(mic.getAudioTracks().get(0), mic);
            Negotiation.connect(sending, sender.connection());
            Thread.sleep(1_000);
            sending.close();
            long before = loud.get();
            Thread.sleep(LISTEN_MILLIS);
            assertThat(loud.get() - before).as("non-silent chunks after the engine's last audio sender closed")
                    .isGreaterThan(MIN_LOUD_CHUNKS);
        } finally {
            receiveOnly.close();
            sending.close();
        }
    }

    @Test
    void repeatedAudioCallsOnTheSameEngineNeitherAbortNorStopItsReceiveOnlyConnection() throws Exception {
        RTCPeerConnection receiveOnly = receiverEngine.createPeerConnection(RTCConfiguration.newBuilder().build());
        try {
            AtomicLong loud = listen(receiveOnly);
            sendMicrophone(sender.connection(), receiveOnly);
            for (int round = 0; round < STRESS_ROUNDS; round++) {
                // Two connections of the receiver's engine call each other, both sending audio: its audio
                // send streams start and stop every round while the receive-only connection decodes.
                RTCPeerConnection a = receiverEngine.createPeerConnection(RTCConfiguration.newBuilder().build());
                RTCPeerConnection b = receiverEngine.createPeerConnection(RTCConfiguration.newBuilder().build());
                try {
                    AtomicLong heardByB = listen(b);
                    for (RTCPeerConnection pc : java.util.List.of(a, b)) {
                        MediaStream mic = sender.microphone();
                        pc.addTrack(mic.getAudioTracks().get(0), mic);
                    }
                    Negotiation.connect(a, b);
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                    while (heardByB.get() == 0 && System.nanoTime() < deadline) {
                        Thread.sleep(20);
                    }
                    assertThat(heardByB.get()).as("round " + round + ": audio between two sending connections").isPositive();
                } finally {
                    a.close();
                    b.close();
                }
            }
            long before = loud.get();
            Thread.sleep(LISTEN_MILLIS);
            assertThat(loud.get() - before).as("non-silent chunks at the receive-only connection after "
                    + STRESS_ROUNDS + " calls").isGreaterThan(MIN_LOUD_CHUNKS);
        } finally {
            receiveOnly.close();
        }
    }

    /** Counts the non-silent 10 ms chunks of every remote audio track of {@code pc}. */
    private static AtomicLong listen(RTCPeerConnection pc) {
        AtomicLong loud = new AtomicLong();
        pc.addEventListener(RTCPeerConnection.TRACK, e -> e.track().addSink((AudioSink) data -> {
            if (!data.isSilent()) {
                loud.incrementAndGet();
            }
        }));
        return loud;
    }

    /** {@code from} sends a fake microphone to {@code to}, which answers without tracks; waits for the track. */
    private static void sendMicrophone(RTCPeerConnection from, RTCPeerConnection to) throws Exception {
        MediaStream mic = sender.microphone();
        from.addTrack(mic.getAudioTracks().get(0), mic);
        CompletableFuture<MediaStreamTrack> remote = new CompletableFuture<>();
        to.addEventListener(RTCPeerConnection.TRACK, e -> remote.complete(e.track()));
        Negotiation.connect(from, to);
        remote.get(Negotiation.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }
}
