package org.peerstack.rtc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.peerstack.media.MediaStream;
import org.peerstack.media.MediaStreamTrack;

/** A remote track forwarded to a third peer (the relay building block), data-channel backpressure, and
 * the remote side vanishing. */
class RelayAndBackpressureTest {

    @RegisterExtension
    static final RtcFixture rtc = RtcFixture.withFakeDevices();

    private static RTCPeerConnection pc() {
        return rtc.connection();
    }

    @Test
    void remoteTrackForwardedToAThirdPeerArrivesThere() throws Exception {
        RTCPeerConnection source = pc();
        RTCPeerConnection relayIn = pc();
        RTCPeerConnection relayOut = pc();
        RTCPeerConnection viewer = pc();
        try {
            MediaStream cam = rtc.camera();
            source.addTrack(cam.getVideoTracks().get(0), cam);
            CompletableFuture<RTCTrackEvent> atRelay = new CompletableFuture<>();
            relayIn.addEventListener(RTCPeerConnection.TRACK, atRelay::complete);
            Negotiation.connect(source, relayIn);
            RTCTrackEvent received = atRelay.get(20, TimeUnit.SECONDS);

            relayOut.addTrack(received.track(), received.streams().toArray(MediaStream[]::new));
            CompletableFuture<RTCTrackEvent> atViewer = new CompletableFuture<>();
            viewer.addEventListener(RTCPeerConnection.TRACK, atViewer::complete);
            Negotiation.connect(relayOut, viewer);
            RTCTrackEvent forwarded = atViewer.get(20, TimeUnit.SECONDS);
            assertThat(forwarded.streams().get(0).id()).isEqualTo(cam.id());

            AtomicLong frames = new AtomicLong();
            CountDownLatch thirty = new CountDownLatch(30);
            forwarded.track().addSink((org.peerstack.media.VideoSink) f -> {
                frames.incrementAndGet();
                thirty.countDown();
            });
            assertThat(thirty.await(20, TimeUnit.SECONDS)).as("30 relayed frames at the viewer").isTrue();
        } finally {
            List.of(source, relayIn, relayOut, viewer).forEach(RTCPeerConnection::close);
        }
    }

    @Test
    void bufferedAmountRisesOnSendAndBufferedAmountLowFiresWhenDrained() throws Exception {
        RTCPeerConnection a = pc();
        RTCPeerConnection b = pc();
        try {
            RTCDataChannel channel = a.createDataChannel("bulk");
            CompletableFuture<Void> open = new CompletableFuture<>();
            channel.addEventListener(RTCDataChannel.OPEN, e -> open.complete(null));
            AtomicLong receivedBytes = new AtomicLong();
            b.addEventListener(RTCPeerConnection.DATA_CHANNEL, e -> e.channel().addEventListener(RTCDataChannel.MESSAGE,
                    m -> receivedBytes.addAndGet(m.size())));
            Negotiation.connect(a, b);
            open.get(20, TimeUnit.SECONDS);

            channel.setBufferedAmountLowThreshold(64 * 1024);
            CompletableFuture<Void> low = new CompletableFuture<>();
            java.util.concurrent.atomic.AtomicBoolean sent = new java.util.concurrent.atomic.AtomicBoolean();
            // The queue may drain and refill while sending; only an event after the last send is the one awaited.
            channel.addEventListener(RTCDataChannel.BUFFERED_AMOUNT_LOW, e -> {
                if (sent.get()) {
                    low.complete(null);
                }
            });
            byte[] chunk = new byte[64 * 1024];
            long peak = 0;
            int messages = 64;
            for (int i = 0; i < messages; i++) {
                channel.send(chunk);
                peak = Math.max(peak, channel.bufferedAmount());
            }
            sent.set(true);
            assertThat(peak).as("bytes queued right after sending 4 MiB").isGreaterThan(64 * 1024);
            if (channel.bufferedAmount() > 64 * 1024) {
                low.get(30, TimeUnit.SECONDS);
            }
            assertThat(channel.bufferedAmount()).isLessThanOrEqualTo(64 * 1024);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (receivedBytes.get() < (long) messages * chunk.length && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(receivedBytes.get()).as("every byte arrives").isEqualTo((long) messages * chunk.length);
        } finally {
            a.close();
            b.close();
        }
    }

    @Test
    void aListenerAddedInTheDatachannelHandlerMissesNoMessageEvenWhenTheHandlerIsSlow() throws Exception {
        RTCPeerConnection a = pc();
        RTCPeerConnection b = pc();
        try {
            RTCDataChannel channel = a.createDataChannel("eager");
            int messages = 50;
            // The sender starts as soon as its side is open, while B's datachannel handler is still busy.
            channel.addEventListener(RTCDataChannel.OPEN, e -> {
                for (int i = 0; i < messages; i++) {
                    channel.send("m" + i);
                }
            });
            BlockingQueue<String> received = new LinkedBlockingQueue<>();
            b.addEventListener(RTCPeerConnection.DATA_CHANNEL, e -> {
                try {
                    Thread.sleep(500);
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
                e.channel().addEventListener(RTCDataChannel.MESSAGE, m -> received.add(m.text()));
            });
            Negotiation.connect(a, b);
            for (int i = 0; i < messages; i++) {
                assertThat(received.poll(20, TimeUnit.SECONDS)).as("message %d, in order", i).isEqualTo("m" + i);
            }
        } finally {
            a.close();
            b.close();
        }
    }

    @Test
    void remoteSideVanishingIsReportedAsDisconnectedOrFailed() throws Exception {
        RTCPeerConnection a = pc();
        RTCPeerConnection b = pc();
        try {
            a.createDataChannel("ping");
            Negotiation.connect(a, b);
            BlockingQueue<RTCPeerConnectionState> states = new LinkedBlockingQueue<>();
            a.addEventListener(RTCPeerConnection.CONNECTION_STATE_CHANGE, e -> states.add(a.connectionState()));
            b.close();
            // A 'connected' event fired before the close may still be on its way to the listener
            // (events are delivered asynchronously): skip it, the next state must be a loss.
            RTCPeerConnectionState next = states.poll(40, TimeUnit.SECONDS);
            while (next == RTCPeerConnectionState.CONNECTED) {
                next = states.poll(40, TimeUnit.SECONDS);
            }
            assertThat(next).as("state after the remote vanished")
                    .isIn(RTCPeerConnectionState.DISCONNECTED, RTCPeerConnectionState.FAILED);
        } finally {
            a.close();
            b.close();
        }
    }

    @Test
    void listenersMayCallBackIntoTheConnectionWithoutDeadlock() throws Exception {
        RTCPeerConnection a = pc();
        RTCPeerConnection b = pc();
        try {
            CompletableFuture<RTCStatsReport> fromListener = new CompletableFuture<>();
            // Blocking calls from inside a listener: they must not need the listener's thread.
            a.addEventListener(RTCPeerConnection.CONNECTION_STATE_CHANGE, e -> {
                if (a.connectionState() == RTCPeerConnectionState.CONNECTED && !fromListener.isDone()) {
                    try {
                        a.createDataChannel("from-listener");
                        fromListener.complete(a.getStats().get(10, TimeUnit.SECONDS));
                    } catch (Exception ex) {
                        fromListener.completeExceptionally(ex);
                    }
                }
            });
            a.createDataChannel("first");
            Negotiation.connect(a, b);
            assertThat(fromListener.get(20, TimeUnit.SECONDS).size()).isPositive();
            // A future's dependent stage may block on another operation of the same connection.
            RTCSessionDescription offer = a.createOffer().thenApply(o -> {
                try {
                    a.createOffer().get(10, TimeUnit.SECONDS);
                } catch (Exception ex) {
                    throw new IllegalStateException(ex);
                }
                return o;
            }).get(20, TimeUnit.SECONDS);
            assertThat(offer.type()).isEqualTo(RTCSdpType.OFFER);
        } finally {
            a.close();
            b.close();
        }
    }

    @Test
    void disabledSenderTrackDeliversBlackFramesNotNothing() throws Exception {
        RTCPeerConnection a = pc();
        RTCPeerConnection b = pc();
        try {
            MediaStream cam = rtc.camera();
            MediaStreamTrack track = cam.getVideoTracks().get(0);
            track.setEnabled(false);
            a.addTrack(track, cam);
            CompletableFuture<RTCTrackEvent> remote = new CompletableFuture<>();
            b.addEventListener(RTCPeerConnection.TRACK, remote::complete);
            Negotiation.connect(a, b);
            MediaStreamTrack received = remote.get(20, TimeUnit.SECONDS).track();
            CountDownLatch darkFrames = new CountDownLatch(10);
            received.addSink((org.peerstack.media.VideoSink) f -> {
                java.nio.ByteBuffer y = f.dataY();
                int sample = y.get(y.position() + (f.height() / 2) * f.strideY() + f.width() / 2) & 0xff;
                if (sample < 40) {
                    darkFrames.countDown();
                }
            });
            assertThat(darkFrames.await(20, TimeUnit.SECONDS)).as("black frames arrive").isTrue();
        } finally {
            a.close();
            b.close();
        }
    }
}
