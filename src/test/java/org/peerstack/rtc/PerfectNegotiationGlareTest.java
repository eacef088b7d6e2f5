package org.peerstack.rtc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.peerstack.media.MediaKind;

/**
 * Offer glare between two {@link PerfectNegotiation}s whose polite side still has changes to negotiate
 * after the collision (issue 18: an echo bot that joined after a page was left in {@code have-local-offer}
 * for ever, its echo never negotiated). Two Java peers meet through {@link SignalingWire}s (in order, one
 * thread per direction, each message handed over without waiting for the previous one to be applied).
 * Each repetition asserts what each side sent, in order (an answer goes out before the next offer), and
 * that both end {@code stable} with every transceiver negotiated ({@code currentDirection} as the two
 * directions say).
 */
class PerfectNegotiationGlareTest {

    private static final int REPETITIONS = 200;
    private static final long SETTLE_SECONDS = 10;

    @RegisterExtension
    static final RtcFixture rtc = RtcFixture.withFakeDevices();

    /**
     * Both add a transceiver and both offer; the offers cross (held on the wires until both are out).
     * The polite side rolls back, answers the impolite side's offer and then offers its own transceiver
     * again: the answer and that offer reach the impolite side back to back, and the offer must not be
     * taken for a collision (it arrives while the answer is being applied).
     */
    @Test
    void crossingOffersThePoliteSideAnswersThenOffersItsPendingChange() throws Exception {
        for (int i = 0; i < REPETITIONS; i++) {
            crossingOffers(i);
        }
    }

    @Test
    void crossingOffersUnderACpuBurningThread() throws Exception {
        try (CpuBurner burner = new CpuBurner()) {
            for (int i = 0; i < REPETITIONS; i++) {
                crossingOffers(i);
            }
        }
    }

    /**
     * {@code negotiationneeded} is queued while the polite side is {@code stable} and idle, but a remote
     * offer is applied before the listener runs (the event thread is late; here it is held until the offer
     * was applied). W3C fires the event as a task that re-checks {@code stable}, so the offer is answered
     * first and the change is offered after it, never an answer made twice.
     */
    @Test
    void aRemoteOfferAppliedBeforeTheNegotiationNeededListenerRunsIsAnsweredFirst() throws Exception {
        for (int i = 0; i < REPETITIONS; i++) {
            offerWhileNegotiationNeededIsQueued(i);
        }
    }

    private void crossingOffers(int repetition) throws Exception {
        RTCPeerConnection polite = rtc.engine().createPeerConnection(RTCConfiguration.newBuilder().build());
        RTCPeerConnection impolite = rtc.engine().createPeerConnection(RTCConfiguration.newBuilder().build());
        try (SignalingWire fromPolite = new SignalingWire(polite, true);
             SignalingWire fromImpolite = new SignalingWire(impolite, true)) {
            wire(polite, fromPolite, impolite, fromImpolite);
            polite.addTransceiver(MediaKind.VIDEO, RTCRtpTransceiverDirection.SENDRECV);
            impolite.addTransceiver(MediaKind.AUDIO, RTCRtpTransceiverDirection.SENDRECV);
            await(() -> fromPolite.sentTypes().contains("offer") && fromImpolite.sentTypes().contains("offer"));
            fromPolite.release();
            fromImpolite.release();

            settle(polite, fromPolite, impolite, fromImpolite, 3, 2);
            String what = describe(repetition, polite, fromPolite, impolite, fromImpolite);
            // The polite side's first offer is ignored; it answers the impolite offer, then offers again.
            assertThat(fromPolite.sentTypes()).as(what).containsExactly("offer", "answer", "offer");
            assertThat(fromImpolite.sentTypes()).as(what).containsExactly("offer", "answer");
            assertNegotiated(what, polite, impolite, Map.of("audio", "recvonly", "video", "sendonly"),
                    Map.of("audio", "sendonly", "video", "recvonly"));
        } finally {
            polite.close();
            impolite.close();
        }
    }

    private void offerWhileNegotiationNeededIsQueued(int repetition) throws Exception {
        RTCPeerConnection polite = rtc.engine().createPeerConnection(RTCConfiguration.newBuilder().build());
        RTCPeerConnection impolite = rtc.engine().createPeerConnection(RTCConfiguration.newBuilder().build());
        try (SignalingWire fromPolite = new SignalingWire(polite, false);
             SignalingWire fromImpolite = new SignalingWire(impolite, false)) {
            // Registered before PerfectNegotiation's listener: holds the polite side's first event until the
            // impolite offer has been applied (the event thread is late, as under load).
            AtomicBoolean first = new AtomicBoolean(true);
            CountDownLatch queued = new CountDownLatch(1);
            polite.addEventListener(RTCPeerConnection.NEGOTIATION_NEEDED, e -> {
                if (first.get()) {
                    queued.countDown();
                    awaitQuietly(() -> polite.signalingState() == RTCSignalingState.HAVE_REMOTE_OFFER);
                }
            });
            PerfectNegotiation politeSide = wire(polite, fromPolite, impolite, fromImpolite);
            // Registered after it: PerfectNegotiation has handled the first event.
            CountDownLatch handled = new CountDownLatch(1);
            polite.addEventListener(RTCPeerConnection.NEGOTIATION_NEEDED, e -> {
                first.set(false);
                handled.countDown();
            });
            // Holds the answer until that handling is done, so the two meet in the operations chain.
            politeSide.beforeAnswer(() -> awaitQuietly(() -> handled.getCount() == 0));

            polite.addTransceiver(MediaKind.VIDEO, RTCRtpTransceiverDirection.SENDRECV);
            assertThat(queued.await(SETTLE_SECONDS, TimeUnit.SECONDS)).as("negotiationneeded fired").isTrue();
            impolite.addTransceiver(MediaKind.AUDIO, RTCRtpTransceiverDirection.SENDRECV);

            settle(polite, fromPolite, impolite, fromImpolite, 2, 2);
            String what = describe(repetition, polite, fromPolite, impolite, fromImpolite);
            assertThat(fromPolite.sent()).as(what).containsExactly("answer@stable", "offer@have-local-offer");
            assertThat(fromImpolite.sentTypes()).as(what).containsExactly("offer", "answer");
            assertNegotiated(what, polite, impolite, Map.of("audio", "recvonly", "video", "sendonly"),
                    Map.of("audio", "sendonly", "video", "recvonly"));
        } finally {
            polite.close();
            impolite.close();
        }
    }

    /** Attaches both sides to the wires; returns the polite side's negotiation. */
    private static PerfectNegotiation wire(RTCPeerConnection polite, SignalingWire fromPolite,
                                           RTCPeerConnection impolite, SignalingWire fromImpolite) {
        PerfectNegotiation p = PerfectNegotiation.attach(polite, true, fromPolite::description, fromPolite::candidate);
        PerfectNegotiation i = PerfectNegotiation.attach(impolite, false, fromImpolite::description,
                fromImpolite::candidate);
        fromPolite.to(i);
        fromImpolite.to(p);
        return p;
    }

    /** Waits until both sent what is expected and are stable and idle (or the time is up), then a little more. */
    private static void settle(RTCPeerConnection polite, SignalingWire fromPolite, RTCPeerConnection impolite,
                               SignalingWire fromImpolite, int politeSends, int impoliteSends) throws Exception {
        await(() -> fromPolite.sent().size() >= politeSends && fromImpolite.sent().size() >= impoliteSends
                && quiet(polite) && quiet(impolite));
        // Anything sent after the expected messages (a duplicate answer, an extra offer) comes within this.
        Thread.sleep(20);
        await(() -> quiet(polite) && quiet(impolite));
    }

    private static boolean quiet(RTCPeerConnection pc) {
        return pc.signalingState() == RTCSignalingState.STABLE && pc.operations.isIdle();
    }

    /** Both are stable, and every transceiver's currentDirection is what was offered and answered. */
    private static void assertNegotiated(String what, RTCPeerConnection polite, RTCPeerConnection impolite,
                                         Map<String, String> atPolite, Map<String, String> atImpolite) {
        assertThat(polite.signalingState()).as(what).isEqualTo(RTCSignalingState.STABLE);
        assertThat(impolite.signalingState()).as(what).isEqualTo(RTCSignalingState.STABLE);
        assertThat(currentDirections(polite)).as("polite side's current directions; " + what).isEqualTo(atPolite);
        assertThat(currentDirections(impolite)).as("impolite side's current directions; " + what).isEqualTo(atImpolite);
    }

    private static Map<String, String> currentDirections(RTCPeerConnection pc) {
        Map<String, String> directions = new TreeMap<>();
        for (RTCRtpTransceiver t : pc.getTransceivers()) {
            RTCRtpTransceiverDirection current = t.currentDirection();
            directions.put(t.receiver().track().kind().token(), current == null ? "null" : current.token());
        }
        return directions;
    }

    private static String describe(int repetition, RTCPeerConnection polite, SignalingWire fromPolite,
                                   RTCPeerConnection impolite, SignalingWire fromImpolite) {
        return "repetition " + repetition + ": polite " + polite.signalingState().token() + " sent "
                + fromPolite.sent() + " " + currentDirections(polite) + ", impolite "
                + impolite.signalingState().token() + " sent " + fromImpolite.sent() + " " + currentDirections(impolite);
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SETTLE_SECONDS);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
    }

    private static void awaitQuietly(BooleanSupplier condition) {
        try {
            await(condition);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A thread that keeps one core busy while it is open. */
    private static final class CpuBurner implements AutoCloseable {
        private final AtomicBoolean burn = new AtomicBoolean(true);
        private final Thread thread = new Thread(() -> {
            long x = 0;
            while (burn.get()) {
                x += System.nanoTime() % 7;
            }
            if (x == 42) {
                System.out.print("");
            }
        }, "cpu-burner");

        CpuBurner() {
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void close() throws InterruptedException {
            burn.set(false);
            thread.join(5_000);
        }
    }
}
